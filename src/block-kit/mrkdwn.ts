/**
 * Slack mrkdwn from untrusted text (titles, summaries and code links come from abstracts): `&`, `<`
 * and `>` are Slack's control characters and become entities, so no title can open a link or
 * mention (`<!channel>`); links are `<url|text>` with only http(s) URLs, which cannot close the
 * link early. Lengths are counted after escaping, as Slack counts them.
 */

const ELLIPSIS = "…";

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Runs of whitespace (line breaks included) as one space, trimmed: one line of text. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * `raw` on one line, escaped, and at most `max` characters: cut at a word boundary when one is
 * near, with "…", never inside an entity or a surrogate pair.
 */
export function escapedClip(raw: string, max: number): string {
  const line = oneLine(raw);
  const whole = escapeMrkdwn(line);
  if (whole.length <= max) return whole;
  let out = "";
  let lastSpace = -1;
  for (const ch of line) {
    const piece = escapeMrkdwn(ch);
    if (out.length + piece.length + ELLIPSIS.length > max) break;
    if (ch === " ") lastSpace = out.length;
    out += piece;
  }
  if (lastSpace > out.length * 0.6) out = out.slice(0, lastSpace);
  return `${out.replace(/[\s,:.-]+$/, "")}${ELLIPSIS}`;
}

/** Plain text (header blocks, which show it as is) on one line, at most `max` characters. */
export function plainClip(raw: string, max: number): string {
  const line = oneLine(raw);
  if (line.length <= max) return line;
  let out = "";
  for (const ch of line) {
    if (out.length + ch.length + ELLIPSIS.length > max) break;
    out += ch;
  }
  return `${out.trimEnd()}${ELLIPSIS}`;
}

/** Longest URL we link; longer ones (hardly real) are left out rather than cut. */
export const MAX_URL_LENGTH = 500;

/**
 * The URL as it may stand inside `<…|…>`: http(s) only, normalised by the URL parser (which
 * percent-encodes spaces, `<` and `>`), `|` percent-encoded, `&` as an entity. Null when unusable.
 */
export function linkUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return null;
  const href = parsed.href.replace(/\|/g, "%7C");
  if (href.length > MAX_URL_LENGTH) return null;
  return escapeMrkdwn(href);
}

/**
 * `<url|text>` with the text escaped and clipped to `maxText`; the text alone when the URL is
 * unusable or, escaped, longer than `maxUrl` (so a caller can bound what a link costs).
 */
export function mrkdwnLink(
  url: string | null | undefined,
  text: string,
  maxText = 300,
  maxUrl = Number.POSITIVE_INFINITY,
): string {
  const label = escapedClip(text, maxText);
  const href = url ? linkUrl(url) : null;
  return href && href.length <= maxUrl ? `<${href}|${label}>` : label;
}
