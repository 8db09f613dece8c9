/** The Slack renderer: escaping, Block Kit limits, splitting, and every paper exactly once. */
import type { KnownBlock } from "@slack/types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  blockTextLength,
  checkBlockKitLimits,
  MESSAGE_TEXT_BUDGET,
  SLACK_LIMITS,
  type SlackMessage,
} from "../../../src/block-kit/limits";
import { escapedClip, linkUrl, mrkdwnLink } from "../../../src/block-kit/mrkdwn";
import { renderSlackDigest } from "../../../src/deliver/slack/digest-blocks";
import type { Digest, DigestPaper, DigestTheme } from "../../../src/digest/types";
import { sampleDigest, samplePaper, sampleTheme } from "../../support/sample-digest";

const LINKS = {
  web: "https://digest.example.org/digests/2026-W07",
  unsubscribe: "https://digest.example.org/unsubscribe?token=unsub_abc",
};

/** Every text of a message (fallback, headers, sections, context), for searching. */
function allText(message: SlackMessage): string {
  const texts: string[] = [message.text];
  for (const block of message.blocks as unknown as Array<Record<string, unknown>>) {
    const text = block.text as { text?: string } | undefined;
    if (text?.text) texts.push(text.text);
    for (const element of (block.elements as Array<{ text?: string }> | undefined) ?? []) {
      if (element.text) texts.push(element.text);
    }
  }
  return texts.join("\n");
}

function occurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

function headers(message: SlackMessage): string[] {
  return message.blocks
    .filter((b): b is Extract<KnownBlock, { type: "header" }> => b.type === "header")
    .map((b) => b.text.text);
}

