/** The Atom writer (src/pages/atom-feed.ts): escaping, what XML cannot carry, and its bounds. */
import { XMLValidator } from "fast-xml-parser";
import { type AtomFeed as ParsedFeed, parseAtomFeed } from "feedsmith";
import { describe, expect, it } from "vitest";
import {
  type AtomEntry,
  type AtomFeed,
  FEED_LIMITS,
  feedAuthors,
  renderAtomFeed,
  xmlText,
} from "../../../src/pages/atom-feed";

const entry = (over: Partial<AtomEntry> = {}): AtomEntry => ({
  id: "tag:example.org,2025:e/1",
  title: "A title",
  link: "https://arxiv.org/abs/2510.00001",
  updated: "2025-10-27T06:00:00.000Z",
  authors: ["Ada Lovelace"],
  summary: "What it does.",
  categories: ["Dense retrieval"],
  ...over,
});

const feed = (entries: AtomEntry[], over: Partial<AtomFeed> = {}): AtomFeed => ({
  id: "tag:example.org,2025:f",
  title: "A feed",
  updated: "2025-10-27T06:00:00.000Z",
  self: "https://example.org/feeds/x.atom?token=rd_a&b=1",
  alternate: "https://example.org/s/x?token=rd_a",
  entries,
  ...over,
});

const parsed = (xml: string) => {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parseAtomFeed(xml) as ParsedFeed.Feed<string>;
};

describe("renderAtomFeed", () => {
  it("escapes text and attributes so a parser reads back what was written", () => {
    const nasty = `<b>"x" & 'y'</b> ]]> </title><entry>`;
    const xml = renderAtomFeed(
      feed([
        entry({
          title: nasty,
          summary: nasty,
          authors: [nasty],
          categories: [nasty],
          link: `https://e.org/?a=1&b="2"`,
        }),
      ]),
    );
    const f = parsed(xml);
    const e = f.entries![0]!;
    expect(e.title?.value).toBe(nasty);
    expect(e.summary?.value).toBe(nasty);
    expect(e.authors?.[0]?.name).toBe(nasty);
    expect(e.categories?.[0]?.term).toBe(nasty);
    expect(e.links?.[0]?.href).toBe(`https://e.org/?a=1&b="2"`);
    expect(f.links?.find((l) => l.rel === "self")?.href).toBe(
      "https://example.org/feeds/x.atom?token=rd_a&b=1",
    );
    expect(xml).not.toContain("<entry><entry>");
  });

  it("writes an attribute whose value is `true` as an attribute with a value", () => {
    const xml = renderAtomFeed(feed([entry({ categories: ["true"] })]));
    expect(xml).toContain('<category term="true"/>');
    expect(parsed(xml).entries![0]!.categories?.[0]?.term).toBe("true");
  });

  it("drops control characters and lone surrogates, keeps every other character", () => {
    expect(xmlText("a\u0000b\u0007c\u001Fd\uD800e\uDFFFf\uFFFEg\uFFFF", 100)).toBe("abcdefg");
    expect(xmlText("tab\tnl\ncr\r 😀 検索 Ünï", 100)).toBe("tab\tnl\ncr\r 😀 検索 Ünï");
    const xml = renderAtomFeed(feed([entry({ title: "x\u0001y\uD83D" })]));
    expect(parsed(xml).entries![0]!.title?.value).toBe("xy");
  });

  it("clips long text at a whole character and marks it", () => {
    const clipped = xmlText(`${"a".repeat(8)}😀😀`, 10);
    expect(clipped).toBe("aaaaaaaa…");
    expect(xmlText("x".repeat(5_000), FEED_LIMITS.title)).toHaveLength(FEED_LIMITS.title);
  });

  it("names the first authors and says how many more there are", () => {
    const many = Array.from({ length: 2_990 }, (_, i) => `Author ${i}`);
    const named = feedAuthors(many);
    expect(named).toHaveLength(FEED_LIMITS.authors + 1);
    expect(named.at(-1)).toBe("et al. (2,980 more)");
    expect(feedAuthors(["A", " ", "B"])).toEqual(["A", "B"]);
  });

  it("bounds a feed of runaway entries", () => {
    const huge = entry({
      title: "t".repeat(20_000),
      summary: "s".repeat(100_000),
      authors: Array.from({ length: 3_000 }, () => "n".repeat(1_000)),
    });
    const xml = renderAtomFeed(feed(Array.from({ length: 500 }, () => huge)));
    expect(parsed(xml).entries).toHaveLength(FEED_LIMITS.entries);
    // 200 entries of at most ~5 kB each (title 500, summary 2,000, 11 authors of 200).
    expect(xml.length).toBeLessThan(FEED_LIMITS.entries * 5_500);
  });

  it("writes a feed without entries", () => {
    const f = parsed(renderAtomFeed(feed([])));
    expect(f.title?.value).toBe("A feed");
    expect(f.entries ?? []).toEqual([]);
  });
});
