/**
 * Format detection from the content itself. Users paste bodies with whatever Content-Type
 * their tool sends (often text/plain for XML, JSON or mail), so the hint only breaks ties
 * the content leaves open.
 */

import { normaliseNewlines } from "./clean-text";
import { countAbsEntries } from "./formats/abs-entries";
import { countAbstractLabels } from "./formats/seed-lines";
import { seedListingShape } from "./formats/seed-listing";
import type { SourceFormat } from "./types";

// Markers that only an arXiv listing e-mail carries, never a single `.abs` record.
const LISTING_MARKERS = [
  /^\s*Submissions to:/im,
  /^\s*received from\s/im,
  /^\\\\\s*\(\s*https?:\/\/(?:www\.|export\.)?arxiv\.org\/abs\//im,
  /^(?:%-){3,}|^(?:%%--){2,}|^(?:%%%---){2,}/m,
  /\(\*cross-listing\*\)/i,
];

// RFC 822 header names that appear in mail but not in `.abs` records or the seed layouts.
const MAIL_ONLY_HEADERS = new Set([
  "mime-version",
  "content-type",
  "content-transfer-encoding",
  "received",
  "message-id",
  "return-path",
  "delivered-to",
  "reply-to",
  "list-id",
  "list-unsubscribe",
]);
const HEADER_FIELD = /^([!-9;-~]+):/;

/**
 * True when the text starts with an RFC 822 header block (every line a `Name: value` field
 * or a folded continuation, then a blank line) that has mail-only headers, or both
 * `Subject` and a sender/recipient. A bare `Date:`/`Subject:` pair is not enough: arXiv's
 * own listing files start that way without being mail.
 */
export function looksLikeRawEmail(text: string): boolean {
  // A header block is short; looking at the start keeps this cheap on large bodies.
  const lines = normaliseNewlines(text.slice(0, 65_536)).split("\n");
  const names = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === "") break;
    if (i === lines.length - 1) return false; // no blank line: no body
    if (i === 0 && /^From \S/.test(line)) continue; // mbox separator
    if (/^[ \t]/.test(line) && i > 0) continue; // folded header value
    const field = HEADER_FIELD.exec(line);
    if (!field) return false;
    names.add(field[1]!.toLowerCase());
  }
  if ([...names].some((name) => MAIL_ONLY_HEADERS.has(name) || name.startsWith("x-"))) return true;
  return names.has("subject") && (names.has("from") || names.has("to"));
}

/** End of a `<!…>` declaration; a DOCTYPE's internal subset `[…]` holds `>` of its own. */
function declarationEnd(text: string): number {
  const close = text.indexOf(">");
  const subset = text.indexOf("[");
  if (subset === -1 || close < subset) return close + 1;
  const subsetEnd = text.indexOf("]", subset);
  return subsetEnd === -1 ? 0 : text.indexOf(">", subsetEnd) + 1;
}

/** The root element name after BOM, whitespace, XML prolog, comments and DOCTYPE. */
function xmlRootName(text: string): string | null {
  let rest = text;
  for (let guard = 0; guard < 1000; guard++) {
    rest = rest.trimStart();
    const skip = rest.startsWith("<?")
      ? rest.indexOf("?>") + 2
      : rest.startsWith("<!--")
        ? rest.indexOf("-->") + 3
        : rest.startsWith("<!")
          ? declarationEnd(rest)
          : -1;
    if (skip === -1) break;
    if (skip <= 1) return null; // unterminated prolog or comment
    rest = rest.slice(skip);
  }
  return /^<([A-Za-z_][\w.:-]*)/.exec(rest)?.[1] ?? null;
}

function xmlFormat(text: string, hint: string): SourceFormat | null {
  const root = xmlRootName(text);
  const local = root?.split(":").pop()?.toLowerCase();
  if (local === "feed") return "atom";
  if (local === "rss" || local === "rdf") return "rss";
  if (root === null) {
    // A prolog with no readable root: let the declared type decide.
    if (hint.includes("atom")) return "atom";
    if (hint.includes("rss") || hint.includes("rdf")) return "rss";
  }
  return null;
}

/** Detects the source format of a body; null when nothing fits. Pure; never throws. */
export function detectFormat(text: string, contentTypeHint?: string | null): SourceFormat | null {
  try {
    const hint = (contentTypeHint ?? "").toLowerCase();
    const body = normaliseNewlines(text);
    const start = body.trimStart();
    if (start.startsWith("<")) return xmlFormat(start, hint);
    if (start.startsWith("[") || start.startsWith("{")) return "json";

    const absEntries = countAbsEntries(body);
    if (absEntries > 0) {
      const mailLike =
        absEntries > 1 ||
        LISTING_MARKERS.some((marker) => marker.test(body)) ||
        looksLikeRawEmail(body) ||
        hint.includes("message/rfc822");
      return mailLike ? "listing-email" : "abs";
    }

    const seed = seedListingShape(body);
    if (seed.idLines > 0 && (seed.dateLines > 0 || seed.textLines > 0)) return "seed-listing";
    if (countAbstractLabels(body) > 0) return "seed-lines";
    return null;
  } catch {
    return null;
  }
}
