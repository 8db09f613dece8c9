import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { deriveHeadline, HEADLINE_MAX_LENGTH, headlineRule } from "../../../src/ingest/text/headline";

async function fixtureText(path: string): Promise<string> {
  const response = await env.FIXTURES.fetch(`http://fixtures/${path}`);
  if (!response.ok) throw new Error(`missing fixture ${path}`);
  return response.text();
}

/** Abstracts in either seed layout: blank-line paragraphs, or one `Abstract:` line each. */
function seedAbstracts(text: string): string[] {
  if (text.includes("Abstract:")) {
    return text
      .split("\n")
      .filter((line) => line.startsWith("Abstract:"))
      .map((line) => line.slice("Abstract:".length).trim());
  }
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 200 && !paragraph.startsWith("arXiv:"));
}

let seeds: string[] = [];

/** The seed abstract that contains `marker` (seeds have no titles, so we find them by their text). */
function seed(marker: string): string {
  const found = seeds.find((abstract) => abstract.includes(marker));
  if (found === undefined) throw new Error(`no seed abstract contains ${marker}`);
  return found;
}

beforeAll(async () => {
  const files = (await (await env.FIXTURES.fetch("http://fixtures/seeds/")).json()) as string[];
  const texts = await Promise.all(files.map((file) => fixtureText(`seeds/${file}`)));
  seeds = texts.flatMap(seedAbstracts);
});

describe("deriveHeadline on the seed abstracts: named systems", () => {
  it.each([
    [
      "We introduce MoMa",
      "MoMa: modality-aware mixture-of-experts architecture for pre-training mixed-modal…",
    ],
    ["we propose Disaggregated Multi-Tower (DMT)", "Disaggregated Multi-Tower (DMT): modeling technique"],
    [
      "collectively dubbed Wukong",
      "Wukong: network architecture based purely on stacked factorization machines…",
    ],
    [
      "we introduce Mixture-of-Transformers",
      "Mixture-of-Transformers (MoT): sparse multi-modal transformer architecture that significantly…",
    ],
    ["unified protein language model, xTrimoPGLM", "xTrimoPGLM: unified protein language model"],
    [
      "we introduce PyTorch Fully Sharded Data Parallel",
      "PyTorch Fully Sharded Data Parallel (FSDP): industry-grade solution for large model training",
    ],
    [
      "we propose DHEN - a deep",
      "DHEN: deep and hierarchical ensemble architecture that can leverage strengths of heterogeneous…",
    ],
    [
      'we propose "Prompt-and-Align" (P&A)',
      "Prompt-and-Align (P&A): prompt-based paradigm for few-shot fake news detection that jointly…",
    ],
    ['named "Double-I watermark"', "Double-I watermark: watermarking approach"],
    [
      "this work introduces DistAttention",
      "DistAttention: distributed attention algorithm that segments the KV Cache into smaller…",
    ],
    [
      "This paper developed Self-discipline",
      "Self-discipline on multiple channels (SMC), which combines consistency regularization…",
    ],
  ])("%s → %s", (marker, headline) => {
    const abstract = seed(marker);
    expect(deriveHeadline(abstract)).toBe(headline);
    expect(headlineRule(abstract)).toBe("named-system");
  });
});

