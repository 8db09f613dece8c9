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
    return fromCodePoint(dec ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? "", 16)) ?? whole;
  });
}

function fromCodePoint(cp: number): string | null {
  if (!Number.isInteger(cp) || cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
  return String.fromCodePoint(cp);
}

// Only real HTML tag names are stripped: abstracts are full of LaTeX such as `$x<y$`, and a
// generic `<[^>]*>` would eat the text between a `<` and the next `>`.
const HTML_TAG =
  /<\/?(a|abbr|b|big|blockquote|br|cite|code|dd|div|dl|dt|em|font|h[1-6]|hr|i|img|li|ol|p|pre|q|s|small|span|strike|strong|sub|sup|table|tbody|td|th|thead|tr|tt|u|ul)(?:\s[^<>]*)?\/?>/gi;
const HTML_BLOCK_TAGS = new Set([
  "p",
  "div",
  "blockquote",
  "li",
  "ol",
  "ul",
  "dl",
  "table",
  "tr",
  "pre",
  "hr",
]);

/** HTML to plain text: paragraphs kept as blank lines, inline tags dropped, entities decoded. */
export function htmlToText(html: string): string {
  const stripped = html.includes("<")
    ? html.replace(HTML_TAG, (_tag, name: string) => {
        const lower = name.toLowerCase();
        if (lower === "br") return "\n";
        return HTML_BLOCK_TAGS.has(lower) || /^h\d$/.test(lower) ? "\n\n" : "";
      })
    : html;
  return decodeHtmlEntities(stripped);
}

const HTML_ENTITY = /&(?:([a-z][a-z0-9]{1,31})|#(\d{1,7})|#x([0-9a-f]{1,6}));/gi;

/** Decodes HTML named entities (common set) and character references in one pass. */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(HTML_ENTITY, (whole, name?: string, dec?: string, hex?: string) => {
    if (name) return HTML_NAMED.get(name) ?? HTML_NAMED.get(name.toLowerCase()) ?? whole;
    return fromCodePoint(dec ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? "", 16)) ?? whole;
  });
}

// Latin-1 entity names in code-point order from U+00A0 (HTML 3.2's set).
const LATIN1_NAMES =
  "nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 " +
  "acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde " +
  "Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc " +
  "Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml " +
  "aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc " +
  "otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml";
const GREEK_NAMES =
  "Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho - Sigma Tau " +
  "Upsilon Phi Chi Psi Omega";
const OTHER_ENTITIES: Record<string, number> = {
  amp: 38,
  lt: 60,
  gt: 62,
  quot: 34,
  apos: 39,
  sigmaf: 962,
  ensp: 8194,
  emsp: 8195,
  thinsp: 8201,
  ndash: 8211,
  mdash: 8212,
  lsquo: 8216,
  rsquo: 8217,
  sbquo: 8218,
  ldquo: 8220,
  rdquo: 8221,
  bdquo: 8222,
  bull: 8226,
  hellip: 8230,
  prime: 8242,
  Prime: 8243,
  euro: 8364,
  trade: 8482,
  larr: 8592,
  rarr: 8594,
  harr: 8596,
  minus: 8722,
  infin: 8734,
  asymp: 8776,
  ne: 8800,
  le: 8804,
  ge: 8805,
};

const HTML_NAMED: Map<string, string> = (() => {
  const map = new Map<string, string>();
  for (const [i, name] of LATIN1_NAMES.split(" ").entries()) map.set(name, String.fromCodePoint(0xa0 + i));
  for (const [i, name] of GREEK_NAMES.split(" ").entries()) {
    if (name === "-") continue; // U+03A2 is unassigned
    map.set(name, String.fromCodePoint(0x391 + i));
    map.set(name.toLowerCase(), String.fromCodePoint(0x3b1 + i));
  }
  for (const [name, cp] of Object.entries(OTHER_ENTITIES)) map.set(name, String.fromCodePoint(cp));
  return map;
})();
