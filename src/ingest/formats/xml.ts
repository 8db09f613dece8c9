/**
 * XML plumbing shared by the Atom and RSS parsers: a hardened fast-xml-parser set-up,
 * typed accessors over its output, and text extraction for plain-text and HTML content.
 *
 * Entity handling is deliberately ours, not the parser's: a document with a DOCTYPE is refused
 * outright (no feed needs one, and its entity declarations are the "billion laughs" and XXE
 * vectors), the parser runs with entity processing off as a second guard, and we decode only
 * the five XML entities and character references.
 * Text-bearing elements are "stop nodes", so we get their raw inner markup and can tell a
 * literal tag (real markup) from an escaped `&lt;` (text) and a CDATA section (text).
 */

import { XMLParser, XMLValidator } from "fast-xml-parser";
import { codePointText, htmlToText } from "../text/html-text";

/** What fast-xml-parser produces: text, or an element holding children and `@_` attributes. */
export type XmlValue = string | XmlElement;
export interface XmlElement {
  [name: string]: XmlValue | XmlValue[] | undefined;
}

// Elements whose text we read. As stop nodes their content arrives unparsed (see above).
const TEXT_ELEMENTS = [
  "id",
  "title",
  "summary",
  "content",
  "description",
  "encoded",
  "name",
  "published",
  "updated",
  "comment",
  "comments",
  "journal_ref",
  "journal_reference",
  "doi",
  "DOI",
  "link",
  "guid",
  "category",
  "pubDate",
  "creator",
  "announce_type",
  "date",
];
// Elements that may repeat; always returned as arrays so one entry looks like many.
const REPEATED_ELEMENTS = new Set(["entry", "item", "author", "category", "link", "creator", "contributor"]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  // Namespace prefixes vary between producers (`arxiv:`, `dc:`, `rdf:`); local names do not.
  removeNSPrefix: true,
  // Keep every value a string: a title of `0` must not become the number 0.
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  htmlEntities: false,
  stopNodes: TEXT_ELEMENTS.map((name) => `*.${name}`),
  isArray: (name) => REPEATED_ELEMENTS.has(name),
  maxNestedTags: 64,
});

export type XmlDocument = { root: XmlElement; rootName: string } | { error: string };

/** Parses a whole document; a body that is not well-formed XML gives a readable error. */
export function parseXmlDocument(text: string): XmlDocument {
  const body = text.replace(/^\uFEFF/, "").trim();
  if (body.length === 0) return { error: "empty input: expected an XML feed" };
  if (!body.startsWith("<")) return { error: "not XML: the input does not start with a tag" };
  const doctype = doctypeLine(body);
  if (doctype !== null) {
    return { error: `XML DOCTYPE declarations are refused (line ${doctype}): send the feed without one` };
  }
  try {
    const valid = XMLValidator.validate(body);
    if (valid !== true) {
      const { msg, line, col } = valid.err;
      return { error: `not well-formed XML: ${msg} (line ${line}, column ${col})` };
    }
    const parsed: unknown = parser.parse(body);
    if (!isElement(parsed)) return { error: "not XML: no root element" };
    const rootName = Object.keys(parsed).find((key) => !key.startsWith("?") && !key.startsWith("@_"));
    const root = rootName === undefined ? undefined : parsed[rootName];
    if (rootName === undefined || root === undefined) return { error: "not XML: no root element" };
    return { root: asElement(Array.isArray(root) ? root[0] : root), rootName };
  } catch (err) {
    return { error: `not well-formed XML: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** The line of a DOCTYPE declaration before the root element, or null when there is none. */
function doctypeLine(body: string): number | null {
  const doctype = /<!DOCTYPE/i.exec(body);
  if (doctype === null) return null;
  const root = /<[A-Za-z_]/.exec(body);
  if (root !== null && root.index < doctype.index) return null;
  return body.slice(0, doctype.index).split("\n").length;
}

export function isElement(value: unknown): value is XmlElement {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An element, or an empty one for text / missing values, so accessors can chain. */
export function asElement(value: XmlValue | XmlValue[] | undefined): XmlElement {
  return isElement(value) ? value : {};
}

/** All children with a (namespace-free) name, in document order. */
export function childList(node: XmlValue | undefined, name: string): XmlValue[] {
  if (!isElement(node)) return [];
  const value = node[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export function firstChild(node: XmlValue | undefined, name: string): XmlValue | undefined {
  return childList(node, name)[0];
}

/** Text of the first child found under any of the names (producers spell some differently). */
export function firstText(node: XmlValue | undefined, ...names: string[]): string | null {
  for (const name of names) {
    const text = elementText(firstChild(node, name));
    if (text !== null) return text;
  }
  return null;
}

/** An attribute value with entities decoded, or null. */
export function attribute(node: XmlValue | undefined, name: string): string | null {
  if (!isElement(node)) return null;
  const value = node[`@_${name}`];
  return typeof value === "string" ? decodeXmlEntities(value) : null;
}

function rawContent(node: XmlValue | undefined): string {
  if (typeof node === "string") return node;
  if (!isElement(node)) return "";
  const text = node["#text"];
  return typeof text === "string" ? text : "";
}

/** Text of a plain-text element (markup dropped, entities decoded); null when empty. */
export function elementText(node: XmlValue | undefined): string | null {
  if (node === undefined) return null;
  const text = markupToText(rawContent(node)).trim();
  return text.length > 0 ? text : null;
}

/** Text of an element whose content is HTML (escaped or in CDATA): tags stripped, entities decoded. */
export function elementHtmlText(node: XmlValue | undefined): string | null {
  const decoded = elementText(node);
  if (decoded === null) return null;
  const text = htmlToText(decoded).trim();
  return text.length > 0 ? text : null;
}

const CDATA_SECTION = /<!\[CDATA\[([\s\S]*?)\]\]>/g;
const XML_COMMENT = /<!--[\s\S]*?-->/g;
// Inside raw element content a literal `<` can only start markup (text must escape it).
// `[^<>]` rather than `[^>]` keeps these linear on text with many unclosed `<`.
const BLOCK_MARKUP = /<\/?(?:[\w-]+:)?(?:p|div|br|li|h[1-6]|blockquote|pre|tr)\b[^<>]*>/gi;
const ANY_MARKUP = /<[^<>]*>/g;

/** Raw element content to text: CDATA kept verbatim, literal tags dropped, entities decoded. */
function markupToText(raw: string): string {
  if (!raw.includes("<") && !raw.includes("&")) return raw;
  let out = "";
  let last = 0;
  for (const match of raw.matchAll(CDATA_SECTION)) {
    out += decodeMarkup(raw.slice(last, match.index));
    out += match[1];
    last = match.index + match[0].length;
  }
  return out + decodeMarkup(raw.slice(last));
}

function decodeMarkup(fragment: string): string {
  return decodeXmlEntities(
    fragment.replace(XML_COMMENT, "").replace(BLOCK_MARKUP, "\n\n").replace(ANY_MARKUP, ""),
  );
}

const XML_ENTITY = /&(?:(lt|gt|amp|quot|apos)|#(\d{1,7})|#x([0-9a-f]{1,6}));/gi;
const XML_NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Decodes the five XML entities and character references; anything else is left as written. */
export function decodeXmlEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(XML_ENTITY, (whole, name?: string, dec?: string, hex?: string) => {
    if (name) return XML_NAMED[name.toLowerCase()] ?? whole;
    return codePointText(dec ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? "", 16)) ?? whole;
  });
}