describe("deriveHeadline on the seed abstracts: fallbacks", () => {
  it.each([
    // "We explore X, using Y": the key sentence as a gerund, cut at the participle clause.
    ["We explore the Fano resonance in ZrTe5", "Exploring the Fano resonance in ZrTe5", "key-sentence"],
    // "Here, we present X": the object noun phrase; LaTeX rendered (ErFeO$_3$ → ErFeO₃).
    [
      "spectroscopic evidence for a magnonic SRPT",
      "Spectroscopic evidence for a magnonic SRPT in ErFeO₃",
      "key-sentence",
    ],
    // Passive lead-in "Here, a method is demonstrated to …".
    [
      "Here, a method is demonstrated",
      "Method to precisely control domain configurations in BaTiO₃ thin films through low-energy He ion…",
      "key-sentence",
    ],
    // "We present and benchmark a …": both verbs go, the noun phrase stays.
    [
      "We present and benchmark a quantum computing approach",
      "Quantum computing approach to calculate the two-dimensional coherent spectrum of high-spin models",
      "key-sentence",
    ],
    // "we explore X and propose a novel approach for Y": the proposed thing, filler adjective dropped.
    [
      "propose a novel approach for compressing KV heads",
      "Approach for compressing KV heads",
      "key-sentence",
    ],
    // "We present a theory of X and apply it to …": the conjoined verb ends the noun phrase.
    [
      "We present a comprehensive theory of light-controlled",
      "Comprehensive theory of light-controlled multi-band superconductivity",
      "key-sentence",
    ],
    // "In this paper, we prove that X": the claim itself.
    [
      "Let $\\Lambda$ be an $n$-Auslander algebra",
      "Λ is representation-finite if and only if the number of non-isomorphic indecomposable Λ-modules…",
      "key-sentence",
    ],
    // No first-person sentence at all: the first sentence, cut at a word boundary.
    [
      "Multidimensional constellation shaping",
      "Multidimensional constellation shaping of up to 32 dimensions with different spectral efficiencies…",
      "first-sentence",
    ],
  ])("%s → %s", (marker, headline, rule) => {
    const abstract = seed(marker);
    expect(deriveHeadline(abstract)).toBe(headline);
    expect(headlineRule(abstract)).toBe(rule);
  });
});

