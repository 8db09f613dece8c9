/**
 * Entry point of ingest parsing: unwraps a raw e-mail (a saved `.eml` of an arXiv listing,
 * possibly quoted-printable or multipart) to its text, detects the format and dispatches.
 */

import PostalMime from "postal-mime";
import { detectFormat, looksLikeRawEmail } from "./detect";
import { parseAbsEntries } from "./formats/abs-entries";
import { parseAtom } from "./formats/atom";
import { parseJson } from "./formats/json";
import { parseRss } from "./formats/rss";
import { parseSeedLines } from "./formats/seed-lines";
import { parseSeedListing } from "./formats/seed-listing";
import { htmlToText } from "./text/html-text";
import type { ParseResult, SourceFormat } from "./types";

const PARSERS: Record<SourceFormat, (text: string) => ParseResult> = {
  "seed-listing": parseSeedListing,
  "seed-lines": parseSeedLines,
  abs: (text) => parseAbsEntries(text, "abs"),
  "listing-email": (text) => parseAbsEntries(text, "listing-email"),
  atom: parseAtom,
  rss: parseRss,
  json: parseJson,
};

/**
 * The text body of a raw e-mail, or null when it has none or cannot be parsed. Given the
 * original bytes, the MIME parser decodes each part by its declared charset (an 8-bit
 * ISO-8859-1 part reads right even when the whole body was guessed to be UTF-8).
 */
async function mailText(raw: string | Uint8Array): Promise<string | null> {
  try {
    const email = await PostalMime.parse(raw);
    // A part decoded from its bytes may carry NULs again; decodeBytes drops them from the rest.
    if (email.text?.trim()) return email.text.replaceAll("\u0000", "");
    if (email.html?.trim()) return htmlToText(email.html).replaceAll("\u0000", "");
    return null;
  } catch {
    return null;
  }
}

/**
 * Parses a request body in any supported format; null when the format is not recognised.
 * Never throws: a parser failure becomes a single error in the result. `bytes`, when given,
 * are the body as received (`text` is their decodeBytes), for a raw e-mail's MIME charsets.
 */
export async function parseInput(
  text: string,
  contentTypeHint?: string | null,
  bytes?: Uint8Array,
): Promise<ParseResult | null> {
  let body = text;
  let hint = contentTypeHint ?? null;
  if (looksLikeRawEmail(text)) {
    const extracted = await mailText(bytes ?? text);
    if (extracted !== null) {
      body = extracted;
      // The body came out of a mail, so a lone `.abs`-shaped entry is a (short) listing.
      hint = "message/rfc822";
    }
  }
  const format = detectFormat(body, hint);
  if (format === null) return null;
  try {
    return PARSERS[format](body);
  } catch {
    return {
      format,
      records: [],
      errors: [{ index: 0, message: `the ${format} input could not be parsed` }],
    };
  }
}
