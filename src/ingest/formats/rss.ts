/**
 * RSS feeds, both generations arXiv has published, and generic RSS items with a description:
 * - RSS 2.0 (rss.arxiv.org, 2024 on): the description starts `arXiv:ID Announce Type: new`
 *   then `Abstract:`; the guid is `oai:arXiv.org:IDvN`; authors in one `<dc:creator>`.
 * - RSS 1.0 / RDF (until 2024): items beside the channel, `rdf:about` the abs URL, the title
 *   ending `(arXiv:IDvN [primary] UPDATED)`, escaped HTML in description and creator.
 */

import { cleanField, splitAuthors, unwrapText } from "../clean-text";
import { type ParsedRecord, type ParseResult, type RecordError, unreadableBody } from "../types";
import {
  normaliseCategories,
  normaliseDoi,
  resolveArxivRef,
  splitAnnouncement,
  toIsoDate,
} from "./record-fields";
import {
  attribute,
  childList,
  elementHtmlText,
  elementText,
  firstChild,
  firstText,
  parseXmlDocument,
  type XmlValue,
} from "./xml";

export function parseRss(text: string): ParseResult {
  const result: ParseResult = { format: "rss", records: [], errors: [] };
  const doc = parseXmlDocument(text);
  if ("error" in doc) return unreadableBody("rss", doc.error);
  const channels = childList(doc.root, "channel");
  let items: XmlValue[];
  if (doc.rootName === "rss") {
    items = channels.flatMap((channel) => childList(channel, "item"));
  } else if (doc.rootName === "RDF") {
    // RSS 1.0 puts items beside the channel; tolerate producers that nest them inside.
    items = [...childList(doc.root, "item"), ...channels.flatMap((channel) => childList(channel, "item"))];
  } else {
    return unreadableBody("rss", `not an RSS feed: the root element is <${doc.rootName}>`);
  }
  items.forEach((item, index) => {
    const parsed = parseItem(item, index);
    if ("message" in parsed) result.errors.push(parsed);
    else result.records.push(parsed);
  });
  return result;
}

// Legacy titles: `Title. (arXiv:1901.00001v2 [cs.LG] UPDATED)`; the bracket holds the primary
// category (for a cross-list, the paper's own primary, not the feed's). Matched on the tail
// only, so a hostile title full of `(arXiv:` cannot make the regex quadratic.
const LEGACY_TITLE_TAIL = /^\(arXiv:([^\s)[\]]+)(?:\s*\[([^\]]*)\])?[^)]*\)\s*$/;

interface ItemTitle {
  title: string | null;
  ref: string | null;
  primary: string | null;
}

function splitTitle(raw: string | null): ItemTitle {
  if (raw === null) return { title: null, ref: null, primary: null };
  const at = raw.lastIndexOf("(arXiv:");
  const tail = at < 0 ? null : LEGACY_TITLE_TAIL.exec(raw.slice(at));
  if (!tail) return { title: cleanField(raw), ref: null, primary: null };
  // arXiv joined title and tail with ". "; a title ending in "?" got "?." in the same way.
  const title = raw.slice(0, at).trimEnd().replace(/\.$/, "");
  return { title: cleanField(title), ref: tail[1] ?? null, primary: tail[2] ?? null };
}

function parseItem(item: XmlValue, index: number): ParsedRecord | RecordError {
  const title = splitTitle(elementHtmlText(firstChild(item, "title")));
  const guid = elementText(firstChild(item, "guid"));
  const linkNode = firstChild(item, "link");
  const link = elementText(linkNode) ?? attribute(linkNode, "href");

  const description =
    elementHtmlText(firstChild(item, "description")) ?? elementHtmlText(firstChild(item, "encoded"));
  const announcement = splitAnnouncement(description ?? "");
  const abstract = unwrapText(announcement.body);
  if (abstract.length === 0) {
    const which = guid ?? link ?? title.title ?? "untitled";
    return { index, message: `RSS item ${which} has no description (abstract)` };
  }

  const ref = resolveArxivRef([guid, announcement.ref, title.ref, link, attribute(item, "about")]);
  const announceType = announcement.announceType ?? elementText(firstChild(item, "announce_type"));

  // pubDate is the announcement date of the version in the item: a creation date only when
  // that version is the first one (a `new` announcement, or a generic feed's item).
  const date = toIsoDate(firstText(item, "pubDate", "date"));
  const isReplacement = (ref?.version ?? 1) > 1 || (announceType?.startsWith("replace") ?? false);

  return {
    index,
    format: "rss",
    arxivId: ref?.id ?? null,
    version: ref?.version ?? null,
    title: title.title,
    authors: itemAuthors(item),
    categories: normaliseCategories(
      title.primary,
      childList(item, "category").map((category) => elementText(category) ?? ""),
    ),
    // Not RSS's own `<comments>`: that is a URL to a discussion page.
    comments: cleanField(firstText(item, "comment")),
    doi: normaliseDoi(firstText(item, "DOI", "doi")),
    journalRef: cleanField(firstText(item, "journal_reference", "journal_ref")),
    createdAt: isReplacement ? null : date,
    updatedAt: date,
    abstract,
  };
}

/** Dublin Core creators (one list, or one element per author), else RSS 2.0 `<author>`. */
function itemAuthors(item: XmlValue): string[] {
  const creators = childList(item, "creator").flatMap((creator) => splitAuthors(elementHtmlText(creator)));
  if (creators.length > 0) return creators;
  // RSS 2.0 authors are e-mail addresses, by convention followed by the name in parentheses.
  return childList(item, "author").flatMap((author) => {
    const text = elementHtmlText(author);
    const named = text === null ? null : EMAIL_WITH_NAME.exec(text);
    return named ? [named[1]!.trim()] : splitAuthors(text);
  });
}

// Character classes that cannot overlap keep this linear on hostile input.
const EMAIL_WITH_NAME = /^[^\s@()]+@[^\s()]+\s*\(([^()]+)\)$/;
