import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractCodeLinks } from "../../../src/ingest/text/code-links";

describe("extractCodeLinks on real abstract snippets", () => {
  it.each([
    // daily-arxiv summaries, quoted with their hard wraps.
    ["Code is available at\nhttps://github.com/Buyun-Liang/SECA.", ["https://github.com/Buyun-Liang/SECA"]],
    [
      "code and data are\navailable at https://github.com/cacayaya/DRIFT.git.",
      ["https://github.com/cacayaya/DRIFT"],
    ],
    [
      "with experimental logs and system code at\nhttps://github.com/ResearAI/DeepScientist/.",
      ["https://github.com/ResearAI/DeepScientist"],
    ],
    ["website is\npublished at https://instant4d.github.io/.", ["https://instant4d.github.io"]],
    [
      "Project\nPage:https://zhangyl4.github.io/publications/eyes-wide-open/",
      ["https://zhangyl4.github.io/publications/eyes-wide-open"],
    ],
    [
      "UVLM RL baselines. Code:\n\\href{https://github.com/Haochen-Wang409/PairUni}{github.com/Haochen-Wang409/PairUni}",
      ["https://github.com/Haochen-Wang409/PairUni"],
    ],
    [
      "data are valuable at this\n\\href{https://github.com/laojiahuo2003/CXRAgent/}{link}.",
      ["https://github.com/laojiahuo2003/CXRAgent"],
    ],
    [
      "publicly available\\footnote{https://github.com/SenseRoboticsLab/estimating-fog-parameters} to the community",
      ["https://github.com/SenseRoboticsLab/estimating-fog-parameters"],
    ],
    [
      "(i) DSPy+HELM Integration (https://github.com/stanford-crfm/helm/pull/3893) and (ii)",
      ["https://github.com/stanford-crfm/helm/pull/3893"],
    ],
    [
      "in structured JSON\ngeneration.(https://github.com/GTS-AI-Infra-Lab-SotaS/DeepJSONEval).",
      ["https://github.com/GTS-AI-Infra-Lab-SotaS/DeepJSONEval"],
    ],
    [
      "Code is available at:\nhttps://github.com/xzhang9308/BADiff. Project: https://x.github.io/badiff/",
      ["https://github.com/xzhang9308/BADiff", "https://x.github.io/badiff"],
    ],
    [
      "Code is available at:\nhttps:github.com/CodeAXu/Solar-PV-Installation",
      ["https://github.com/CodeAXu/Solar-PV-Installation"],
    ],
    [
      "Code and reproducible scripts are available at https:\n//github.com/tienphat140205/XTRA.",
      ["https://github.com/tienphat140205/XTRA"],
    ],
    [
      "Code is available at:\n  https://www.kaggle.com/code/kapedalex/cycleablationpublic/",
      ["https://kaggle.com/code/kapedalex/cycleablationpublic"],
    ],
    [
      "Dataset: https://doi.org/10.5281/zenodo.17249602 and code: https://github.com/alikhairallah/ALHD-Benchmarking",
      ["https://doi.org/10.5281/zenodo.17249602", "https://github.com/alikhairallah/ALHD-Benchmarking"],
    ],
    [
      "at https://gitlab.kit.edu/kit/aifb/ATKS/public/AutoSMiLeS/DEAP-DIVE.",
      ["https://gitlab.kit.edu/kit/aifb/ATKS/public/AutoSMiLeS/DEAP-DIVE"],
    ],
  ])("%s", (text, links) => {
    expect(extractCodeLinks(text)).toEqual(links);
  });

  it("joins URLs that a line wrap split after / or - or the host dot", () => {
    expect(
      extractCodeLinks(
        "the following link https://github.com/\nGepardius/Taetz_Bordelius_Continual_ImageCaptioning.",
      ),
    ).toEqual(["https://github.com/Gepardius/Taetz_Bordelius_Continual_ImageCaptioning"]);
    expect(extractCodeLinks("can be found here https://github.com/ Nikunj-Gupta/hierouter.")).toEqual([
      "https://github.com/Nikunj-Gupta/hierouter",
    ]);
    expect(extractCodeLinks("set can be found at https://github.\ncom/ronan-39/tlt/).")).toEqual([
      "https://github.com/ronan-39/tlt",
    ]);
    expect(extractCodeLinks("https://github.com/foo/bar-\nbaz for details")).toEqual([
      "https://github.com/foo/bar-baz",
    ]);
  });

  it("does not join a complete URL with the next word", () => {
    expect(extractCodeLinks("see https://github.com/x/y/ for details")).toEqual(["https://github.com/x/y"]);
    expect(extractCodeLinks("at https://github.com/x/y.\n\nNext paragraph/with slash")).toEqual([
      "https://github.com/x/y",
    ]);
  });

  it("finds the links in a seed abstract", async () => {
    const seed = await (await env.FIXTURES.fetch("http://fixtures/seeds/003_83750b29675ba264.txt")).text();
    expect(extractCodeLinks(seed)).toEqual([
      "https://github.com/daochenzha/neuroshard",
      "https://github.com/JiuTiannn/SMC-Self-discipline-on-multiple-channels",
    ]);
  });
});

