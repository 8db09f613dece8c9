/** The digest page rendered from hand-built digests: what a reader sees, in order, escaped. */
import { describe, expect, it } from "vitest";
import { DigestPage } from "../../../src/pages/digest-page";
import { changeLine, verdictLine } from "../../../src/pages/digest-stats";
import { htmlDocument } from "../../../src/pages/layout";
import { sampleDigest, samplePaper, sampleTheme } from "../../support/sample-digest";

const render = (digest = sampleDigest()) => htmlDocument(DigestPage({ digest }));
const h2s = (html: string) =>
  [...html.matchAll(/<h2[^>]*>(.*?)<\/h2>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ""));

describe("digest page", () => {
  it("is a whole document: language, viewport, title, navigation, no script", async () => {
    const html = await render();
    expect(html.startsWith('<!doctype html><html lang="en">')).toBe(true);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"/>');
    expect(html).toContain("<title>Week 2026-W07 · arxiv-digest</title>");
    expect(html).toContain('<a href="/digests">Archive</a>');
    expect(html).not.toContain("<script");
  });

  it("heads the page with the week and its days; a published week has no preview banner", async () => {
    const html = await render();
    expect(html).toMatch(/<h1>Week 2026-W07<\/h1>/);
    expect(html).toContain("9–15 February 2026 · published 16 February 2026, 08:00 UTC");
    expect(html).not.toContain("Preview:");
  });

  it("marks a preview as the week so far, to be published Monday 08:00 UTC", async () => {
    const html = await render(sampleDigest({ status: "preview", generatedAt: "2026-02-11T17:30:00.000Z" }));
    expect(html).toContain('<span class="badge preview">preview</span>');
    expect(html).toContain("this is the week so far (as of 11 February 2026, 17:30 UTC)");
    expect(html).toContain("will be published on Monday 16 February 2026 at 08:00");
  });

  it("shows one h2 per theme, the 'other' bucket last as 'Other papers', then 'Seen before'", async () => {
    const html = await render();
    expect(h2s(html)).toEqual([
      "Mixture of experts new theme",
      "Graph neural networks",
      "Other papers",
      "Seen before",
    ]);
    expect(html).toContain('<h2 id="theme-t1">Mixture of experts <span class="badge">new theme</span></h2>');
    expect(html).toContain("key terms: routing, sparse");
  });

  it("links each paper's title to its arXiv abstract, its PDF and the code links of its abstract", async () => {
    const html = await render();
    expect(html).toContain(
      '<a href="https://arxiv.org/abs/2602.01234">Sparse mixtures of experts for long-context retrieval</a>',
    );
    expect(html).toContain('<a href="https://arxiv.org/pdf/2602.01234">PDF</a>');
    expect(html).toContain(
      '<a href="https://github.com/example/moe" rel="nofollow">code: github.com/example/moe</a>',
    );
    expect(html).toContain("Ada Lovelace, Alan Turing · cs.LG · arXiv:2602.01234");
    expect(html).toContain("A, B, C et al.");
    expect(html).toContain("We route tokens to a few experts");
  });

  it("shows an id-less paper without links, and an updated paper with its version under 'Updated this week'", async () => {
    const html = await render();
    expect(html).toContain(
      '<span class="paper-title">An id-less paper whose title comes from its abstract</span>',
    );
    const updated = html.slice(html.indexOf("<h3>Updated this week</h3>"));
    expect(updated).toContain('<a href="https://arxiv.org/abs/2511.00042">Routing revisited</a>');
    expect(updated).toContain("arXiv:2511.00042 v3");
  });

  it("lists the records seen before with the match, its similarity and the week first seen", async () => {
    const html = await render();
    expect(html).toContain(
      'near-duplicate, 93% similar · first seen in <a href="/digests/2026-W01">2026-W01</a>',
    );
    expect(html).toContain("2 records this week");
  });

  it("says the figures: papers, records by verdict, change on the previous week", async () => {
    const digest = sampleDigest();
    const html = await render(digest);
    expect(html).toContain("<strong>4 new papers</strong> in 2 themes · 1 updated · 1 seen before");
    expect(verdictLine(digest.stats.verdicts)).toBe(
      "7 records received: 4 new, 1 new version, 2 near-duplicates.",
    );
    expect(changeLine(digest.stats)).toBe("\u22122 new papers on the previous week (2026-W06: 6).");
    expect(changeLine({ ...digest.stats, previousWeeks: [], changeFromPreviousWeek: null })).toBe(
      "No previous week to compare with.",
    );
  });

  it("says so when a week has no papers yet", async () => {
    const empty = sampleDigest({ status: "preview", themes: [], seenBefore: [] });
    const html = await render(empty);
    expect(html).toContain("No new papers this week yet.");
    expect(h2s(html)).toEqual([]);
  });

  it("escapes every piece of data and never links a non-web code URL", async () => {
    const evil = '<script>alert(1)</script> & "quotes"';
    const html = await render(
      sampleDigest({
        themes: [
          sampleTheme({
            label: evil,
            terms: [evil],
            papers: [
              samplePaper({
                title: evil,
                authors: [evil],
                summary: evil,
                categories: [evil],
                codeLinks: ["javascript:alert(1)", 'https://github.com/a/b"onmouseover="x'],
              }),
            ],
          }),
        ],
        seenBefore: [],
      }),
    );
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).not.toContain("javascript:");
    expect(html).not.toContain('"onmouseover="');
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;");
  });
});
