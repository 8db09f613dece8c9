/** Every message the command builds stays within Slack's Block Kit limits, whatever the data. */
import { describe, expect, it } from "vitest";
import { digestBrief } from "../../../src/slash-command/blocks/digest-brief";
import { helpMessage, notice, usageMessage } from "../../../src/slash-command/blocks/help";
import { type PaperView, paperCard } from "../../../src/slash-command/blocks/paper-card";
import { searchResults } from "../../../src/slash-command/blocks/search-results";
import { cut, escapeMrkdwn, link, sections } from "../../../src/slash-command/blocks/text";
import { themesList } from "../../../src/slash-command/blocks/themes-list";
import { slackProblems } from "../../standins/slack-rules";
import { sampleDigest, samplePaper, sampleTheme } from "../../support/sample-digest";

const BASE = "https://digest.example.org";
const NOW = Date.parse("2026-11-18T12:00:00Z");
const HOSTILE = "<!channel> *bold* <https://evil.example|click> & `code` > quote";

function view(overrides: Partial<PaperView> = {}): PaperView {
  return {
    key: "arxiv:2403.02545",
    arxivId: "2403.02545",
    title: "A title",
    headline: "A title",
    authors: ["Ada Lovelace", "Alan Turing"],
    categories: ["cs.LG"],
    abstract: "We study things. It works.",
    abstractPlain: "We study things. It works.",
    tldr: "We study things.",
    comments: null,
    doi: null,
    journalRef: null,
    codeLinks: ["https://github.com/example/code"],
    latestVersion: 2,
    requestedVersion: null,
    publishedAt: null,
    updatedAt: null,
    firstSeenAt: "2026-11-10T09:00:00.000Z",
    lastChangedAt: "2026-11-12T09:00:00.000Z",
    digestWeek: "2026-W46",
    theme: { id: "t3", label: "Mixture of experts", week: "2026-W46" },
    links: { abs: "https://arxiv.org/abs/2403.02545", pdf: "https://arxiv.org/pdf/2403.02545" },
    versions: [
      {
        version: 1,
        title: "A title",
        abstract: "x",
        comments: null,
        doi: null,
        journalRef: null,
        submittedAt: "Mon, 4 Mar 2024 10:00:00 GMT",
        sourceFormat: "abs",
        firstSeenAt: "2026-11-10T09:00:00.000Z",
      },
      {
        version: 2,
        title: "A title",
        abstract: "y",
        comments: null,
        doi: null,
        journalRef: null,
        submittedAt: "not a date",
        sourceFormat: "atom",
        firstSeenAt: "2026-11-12T09:00:00.000Z",
      },
    ],
    aliases: [{ key: "fp:0123456789abcdef", similarity: 0.97, mergedAt: "2026-11-12T09:00:00.000Z" }],
    duplicates: [
      {
        verdict: "near-duplicate",
        similarity: 0.93,
        fingerprint: "f",
        sourceFormat: "seed",
        firstSeenAt: "2026-11-12T09:00:00.000Z",
      },
    ],
    ...overrides,
  };
}

const expectWithinLimits = (message: unknown) => expect(slackProblems(message)).toEqual([]);

describe("text helpers", () => {
  it("escapes Slack's control characters so nothing can mention or link", () => {
    expect(escapeMrkdwn(HOSTILE)).not.toMatch(/[<>]/);
    expect(escapeMrkdwn("a & b")).toBe("a &amp; b");
    expect(link("https://arxiv.org/abs/1 2", "a|b <c>")).toBe("<https://arxiv.org/abs/1%202|a¦b &lt;c&gt;>");
  });

  it("cuts without splitting a surrogate pair", () => {
    expect(cut("abcdef", 4)).toBe("abc…");
    expect(cut("ab😀cd", 4)).toBe("ab…");
    expect(cut("short", 10)).toBe("short");
  });

  it("packs lines into sections under the limit without splitting a line", () => {
    const lines = Array.from({ length: 40 }, (_, i) => `${i} ${"x".repeat(290)}`);
    const blocks = sections(lines);
    expect(blocks.length).toBeGreaterThan(3);
    for (const b of blocks) expect(b.text!.text.length).toBeLessThanOrEqual(3000);
    expect(blocks.map((b) => b.text!.text).join("\n")).toBe(lines.join("\n"));
  });
});

