import { describe, expect, it } from "vitest";
import { ArchivePage } from "../../../src/pages/archive-page";
import { badWeekPage, ErrorPage, unknownWeekPage } from "../../../src/pages/error-page";
import { htmlDocument } from "../../../src/pages/layout";

describe("archive page", () => {
  it("lists the weeks newest first with days, papers, status and top themes", async () => {
    const html = await htmlDocument(
      ArchivePage({
        entries: [
          {
            week: "2026-W08",
            status: "preview",
            generatedAt: "2026-02-18T10:00:00Z",
            newPapers: 3,
            topThemes: [],
          },
          {
            week: "2026-W07",
            status: "published",
            generatedAt: "2026-02-16T08:00:00Z",
            newPapers: 12,
            topThemes: ["Mixture of experts", "<b>Graphs</b>"],
          },
        ],
      }),
    );
    expect(html).toContain("<h1>Archive</h1>");
    expect(html).toContain('aria-current="page"');
    expect(html.indexOf("2026-W08")).toBeLessThan(html.indexOf("2026-W07"));
    expect(html).toContain('<a href="/digests/2026-W07">Week 2026-W07</a>');
    expect(html).toContain("9–15 February 2026 · 12 new papers · published 16 February 2026, 08:00 UTC");
    expect(html).toContain("16–22 February 2026 · 3 new papers · the week so far");
    expect(html).toContain("Top themes: Mixture of experts; &lt;b&gt;Graphs&lt;/b&gt;");
  });

  it("explains an empty archive", async () => {
    expect(await htmlDocument(ArchivePage({ entries: [] }))).toContain("No digests yet.");
  });
});

describe("error pages", () => {
  it("name the problem, escape the input and point to the archive", async () => {
    const bad = await htmlDocument(ErrorPage(badWeekPage("<i>soon</i>", "2026-W07")));
    expect(bad).toContain("<h1>That is not a week</h1>");
    expect(bad).toContain("&lt;i&gt;soon&lt;/i&gt;");
    expect(bad).toContain("written like 2026-W07");
    expect(ErrorPage(badWeekPage("x".repeat(100), "2026-W07")).toString()).toContain(`${"x".repeat(40)}…`);
    const missing = await htmlDocument(ErrorPage(unknownWeekPage("2020-W01", false)));
    expect(missing).toContain("<h1>No digest for 2020-W01</h1>");
    expect(missing).toContain('<a href="/digests">archive</a>');
    expect(unknownWeekPage("2099-W01", true).message).toBe("The week 2099-W01 has not started yet.");
  });
});
