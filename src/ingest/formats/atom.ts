/**
 * arXiv API (Atom 1.0) feeds, and generic Atom feeds whose entries carry a summary.
 * The arXiv API reports problems as an entry whose id points at `/api/errors`; those
 * become RecordErrors carrying arXiv's own message.
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

export function parseAtom(text: string): ParseResult {
  const result: ParseResult = { format: "atom", records: [], errors: [] };
  const doc = parseXmlDocument(text);
  if ("error" in doc) return unreadableBody("atom", doc.error);
  // A feed holds entries; a standalone Atom entry document is one entry.
  let entries: XmlValue[];
  if (doc.rootName === "feed") entries = childList(doc.root, "entry");
  else if (doc.rootName === "entry") entries = [doc.root];
  else return unreadableBody("atom", `not an Atom feed: the root element is <${doc.rootName}>`);
  entries.forEach((entry, index) => {
    const parsed = parseEntry(entry, index);
    if ("message" in parsed) result.errors.push(parsed);
    else result.records.push(parsed);
  });
  return result;
}

/** Atom text constructs: `type="text"` (default), `"html"` (escaped HTML) or `"xhtml"` (inline markup). */
function textConstruct(node: XmlValue | undefined): string | null {
  return attribute(node, "type")?.toLowerCase() === "html" ? elementHtmlText(node) : elementText(node);
}

function parseEntry(entry: XmlValue, index: number): ParsedRecord | RecordError {
  const idText = elementText(firstChild(entry, "id"));
  const title = cleanField(textConstruct(firstChild(entry, "title")));
  const summary = textConstruct(firstChild(entry, "summary")) ?? textConstruct(firstChild(entry, "content"));

  // Only the id marks an API error: a real paper may well be titled "Error".
  if (idText?.includes("/api/errors")) {
    return { index, message: `arXiv API error: ${cleanField(summary) ?? idText ?? "no message"}` };
  }

  // arXiv's announcement feeds in Atom form prefix the summary with `arXiv:ID Announce Type:`.
  const announcement = splitAnnouncement(summary ?? "");
  const abstract = unwrapText(announcement.body);
  if (abstract.length === 0) {
    const which = idText ?? title ?? "untitled";
    return { index, message: `Atom entry ${which} has no summary (abstract)` };
  }

  // The id is the canonical reference; the links serve feeds that use a URN or tag id.
  const links = childList(entry, "link");
  const alternate = links.filter((link) => (attribute(link, "rel") ?? "alternate") === "alternate");
  const ref = resolveArxivRef([
    idText,
    announcement.ref,
    ...[...alternate, ...links].map((link) => attribute(link, "href")),
  ]);

  const primary = attribute(firstChild(entry, "primary_category"), "term");
  const listed = childList(entry, "category").map((category) => attribute(category, "term") ?? "");

  return {
    index,
    format: "atom",
    arxivId: ref?.id ?? null,
    version: ref?.version ?? null,
    title,
    authors: entryAuthors(entry),
    categories: normaliseCategories(primary, listed),
    comments: cleanField(firstText(entry, "comment")),
    doi: normaliseDoi(firstText(entry, "doi", "DOI")),
    journalRef: cleanField(firstText(entry, "journal_ref", "journal_reference")),
    createdAt: toIsoDate(elementText(firstChild(entry, "published"))),
    updatedAt: toIsoDate(elementText(firstChild(entry, "updated"))),
    abstract,
  };
}

/** `<author><name>` elements; announcement feeds use Dublin Core `<dc:creator>` lists instead. */
function entryAuthors(entry: XmlValue): string[] {
  const named = childList(entry, "author")
    .map((author) => cleanField(elementText(firstChild(author, "name"))))
    .filter((name): name is string => name !== null);
  if (named.length > 0) return named;
  return childList(entry, "creator").flatMap((creator) => splitAuthors(elementHtmlText(creator)));
}
