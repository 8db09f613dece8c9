/**
 * HTML to plain text, for every place the bot reads HTML: Atom/RSS summaries (formats/xml.ts)
 * and listing e-mails that carry only an HTML part (parse-input.ts). Written here rather than
 * taken from a library: the libraries strip any `<…>`, and abstracts are full of LaTeX such as
 * `$x<y$` whose text between a `<` and the next `>` must survive; only real HTML tag names go.
 */

/** The character of a code point, or null for one that is not a character (0, surrogates, beyond U+10FFFF). */
export function codePointText(cp: number): string | null {
  if (!Number.isInteger(cp) || cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
  return String.fromCodePoint(cp);
}

// Only real HTML tag names are stripped: abstracts are full of LaTeX such as `$x<y$`, and a
// generic `<[^>]*>` would eat the text between a `<` and the next `>`.
const HTML_TAG =
  /<\/?(a|abbr|article|b|big|blockquote|body|br|caption|center|cite|code|col|colgroup|dd|div|dl|dt|em|font|footer|h[1-6]|header|hr|html|i|img|li|link|main|meta|ol|p|pre|q|s|section|small|span|strike|strong|sub|sup|table|tbody|td|tfoot|th|thead|tr|tt|u|ul)(?:\s[^<>]*)?\/?>/gi;
// Whole elements whose content is not text (a mail's head, its styles and scripts), and comments.
const NON_TEXT = /<(head|script|style|title)\b[^<>]*>[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->|<!doctype[^<>]*>/gi;
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
  "body",
  "section",
  "article",
  "header",
  "footer",
  "center",
  "pre",
  "hr",
]);

/** HTML to plain text: paragraphs kept as blank lines, inline tags dropped, entities decoded. */
export function htmlToText(html: string): string {
  const stripped = html.includes("<")
    ? html.replace(NON_TEXT, "").replace(HTML_TAG, (_tag, name: string) => {
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
    return codePointText(dec ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? "", 16)) ?? whole;
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