function expectWithinLimits(parts: SlackMessage[]) {
  for (const [i, part] of parts.entries()) {
    expect(checkBlockKitLimits(part), `part ${i + 1}`).toEqual([]);
    expect(part.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
    expect(blockTextLength(part.blocks)).toBeLessThanOrEqual(MESSAGE_TEXT_BUDGET);
    expect(part.text.length).toBeGreaterThan(10);
  }
}

function bigDigest(papers: number, perTheme: number): Digest {
  const themes: DigestTheme[] = [];
  for (let start = 0; start < papers; start += perTheme) {
    const n = Math.min(perTheme, papers - start);
    themes.push(
      sampleTheme({
        id: `t${themes.length + 1}`,
        label: `Theme number ${themes.length + 1}`,
        papers: Array.from({ length: n }, (_, j) => {
          const k = start + j;
          const id = `2602.${String(10000 + k)}`;
          return samplePaper({
            arxivId: id,
            key: `arxiv:${id}`,
            title: `Paper ${k}: a reasonably long title about transformers, retrieval and sparse routing`,
            authors: ["Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra"],
            summary:
              "We study a problem that matters and show, with careful experiments on many benchmarks, " +
              "that a simple method beats complicated ones at a fraction of the cost, and we explain why.",
            codeLinks: k % 3 === 0 ? [`https://github.com/example/repo-${k}`] : [],
          });
        }),
        updated:
          start === 0
            ? [
                samplePaper({
                  arxivId: "2511.00042",
                  key: "arxiv:2511.00042",
                  title: "Routing revisited",
                  latestVersion: 3,
                }),
              ]
            : [],
      }),
    );
  }
  return sampleDigest({
    themes,
    stats: { ...sampleDigest().stats, newPapers: papers, updatedPapers: 1 },
  });
}

describe("Slack rendering of a digest", () => {
  it("fits a small digest in one message: header, figures, themes, seen before, links, fallback text", () => {
    const parts = renderSlackDigest(sampleDigest(), LINKS, { threaded: true });
    expect(parts).toHaveLength(1);
    expectWithinLimits(parts);
    const [message] = parts as [SlackMessage];
    expect(message.text).toBe("arXiv digest, week 2026-W07: 4 new papers in 2 themes");
    // Found themes first, "Other papers" last, then "Seen before"; a new theme says so.
    expect(headers(message)).toEqual([
      "arXiv digest · week 2026-W07",
      "Mixture of experts · new theme",
      "Graph neural networks",
      "Other papers",
      "Seen before",
    ]);
    const text = allText(message);
    expect(text).toContain("*9–15 February 2026*");
    expect(text).toContain("*4 new papers in 2 themes* · 1 updated · 1 seen before");
    expect(text).toContain("−2 new papers on the previous week (2026-W06: 6)");
    expect(text).toContain(
      "*<https://arxiv.org/abs/2602.01234|Sparse mixtures of experts for long-context retrieval>*",
    );
    expect(text).toContain("<https://arxiv.org/pdf/2602.01234|PDF>");
    expect(text).toContain("<https://github.com/example/moe|code: github.com/example/moe>");
    expect(text).toContain("Ada Lovelace, Alan Turing · cs.LG · arXiv:2602.01234");
    expect(text).toContain(
      "*Updated this week*\n• <https://arxiv.org/abs/2511.00042|Routing revisited> · arXiv:2511.00042 v3",
    );
    expect(text).toContain("A, B, C et al.");
    // The id-less paper: its title, bold, no link.
    expect(text).toContain("*An id-less paper whose title comes from its abstract*");
    expect(text).toContain(
      "• <https://arxiv.org/abs/2512.00001|An old favourite> · near-duplicate, 93% similar · first seen in " +
        "<https://digest.example.org/digests/2026-W01|2026-W01> · 2 records this week",
    );
    const footer = message.blocks.at(-1)!;
    expect(footer.type).toBe("context");
    expect(allText({ text: "", blocks: [footer] })).toContain(
      "<https://digest.example.org/digests/2026-W07|Read on the web> · " +
        "<https://digest.example.org/unsubscribe?token=unsub_abc|Unsubscribe>",
    );
    expect(text).not.toContain("Part 1");
  });

  it("escapes Slack's control characters so no title can link, mention or break out", () => {
    const hostile = "<!channel> Fish & chips <https://evil.example|click here> a > b";
    const digest = sampleDigest({
      themes: [
        sampleTheme({
          label: "Label with <b> & friends",
          terms: ["<!here>"],
          papers: [
            samplePaper({
              title: hostile,
              summary: "Summary with <@U123> and &amp; literally.",
              authors: ["<script>"],
              codeLinks: ["https://github.com/a/b|evil>", "javascript:alert(1)"],
            }),
          ],
        }),
      ],
      seenBefore: [],
    });
    const [message] = renderSlackDigest(digest, LINKS, { threaded: false }) as [SlackMessage];
    expect(checkBlockKitLimits(message)).toEqual([]);
    const text = allText(message);
    expect(text).not.toContain("<!channel>");
    expect(text).not.toContain("<!here>");
    expect(text).not.toContain("<@U123>");
    expect(text).not.toContain("<https://evil.example");
    expect(text).not.toContain("javascript:");
    expect(text).toContain(
      "<https://arxiv.org/abs/2602.01234|&lt;!channel&gt; Fish &amp; chips &lt;https://evil.example|click here&gt; a &gt; b>",
    );
    expect(text).toContain("Summary with &lt;@U123&gt; and &amp;amp; literally.");
    expect(text).toContain("&lt;script&gt;");
    // A pipe in a URL cannot end the link early: it is percent-encoded (and `>` by the URL parser).
    expect(text).toContain("<https://github.com/a/b%7Cevil%3E|code: github.com/a/b|evil&gt;>");
    // Header blocks are plain text, shown as is.
    expect(headers(message)).toContain("Label with <b> & friends");
  });

  it("splits 300 papers into several messages, each within Slack's limits, every paper exactly once", () => {
    const digest = bigDigest(300, 40);
    for (const threaded of [true, false]) {
      const parts = renderSlackDigest(digest, LINKS, { threaded });
      expect(parts.length).toBeGreaterThan(3);
      expectWithinLimits(parts);
      const everything = parts.map(allText).join("\n");
      const papers = digest.themes.flatMap((t) => [...t.papers, ...t.updated]);
      expect(papers).toHaveLength(301);
      for (const paper of papers) {
        expect(occurrences(everything, `<${paper.links!.abs}|`), paper.key).toBe(1);
      }
      // In the digest's order: the themes' papers as listed, then the records seen before.
      const order = [...everything.matchAll(/<https:\/\/arxiv\.org\/abs\/([^|]+)\|/g)].map((m) => m[1]);
      expect(order).toEqual([
        ...papers.map((p) => p.arxivId),
        ...digest.seenBefore.map((s) => s.key.replace("arxiv:", "")),
      ]);
      parts.forEach((part, i) => {
        expect(part.text).toContain(`(part ${i + 1} of ${parts.length})`);
        const footer = allText({ text: "", blocks: [part.blocks.at(-1)!] });
        expect(footer).toContain(`Part ${i + 1} of ${parts.length}`);
        expect(footer).toContain("|Unsubscribe>");
        // Every part after the first opens with a theme header (the theme again when it runs on).
        if (i > 0) expect(part.blocks[0]!.type).toBe("header");
      });
      expect(allText(parts[0]!)).toContain(threaded ? "continued in the thread" : "continued below");
      expect(parts.flatMap(headers).some((h) => h.endsWith("(continued)"))).toBe(true);
    }
  });

  it("keeps within limits whatever the sizes: huge titles, labels, summaries and code-link lists", () => {
    const huge = "Wörds & <symbols> ".repeat(600);
    const digest = sampleDigest({
      themes: [
        sampleTheme({
          label: huge,
          terms: Array.from({ length: 200 }, (_, i) => `term${i}`),
          papers: Array.from({ length: 30 }, (_, i) =>
            samplePaper({
              arxivId: `2602.${20000 + i}`,
              key: `arxiv:2602.${20000 + i}`,
              title: huge,
              summary: huge,
              authors: [huge, huge, huge, huge],
              categories: [huge],
              codeLinks: Array.from(
                { length: 50 },
                (_, j) => `https://github.com/${"x".repeat(j * 20)}/r${j}`,
              ),
            }),
          ),
        }),
      ],
    });
    const parts = renderSlackDigest(digest, LINKS, { threaded: true });
    expectWithinLimits(parts);
    for (const h of parts.flatMap(headers)) expect(h.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    const everything = parts.map(allText).join("\n");
    for (let i = 0; i < 30; i++) expect(occurrences(everything, `abs/2602.${20000 + i}|`)).toBe(1);
  });

  it("says how much of the week a filtered subscription sees, and leaves out the week-on-week change", () => {
    const full = sampleDigest();
    const filtered: Digest = { ...full, themes: [full.themes[1]!], seenBefore: [] };
    const [message] = renderSlackDigest(filtered, LINKS, { threaded: true }) as [SlackMessage];
    const text = allText(message);
    expect(text).toContain(
      "*2 new papers in 1 theme* matching your filters (4 this week) · 1 updated · 0 seen before",
    );
    expect(text).not.toContain("previous week");
  });

  it("any digest: every message within limits, every paper once (property)", () => {
    const word = fc.stringMatching(/^[A-Za-z&<>|*_~ ]{1,12}$/);
    const paper = fc.record({
      title: fc.array(word, { minLength: 1, maxLength: 40 }).map((w) => w.join(" ")),
      summary: fc.array(word, { maxLength: 80 }).map((w) => w.join(" ")),
      hasLinks: fc.boolean(),
    });
    const theme = fc.record({
      label: fc.array(word, { minLength: 1, maxLength: 30 }).map((w) => w.join(" ")),
      papers: fc.array(paper, { maxLength: 60 }),
      updated: fc.array(paper, { maxLength: 5 }),
    });
    fc.assert(
      fc.property(fc.array(theme, { minLength: 1, maxLength: 8 }), fc.boolean(), (specs, threaded) => {
        let n = 0;
        const make = (p: { title: string; summary: string; hasLinks: boolean }): DigestPaper => {
          n += 1;
          const id = `2601.${String(n).padStart(5, "0")}`;
          return samplePaper({
            arxivId: p.hasLinks ? id : null,
            key: `k${n}`,
            title: `#${n}# ${p.title}`,
            summary: p.summary,
            links: p.hasLinks
              ? { abs: `https://arxiv.org/abs/${id}`, pdf: `https://arxiv.org/pdf/${id}` }
              : null,
          });
        };
        const themes = specs.map((s, i) =>
          sampleTheme({
            id: `t${i}`,
            label: s.label,
            papers: s.papers.map(make),
            updated: s.updated.map(make),
          }),
        );
        const parts = renderSlackDigest(sampleDigest({ themes }), LINKS, { threaded });
        for (const part of parts) {
          expect(checkBlockKitLimits(part)).toEqual([]);
          expect(blockTextLength(part.blocks)).toBeLessThanOrEqual(MESSAGE_TEXT_BUDGET);
        }
        const everything = parts.map(allText).join("\n");
        for (let k = 1; k <= n; k++) expect(occurrences(everything, `#${k}#`)).toBe(1);
      }),
      { numRuns: 100 },
    );
  });
});

describe("Slack mrkdwn helpers", () => {
  it("escapes &, < and > and clips after escaping, never inside an entity", () => {
    expect(escapedClip("a & b < c > d", 100)).toBe("a &amp; b &lt; c &gt; d");
    const clipped = escapedClip("&&&&&&&&&&", 12);
    expect(clipped.length).toBeLessThanOrEqual(12);
    expect(clipped).toMatch(/^(&amp;)+…$/);
    expect(escapedClip("one two three four five six", 15)).toBe("one two three…");
    expect(escapedClip("line\nbreaks\tand  spaces", 100)).toBe("line breaks and spaces");
  });

  it("links only http(s) URLs, with & as an entity and | encoded", () => {
    expect(linkUrl("https://x.example/a?b=1&c=2")).toBe("https://x.example/a?b=1&amp;c=2");
    expect(linkUrl("https://x.example/a|b")).toBe("https://x.example/a%7Cb");
    expect(linkUrl("javascript:alert(1)")).toBeNull();
    expect(linkUrl("not a url")).toBeNull();
    expect(mrkdwnLink("ftp://x.example/", "text & more")).toBe("text &amp; more");
    expect(mrkdwnLink("https://x.example/", "text & more")).toBe("<https://x.example/|text &amp; more>");
  });
});
