/**
 * The arXiv API (Atom) side of a harvest: one day window of a followed source, sorted by
 * `lastUpdatedDate` and paged with `start`/`max_results`; `opensearch:totalResults` says what to
 * expect. Entries are parsed by the ingest Atom parser (ingest/formats/atom.ts).
 */
import { parseAtom } from "../ingest/formats/atom";
import { childList, elementText, firstChild, parseXmlDocument } from "../ingest/formats/xml";
import type { ParseResult } from "../ingest/types";
import { arxivMinute, MINUTE_MS } from "./dates";
import type { HarvestSource } from "./followed";

/** `search_query` for a source's entries last updated in [from, to) (arXiv ranges are inclusive). */
export function windowQuery(source: HarvestSource, from: number, to: number): string {
  const subject = source.kind === "category" ? `cat:${source.value}` : `(${source.value})`;
  return `${subject} AND lastUpdatedDate:[${arxivMinute(from)} TO ${arxivMinute(to - MINUTE_MS)}]`;
}

export function apiPageUrl(apiUrl: string, searchQuery: string, start: number, pageSize: number): string {
  const url = new URL(apiUrl);
  url.searchParams.set("search_query", searchQuery);
  url.searchParams.set("sortBy", "lastUpdatedDate");
  url.searchParams.set("sortOrder", "ascending");
  url.searchParams.set("start", String(start));
  url.searchParams.set("max_results", String(pageSize));
  return url.href;
}

export type ApiPage =
  /** `entries` counts every <entry> (readable or not); `parsed` holds them for storeIngest. */
  | { kind: "page"; totalResults: number; startIndex: number; entries: number; parsed: ParseResult }
  /** arXiv reports a bad query as a feed holding one entry whose id points at /api/errors. */
  | { kind: "api-error"; message: string }
  | { kind: "unreadable"; message: string };

function count(text: string | null): number | null {
  if (text === null || !/^\d+$/.test(text.trim())) return null;
  return Number(text.trim());
}

export function readApiPage(text: string): ApiPage {
  const doc = parseXmlDocument(text);
  if ("error" in doc) return { kind: "unreadable", message: `the API answer is not a feed: ${doc.error}` };
  if (doc.rootName !== "feed") {
    return { kind: "unreadable", message: `the API answer is not an Atom feed (<${doc.rootName}>)` };
  }
  const entries = childList(doc.root, "entry");
  const errorEntry = entries.find((e) => elementText(firstChild(e, "id"))?.includes("/api/errors"));
  if (errorEntry) {
    const message = elementText(firstChild(errorEntry, "summary")) ?? "no message";
    return { kind: "api-error", message: `arXiv API error: ${message}` };
  }
  const totalResults = count(elementText(firstChild(doc.root, "totalResults")));
  if (totalResults === null) {
    return { kind: "unreadable", message: "the API answer has no opensearch:totalResults" };
  }
  return {
    kind: "page",
    totalResults,
    startIndex: count(elementText(firstChild(doc.root, "startIndex"))) ?? 0,
    entries: entries.length,
    parsed: parseAtom(text),
  };
}
