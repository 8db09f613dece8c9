/**
 * arXiv's announcement feeds (rss.arxiv.org, RSS 2.0): one feed per category lists the latest
 * announcement, each item tagged `arxiv:announce_type` new / cross / replace / replace-cross.
 * The channel's `pubDate` is the announcement day; on Saturdays, Sundays and arXiv holidays the
 * channel has no items (https://info.arxiv.org/help/rss_specifications.html). Items are parsed by
 * the ingest RSS parser (ingest/formats/rss.ts).
 */

import { splitAnnouncement } from "../ingest/formats/record-fields";
import { parseRss } from "../ingest/formats/rss";
import { childList, elementHtmlText, elementText, firstChild, parseXmlDocument } from "../ingest/formats/xml";
import type { ParseResult } from "../ingest/types";
import { announcementDay } from "./dates";

/** rss.arxiv.org caps a feed at 2000 items; a full feed may be cut (the API windows complete it). */
export const RSS_ITEM_CAP = 2000;

export function rssUrl(base: string, category: string): string {
  return `${base.replace(/\/+$/, "")}/${encodeURIComponent(category)}`;
}

export type RssFeed =
  | {
      kind: "feed";
      /** `YYYY-MM-DD` from the channel's pubDate, null when the channel has none. */
      day: string | null;
      items: number;
      /** Items per announce type (`new`, `cross`, `replace`, `replace-cross`, `unknown`). */
      announced: Record<string, number>;
      parsed: ParseResult;
    }
  | { kind: "unreadable"; message: string };

export function readRssFeed(text: string): RssFeed {
  const doc = parseXmlDocument(text);
  if ("error" in doc) return { kind: "unreadable", message: `the feed is not XML: ${doc.error}` };
  if (doc.rootName !== "rss")
    return { kind: "unreadable", message: `not an RSS 2.0 feed (<${doc.rootName}>)` };
  const channel = firstChild(doc.root, "channel");
  if (channel === undefined) return { kind: "unreadable", message: "the feed has no <channel>" };
  const items = childList(channel, "item");
  const announced: Record<string, number> = {};
  for (const item of items) {
    const type =
      elementText(firstChild(item, "announce_type")) ??
      splitAnnouncement(elementHtmlText(firstChild(item, "description")) ?? "").announceType ??
      "unknown";
    announced[type] = (announced[type] ?? 0) + 1;
  }
  return {
    kind: "feed",
    day: announcementDay(elementText(firstChild(channel, "pubDate"))),
    items: items.length,
    announced,
    parsed: items.length === 0 ? { format: "rss", records: [], errors: [] } : parseRss(text),
  };
}
