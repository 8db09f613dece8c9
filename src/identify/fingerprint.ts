/**
 * Content identity for abstracts. Two texts that differ only in case, accents, whitespace,
 * punctuation or LaTeX markup characters normalise to the same word sequence and so get the
 * same fingerprint; any change of wording gives another one.
 */

const NON_WORD = /[^\p{L}\p{N}]+/u;
const COMBINING_MARKS = /\p{M}+/gu;
// Any UTF-16 code unit above 0x7f (astral characters show up as surrogates, also in range).
const NON_ASCII = /[\u0080-\uffff]/;
const ASCII_NON_WORD = /[^a-z0-9]+/;

/** The word sequence used for exact matching: NFKD, marks stripped, lower case, words only. */
export function normaliseForMatch(text: string): string {
  return matchWordList(text).join(" ");
}

/** normaliseForMatch as a list of words. */
export function matchWordList(text: string): string[] {
  // Most abstracts are ASCII: there NFKD and mark stripping change nothing and letters/digits
  // are [a-z0-9], so the cheap path gives exactly the same words, several times faster.
  const folded = NON_ASCII.test(text)
    ? text.normalize("NFKD").replace(COMBINING_MARKS, "").toLowerCase().split(NON_WORD)
    : text.toLowerCase().split(ASCII_NON_WORD);
  return folded.filter((word) => word.length > 0);
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

/** True for a paper known only by its text (keyForFingerprint); false for `arxiv:` keys. */
export function isIdlessKey(key: string): boolean {
  return key.startsWith("fp:");
}