describe("extractCodeLinks normalisation and filtering", () => {
  it("normalises to https, drops www, de-duplicates in order of appearance", () => {
    expect(
      extractCodeLinks(
        "http://www.GitHub.com/A/B, then github.com/A/B and https://huggingface.co/datasets/x/y",
      ),
    ).toEqual(["https://github.com/A/B", "https://huggingface.co/datasets/x/y"]);
  });

  it("accepts every listed host and nothing else", () => {
    const text = [
      "https://gitlab.com/group/project",
      "https://bitbucket.org/team/repo",
      "https://codeberg.org/user/repo",
      "https://huggingface.co/org/model",
      "https://sourceforge.net/projects/foo",
      "https://www.kaggle.com/code/user/notebook",
      "https://paperswithcode.com/paper/foo",
      "https://zenodo.org/records/123",
      "https://colab.research.google.com/drive/abc",
      "https://lab.github.io/project",
      "https://arxiv.org/abs/2401.00001",
      "https://www.kaggle.com/competitions/x",
      "https://sites.google.com/view/yowo/home",
      "https://github.com",
      "https://notgithub.com/x/y",
    ].join(" ");
    expect(extractCodeLinks(text)).toEqual([
      "https://gitlab.com/group/project",
      "https://bitbucket.org/team/repo",
      "https://codeberg.org/user/repo",
      "https://huggingface.co/org/model",
      "https://sourceforge.net/projects/foo",
      "https://kaggle.com/code/user/notebook",
      "https://paperswithcode.com/paper/foo",
      "https://zenodo.org/records/123",
      "https://colab.research.google.com/drive/abc",
      "https://lab.github.io/project",
    ]);
  });

  it("keeps brackets that the URL itself opened and query or fragment parts", () => {
    expect(extractCodeLinks("(see https://github.com/a/b/wiki/Foo_(bar))")).toEqual([
      "https://github.com/a/b/wiki/Foo_(bar)",
    ]);
    expect(extractCodeLinks("https://github.com/x/y#readme, https://github.com/x/z?tab=1.")).toEqual([
      "https://github.com/x/y#readme",
      "https://github.com/x/z?tab=1",
    ]);
  });

  it("ignores e-mail addresses and the middle of other URLs", () => {
    expect(extractCodeLinks("mail me@github.com/x or https://example.org/github.com/x/y")).toEqual([]);
  });

  it("returns nothing for text without links", () => {
    expect(extractCodeLinks("")).toEqual([]);
    expect(extractCodeLinks("We study GitHub repositories (github.com) at scale.")).toEqual([]);
  });
});

describe("extractCodeLinks properties", () => {
  const linkish = fc.array(
    fc.constantFrom(
      "https://",
      "http://",
      "github.com/",
      "x.github.io",
      "/",
      "-",
      ".",
      " ",
      "\n",
      "a",
      "B9",
      "(",
      ")",
      "\\href{",
      "}{",
      "}",
      "\\_",
      "https:",
      "huggingface.co",
      ":",
      "@",
      "%",
    ),
    { maxLength: 40 },
  );

  it("never throws and returns only https URLs without whitespace", () => {
    for (const strings of [fc.string({ maxLength: 300 }), linkish.map((parts) => parts.join(""))]) {
      fc.assert(
        fc.property(strings, (text) => {
          for (const link of extractCodeLinks(text)) {
            expect(link.startsWith("https://")).toBe(true);
            expect(link).not.toMatch(/\s/);
            expect(() => new URL(link)).not.toThrow();
            expect(new URL(link).protocol).toBe("https:");
          }
        }),
        { numRuns: 3000 },
      );
    }
  });

  it("returns no duplicates", () => {
    fc.assert(
      fc.property(
        linkish.map((parts) => parts.join("")),
        (text) => {
          const links = extractCodeLinks(text);
          expect(new Set(links).size).toBe(links.length);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
