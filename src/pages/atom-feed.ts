/**
 * An Atom 1.0 document (RFC 4287) from plain values: the subscription and theme feeds (issue #14).
 * Written with fast-xml-parser's XMLBuilder (already our XML dependency), which escapes & < > " '
 * in text and attributes. What it does not do is done here: characters XML 1.0 cannot carry at all
 * (control characters, lone surrogates) are dropped, and every text is clipped so one runaway field
 * cannot swell a feed. Options are spelled out: the builder's defaults would write an attribute
 * whose value is "true" as a bare attribute, which is not XML.
 */
import { XMLBuilder } from "fast-xml-parser";

export interface AtomEntry {
  id: string;
  title: string;
  /** rel=alternate: where the entry is read. */
  link: string;
  /** ISO timestamps. */
  updated: string;
  published?: string;
  authors: string[];
  summary: string;
  categories: string[];
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  updated: string;
  /** rel=self: the feed's own address. */
  self: string;
  /** rel=alternate: the web page the feed follows. */
  alternate: string;
  entries: AtomEntry[];
}

const ATOM_NS = "http://www.w3.org/2005/Atom";
/** Bounds that keep a feed small whatever was ingested (ingest allows 2,000-character titles, 3,000 authors). */
export const FEED_LIMITS = {
  entries: 200,
  title: 500,
  summary: 2_000,
  authors: 10,
  author: 200,
  category: 200,
} as const;

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  processEntities: true,
  suppressBooleanAttributes: false,
  suppressEmptyNode: true,
  format: false,
});

// XML 1.0's Char production: tab, LF, CR and U+0020 on, less surrogates, U+FFFE and U+FFFF.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text XML can carry, at most `max` characters (a cut is marked with an ellipsis). */
export function xmlText(text: string, max: number): string {
  if (text.length <= max) return text.replace(NOT_XML, "");
  // Only the head is shown, so only the head is cleaned; a surrogate pair cut in two leaves a
  // lone half, which the clean-up drops.
  return `${text
    .slice(0, max - 1)
    .replace(NOT_XML, "")
    .trimEnd()}…`;
}

/** The authors a feed names: the first few, then one name saying how many more there are. */
export function feedAuthors(authors: readonly string[]): string[] {
  const named: string[] = [];
  let i = 0;
  for (; i < authors.length && named.length < FEED_LIMITS.authors; i++) {
    const name = xmlText(authors[i]!, FEED_LIMITS.author).trim();
    if (name.length > 0) named.push(name);
  }
  // A collaboration lists thousands: the rest are counted, not written.
  const rest = authors.slice(i).filter((a) => a.trim().length > 0).length;
  if (rest > 0) named.push(`et al. (${rest.toLocaleString("en-US")} more)`);
  return named;
}

const link = (rel: string, href: string, type?: string) => ({
  "@_rel": rel,
  ...(type ? { "@_type": type } : {}),
  "@_href": xmlText(href, 4_000),
});

function entryNode(e: AtomEntry) {
  return {
    id: xmlText(e.id, 1_000),
    title: xmlText(e.title, FEED_LIMITS.title),
    link: link("alternate", e.link),
    ...(e.published ? { published: e.published } : {}),
    updated: e.updated,
    ...(e.authors.length > 0 ? { author: feedAuthors(e.authors).map((name) => ({ name })) } : {}),
    summary: xmlText(e.summary, FEED_LIMITS.summary),
    ...(e.categories.length > 0
      ? { category: e.categories.map((term) => ({ "@_term": xmlText(term, FEED_LIMITS.category) })) }
      : {}),
  };
}

/** The feed as an Atom document (UTF-8), at most FEED_LIMITS.entries entries. */
export function renderAtomFeed(feed: AtomFeed): string {
  const doc = {
    feed: {
      "@_xmlns": ATOM_NS,
      id: xmlText(feed.id, 1_000),
      title: xmlText(feed.title, FEED_LIMITS.title),
      ...(feed.subtitle ? { subtitle: xmlText(feed.subtitle, FEED_LIMITS.summary) } : {}),
      updated: feed.updated,
      link: [link("self", feed.self, "application/atom+xml"), link("alternate", feed.alternate, "text/html")],
      generator: "arxiv-digest",
      entry: feed.entries.slice(0, FEED_LIMITS.entries).map(entryNode),
    },
  };
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build(doc)}`;
}