describe("deriveHeadline patterns", () => {
  it.each([
    ["We present FooNet, a graph network for protein folding.", "FooNet: graph network for protein folding"],
    [
      "This paper presents BarLib, an open-source library for tensors.",
      "BarLib: open-source library for tensors",
    ],
    [
      "We propose Quantum Tensor Sketching (QTS), which compresses states.",
      "Quantum Tensor Sketching (QTS), which compresses states",
    ],
    ["We propose a simple method for ranking, called RankIt, that scales.", "RankIt: method for ranking"],
    ["In our work we design a new optimizer named LionX.", "LionX: optimizer"],
    ["We study a sampler, which we term FlowSampler, for molecules.", "FlowSampler: sampler"],
    ["AlphaGraph, a system for graph queries, is introduced here.", "AlphaGraph: system for graph queries"],
    [
      "We release a benchmark dataset (MegaQA) for question answering.",
      "MegaQA: benchmark dataset for question answering",
    ],
    ["We introduce an RL framework NavRL for navigation tasks.", "NavRL: RL framework"],
  ])("%s → %s", (abstract, headline) => {
    expect(deriveHeadline(abstract)).toBe(headline);
    expect(headlineRule(abstract)).toBe("named-system");
  });

  it("does not take a field-wide acronym for a named system", () => {
    const abstract = "We propose a method for large language models (LLMs) that reduces memory.";
    expect(deriveHeadline(abstract)).toBe("Method for large language models that reduces memory");
    expect(headlineRule(abstract)).toBe("key-sentence");
  });

  it("prefers the main contribution over a secondary named artefact", () => {
    const abstract =
      "We propose a method for sparse attention in long documents. Experiments show gains. " +
      "We also release FooBench, a benchmark for long documents.";
    expect(deriveHeadline(abstract)).toBe("Method for sparse attention in long documents");
  });

  it("turns a study verb into a gerund and a claim into its clause", () => {
    expect(deriveHeadline("In this paper, we investigate the role of noise in training.")).toBe(
      "Investigating the role of noise in training",
    );
    expect(deriveHeadline("Prior work is limited. We show that scaling laws hold for ranking models.")).toBe(
      "Scaling laws hold for ranking models",
    );
  });

  it("does not split sentences at abbreviations", () => {
    expect(deriveHeadline("Models, e.g. Transformers, are large. We study them.")).toBe("Studying them");
  });

  it("strips the Abstract: label and keeps LaTeX out", () => {
    const headline = deriveHeadline(
      "Abstract: We measure $T_c$ in Fe$^{3+}$-doped \\textbf{BaTiO$_3$} films.",
    );
    expect(headline).toBe("Measuring T_c in Fe³⁺-doped BaTiO₃ films");
  });

  it("returns an empty headline only for an empty abstract", () => {
    expect(deriveHeadline("")).toBe("");
    expect(deriveHeadline("   \n ")).toBe("");
    expect(deriveHeadline("$$ $$")).toBe("Untitled");
    expect(deriveHeadline("x")).toBe("X");
  });

  it("cuts a long sentence without spaces hard at the limit", () => {
    const headline = deriveHeadline("A".repeat(500));
    expect(headline.length).toBeLessThanOrEqual(HEADLINE_MAX_LENGTH);
    expect(headline.endsWith("…")).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Bulk check on real abstracts, plus a quality report printed for a human to judge.

type DailyRecord = { id: string; title: string; summary: string };

/** The first `limit` distinct papers of the daily announcement snapshots, in file order. */
async function dailyAbstracts(limit: number): Promise<DailyRecord[]> {
  const files = (await (await env.FIXTURES.fetch("http://fixtures/data/daily-arxiv/")).json()) as string[];
  const records = new Map<string, DailyRecord>();
  for (const file of files.filter((name) => name.endsWith(".jsonl"))) {
    for (const line of (await fixtureText(`data/daily-arxiv/${file}`)).split("\n")) {
      if (line.trim() === "") continue;
      const record = JSON.parse(line) as DailyRecord;
      if (!records.has(record.id)) records.set(record.id, record);
      if (records.size >= limit) return [...records.values()];
    }
  }
  return [...records.values()];
}

function hasBalancedParentheses(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === "(") depth++;
    if (ch === ")" && --depth < 0) return false;
  }
  return depth === 0;
}

/**
 * Capital letter or digit first; a name with a short lower-case prefix (xTrimoPGLM, mRNA, iPhone) keeps
 * its spelling, and a Greek or other non-Latin letter is left as written.
 */
const GOOD_START = /^(?:[\p{Lu}\p{Lt}\p{N}]|[a-z]{1,3}\p{Lu}|[^\p{Script=Latin}\p{P}\s])/u;

describe("deriveHeadline on 1,000 real abstracts", () => {
  let records: DailyRecord[] = [];
  beforeAll(async () => {
    records = await dailyAbstracts(1000);
  });

  it("is never empty, ≤ 100 chars, LaTeX-free, balanced, and starts with a capital or digit", () => {
    expect(records.length).toBe(1000);
    for (const record of records) {
      const headline = deriveHeadline(record.summary);
      const context = `${headline} <- ${record.summary.slice(0, 120)}`;
      expect(headline.length, context).toBeGreaterThan(0);
      expect(headline.length, context).toBeLessThanOrEqual(HEADLINE_MAX_LENGTH);
      expect(headline, context).not.toMatch(/[$\\]/);
      expect(hasBalancedParentheses(headline), context).toBe(true);
      expect(headline, context).toMatch(GOOD_START);
    }
  });

  it("reports the named-system hit rate and ten examples beside the real titles", () => {
    const rules = records.map((record) => headlineRule(record.summary));
    const named = rules.filter((rule) => rule === "named-system").length;
    const lines = [
      `named-system: ${named}/${records.length} (${((100 * named) / records.length).toFixed(1)}%)`,
    ];
    for (const rule of ["key-sentence", "first-sentence"] as const) {
      lines.push(`${rule}: ${rules.filter((r) => r === rule).length}`);
    }
    // A fixed-seed sample so the report is the same on every run.
    const sample = fc.sample(fc.integer({ min: 0, max: records.length - 1 }), {
      numRuns: 10,
      seed: 20251101,
    });
    for (const index of sample) {
      const record = records[index]!;
      lines.push(`  [${rules[index]}] ${deriveHeadline(record.summary)}`);
      lines.push(`      title: ${record.title.replace(/\s+/g, " ")}`);
    }
    console.log(lines.join("\n"));
    expect(named).toBeGreaterThan(0);
  });
});

describe("deriveHeadline properties", () => {
  it("never throws and stays within the length limit on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const headline = deriveHeadline(text);
        expect(headline.length).toBeLessThanOrEqual(HEADLINE_MAX_LENGTH);
        if (text.trim() !== "") expect(headline.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it("never throws on abstract-like word soup", () => {
    const word = fc.constantFrom(
      "We",
      "we",
      "propose",
      "present",
      "called",
      "a",
      "novel",
      "FooNet",
      "(FN)",
      ",",
      ".",
      "$x_1$",
      "\\textbf{",
      "}",
      "that",
      "and",
      "(1)",
      "“quoted”",
      "This",
      "paper",
      "is",
      "e.g.",
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 60 }), (words) => {
        const headline = deriveHeadline(words.join(" "));
        expect(headline.length).toBeLessThanOrEqual(HEADLINE_MAX_LENGTH);
        expect(hasBalancedParentheses(headline)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
