/**
 * Content identity for abstracts. Two texts that differ only in case, accents, whitespace,
 * punctuation or LaTeX markup characters normalise to the same word sequence and so get the
 * same fingerprint; any change of wording gives another one.
 */

const NON_WORD = /[^\p{L}\p{N}]+/u;
const COMBINING_MARKS = /\p{M}+/gu;

/** The word sequence used for exact matching: NFKD, marks stripped, lower case, words only. */
export function normaliseForMatch(text: string): string {
  return text
    .normalize("NFKD")
    .replace(COMBINING_MARKS, "")
    .toLowerCase()
    .split(NON_WORD)
    .filter((word) => word.length > 0)
    .join(" ");
}

/** SHA-256 (hex) of the normalised word sequence. */
export async function fingerprintAbstract(abstract: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(normaliseForMatch(abstract)));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Stable key for a paper known only by its text: 64 bits of the fingerprint are ample. */
export function keyForFingerprint(fingerprint: string): string {
  return `fp:${fingerprint.slice(0, 16)}`;
}
