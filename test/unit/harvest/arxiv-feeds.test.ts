/** Reading arXiv's answers: real API responses (arxiv.py's recordings) and feeds in arXiv's layout. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { apiPageUrl, readApiPage, windowQuery } from "../../../src/harvest/arxiv-api";
import { readRssFeed, rssUrl } from "../../../src/harvest/arxiv-rss";

async function fixture(path: string): Promise<string> {
  const response = await env.FIXTURES.fetch(`http://fixtures/${path}`);
  if (!response.ok) throw new Error(`missing fixture ${path}`);
  return response.text();
}

const FROM = Date.parse("2024-01-15T00:00:00Z");
const TO = Date.parse("2024-01-16T00:00:00Z");

describe("the arXiv API side", () => {
  it("asks for a source's day window, sorted by last update, paged", () => {
    const category = { kind: "category" as const, value: "cond-mat.str-el", name: "cond-mat.str-el" };
    const query = { kind: "query" as const, value: 'abs:"graph neural" OR ti:GNN', name: "query:…" };
    expect(windowQuery(category, FROM, TO)).toBe(
      "cat:cond-mat.str-el AND lastUpdatedDate:[202401150000 TO 202401152359]",
    );
    expect(windowQuery(query, FROM, TO)).toBe(
      '(abs:"graph neural" OR ti:GNN) AND lastUpdatedDate:[202401150000 TO 202401152359]',
    );
    const url = new URL(
      apiPageUrl("https://export.arxiv.org/api/query", windowQuery(category, FROM, TO), 400, 200),
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      search_query: "cat:cond-mat.str-el AND lastUpdatedDate:[202401150000 TO 202401152359]",
      sortBy: "lastUpdatedDate",
      sortOrder: "ascending",
      start: "400",
      max_results: "200",
    });
  });

  it("reads a real page: totalResults, startIndex, its entries", async () => {
    const page = readApiPage(await fixture("data/arxiv-atom/q_testing_s10_m10_34e56e15aaac.xml"));
    expect(page.kind).toBe("page");
    if (page.kind !== "page") return;
    expect(page).toMatchObject({ totalResults: 214881, startIndex: 10, entries: 10 });
    expect(page.parsed.records).toHaveLength(10);
    expect(page.parsed.errors).toEqual([]);
  });

  it("reads the real empty result", async () => {
    const page = readApiPage(await fixture("data/arxiv-atom/id_0000.0000_s0_m100_8b51d9633a68.xml"));
    expect(page).toMatchObject({ kind: "page", totalResults: 0, entries: 0 });
  });

  it("reports the real error entry as an error, not as a paper", async () => {
    expect(readApiPage(await fixture("data/arxiv-atom/id_abc_s0_m100_b79c8dcf6bc3.xml"))).toEqual({
      kind: "api-error",
      message: "arXiv API error: incorrect id format for abc",
    });
  });

  it("calls an answer that is not an Atom feed unreadable", () => {
    expect(readApiPage("<html><body>Rate exceeded.</body></html>").kind).toBe("unreadable");
    expect(readApiPage("Rate exceeded.").kind).toBe("unreadable");
    expect(readApiPage('<feed xmlns="http://www.w3.org/2005/Atom"></feed>')).toMatchObject({
      kind: "unreadable",
      message: "the API answer has no opensearch:totalResults",
    });
  });
});

describe("the announcement feeds", () => {
  it("builds a category's feed URL", () => {
    expect(rssUrl("https://rss.arxiv.org/rss/", "cond-mat.str-el")).toBe(
      "https://rss.arxiv.org/rss/cond-mat.str-el",
    );
  });

  it("reads the announcement day and the announce types", async () => {
    const feed = readRssFeed(await fixture("rss/harvest/cs.LG-2024-01-17.xml"));
    expect(feed).toMatchObject({
      kind: "feed",
      day: "2024-01-17",
      items: 3,
      announced: { new: 1, replace: 1, "replace-cross": 1 },
    });
    if (feed.kind === "feed")
      expect(feed.parsed.records.map((r) => [r.arxivId, r.version])).toEqual([
        ["2401.09001", 1],
        ["2401.08101", 2],
        ["2401.08103", 2],
      ]);
  });

  it("reads the older hand-written sample too (announce types from the description)", async () => {
    const feed = readRssFeed(await fixture("rss/arxiv-rss2-cs.LG.xml"));
    expect(feed).toMatchObject({ kind: "feed", day: "2024-01-16", items: 5 });
  });

  it("reads weekend and holiday feeds as empty announcements with their day", async () => {
    expect(readRssFeed(await fixture("rss/harvest/empty-2024-01-20-saturday.xml"))).toMatchObject({
      kind: "feed",
      day: "2024-01-20",
      items: 0,
    });
    expect(readRssFeed(await fixture("rss/harvest/empty-2024-12-25-holiday.xml"))).toMatchObject({
      day: "2024-12-25",
      items: 0,
    });
  });

  it("calls an answer that is not RSS 2.0 unreadable", async () => {
    expect(readRssFeed("<html>maintenance</html>").kind).toBe("unreadable");
    expect(readRssFeed(await fixture("rss/arxiv-rdf-cs.LG.xml")).kind).toBe("unreadable");
  });
});