describe("paper card", () => {
  it("shows headline, authors, versions, theme, first seen and digest, duplicates, links", () => {
    const card = paperCard(view(), BASE, NOW);
    expectWithinLimits(card);
    const all = JSON.stringify(card.blocks);
    expect(card.blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "A title", emoji: false },
    });
    for (const part of [
      "Ada Lovelace, Alan Turing",
      "arXiv:2403.02545 (latest v2)",
      "v1 4 March 2024",
      "v2 12 November 2026",
      `<${BASE}/digests/2026-W46#theme-t3|Mixture of experts>`,
      `10 November 2026, in the <${BASE}/digests/2026-W46|2026-W46 digest>`,
      "1 record merged in (1 near-duplicate; lowest similarity 0.93)",
      "absorbed 1 id-less copy",
      "<https://arxiv.org/abs/2403.02545|arXiv abstract>",
      "<https://arxiv.org/pdf/2403.02545|PDF>",
      "<https://github.com/example/code|code>",
    ]) {
      expect(all).toContain(part);
    }
    expect(card.text).toContain("https://arxiv.org/abs/2403.02545");
  });

  it("says when the theme is not decided yet and the digest is this week's preview", () => {
    const card = paperCard(
      view({ theme: null, digestWeek: "2026-W47", firstSeenAt: "2026-11-17T09:00:00.000Z" }),
      BASE,
      NOW,
    );
    const all = JSON.stringify(card.blocks);
    expect(all).toContain("decided when 2026-W47 is published");
    expect(all).toContain("this week's");
    expect(all).toContain("(preview)");
  });

  it("stays within the limits with hostile and enormous metadata", () => {
    const long = `${HOSTILE} ${"word ".repeat(3000)}`;
    const card = paperCard(
      view({
        title: null,
        headline: long,
        authors: Array.from({ length: 500 }, (_, i) => `${HOSTILE} ${i}`),
        categories: Array.from({ length: 50 }, () => long),
        abstractPlain: long,
        codeLinks: Array.from({ length: 40 }, (_, i) => `https://github.com/x/${i}?q=<a|b>`),
        versions: Array.from({ length: 40 }, (_, i) => ({ ...view().versions[0]!, version: i + 1 })),
        aliases: Array.from({ length: 30 }, (_, i) => ({
          key: `fp:${i}${HOSTILE}`,
          similarity: 0.9,
          mergedAt: "x",
        })),
        duplicates: Array.from({ length: 300 }, () => view().duplicates[0]!),
        theme: { id: "t9", label: long, week: "2026-W46" },
      }),
      BASE,
      NOW,
    );
    expectWithinLimits(card);
    // mrkdwn is escaped; the header is plain_text, which Slack shows literally (no mentions, no links).
    const all = JSON.stringify([card.text, card.blocks.slice(1)]);
    expect(card.blocks[0]?.type).toBe("header");
    expect(all).not.toContain("<!channel>");
    expect(all).not.toContain("<https://evil.example|click>");
    expect(all).toContain("and 492 more");
    expect(all).toContain("derived from the abstract");
  });

  it("handles an id-less paper without links", () => {
    const card = paperCard(
      view({ arxivId: null, key: "fp:0123456789abcdef", links: null, codeLinks: [] }),
      BASE,
      NOW,
    );
    expectWithinLimits(card);
    expect(JSON.stringify(card.blocks)).toContain("no arXiv id yet");
  });
});

describe("search results", () => {
  const hit = (i: number, title = `Paper ${i}`) => ({
    key: `arxiv:2403.0254${i}`,
    arxivId: `2403.0254${i}`,
    title,
    authors: ["A"],
    latestVersion: 1,
    publishedAt: null,
    firstSeenAt: 0,
    snippet: `…we study «graph» networks ${HOSTILE} «neural»…`,
    score: 10 - i,
  });

  it("lists the matches in order with a one-line summary, hits in bold", () => {
    const message = searchResults(
      "graph neural",
      [1, 2, 3, 4, 5].map((i) => hit(i)),
      "all",
      BASE,
      "/paper",
    );
    expectWithinLimits(message);
    const all = JSON.stringify(message.blocks);
    expect(all.indexOf("Paper 1")).toBeLessThan(all.indexOf("Paper 5"));
    expect(all).toContain("*graph*");
    expect(all).not.toContain("<!channel>");
  });

  it("stays within limits with huge titles and says when nothing matched", () => {
    expectWithinLimits(
      searchResults(
        HOSTILE.repeat(100),
        [1, 2, 3, 4, 5].map((i) => hit(i, HOSTILE.repeat(200))),
        "any",
        BASE,
        "/paper",
      ),
    );
    const none = searchResults("zzz", [], "all", BASE, "/paper");
    expectWithinLimits(none);
    expect(none.text).toContain("No paper matches");
  });
});

describe("themes, digest, help", () => {
  it("lists themes with sizes within limits, however many", () => {
    const themes = Array.from({ length: 200 }, (_, i) => ({
      id: `t${i}`,
      label: `${HOSTILE} ${"label ".repeat(40)}`,
      kind: "found" as const,
      terms: [],
      size: i,
      thisWeek: 200 - i,
      createdWeek: "2026-W40",
      updatedWeek: "2026-W47",
      provisional: i % 2 === 0,
    }));
    const message = themesList({ week: "2026-W47", themes }, BASE, "/paper");
    expectWithinLimits(message);
    expect(JSON.stringify(message.blocks)).toContain("and 170 smaller themes");
    expectWithinLimits(themesList({ week: "2026-W47", themes: [] }, BASE, "/paper"));
  });

  it("summarises a digest within limits, even a huge one", () => {
    const brief = digestBrief(sampleDigest(), BASE);
    expectWithinLimits(brief);
    expect(JSON.stringify(brief.blocks)).toContain("Mixture of experts");
    const huge = sampleDigest({
      themes: Array.from({ length: 60 }, (_, i) =>
        sampleTheme({
          id: `t${i}`,
          label: HOSTILE.repeat(10),
          papers: Array.from({ length: 50 }, () => samplePaper({ title: HOSTILE.repeat(30) })),
        }),
      ),
    });
    expectWithinLimits(digestBrief(huge, BASE));
    expectWithinLimits(digestBrief(sampleDigest({ themes: [] }), BASE));
  });

  it("help, usage lines and notices are well formed", () => {
    expectWithinLimits(helpMessage("/paper", BASE));
    expectWithinLimits(usageMessage("/paper", `"${HOSTILE}" is neither`, `search ${HOSTILE.repeat(100)}`));
    expect(JSON.stringify(usageMessage("/paper", HOSTILE))).not.toContain("<!channel>");
    expectWithinLimits(notice("ok"));
  });
});
