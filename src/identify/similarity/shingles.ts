/**
 * Word shingles for near-duplicate detection. Text is folded the way a reader would not
 * notice: LaTeX rendered to plain text first (by the caller), then case, accents, punctuation
 * and whitespace dropped (normaliseForMatch). A shingle is three consecutive words, hashed to 32 bits.
 */
import { matchWordList } from "../fingerprint";

export const SHINGLE_WORDS = 3;

/** FNV-1a over UTF-16 code units, finished with a murmur3 mix so close strings spread. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** murmur3 fmix32: a bijective 32-bit scrambler. */
export function mix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The set of hashed word 3-grams (the whole text when it is shorter). Each word is hashed
 * once and three word hashes are mixed into a shingle hash, so no 3-gram strings are built.
 */
export function shingleSet(words: string[]): Set<number> {
  const shingles = new Set<number>();
  const hashes = words.map(hashString);
  if (hashes.length < SHINGLE_WORDS) {
    if (hashes.length > 0) shingles.add(hashes.reduce((h, w) => mix32(h ^ w), SHINGLE_WORDS));
    return shingles;
  }
  for (let i = 0; i + SHINGLE_WORDS <= hashes.length; i++) {
    // Order matters ("a b c" ≠ "c b a"): each step mixes before the next word comes in.
    shingles.add(mix32(mix32(mix32(hashes[i]!) ^ hashes[i + 1]!) ^ hashes[i + 2]!));
  }
  return shingles;
}

/** What similarity is measured on: the folded words and their hashed 3-grams. */
export interface TextSketch {
  words: string[];
  shingles: Set<number>;
}

/** The sketch of an abstract's plain-text rendering (latexToPlain output). */
export function sketchPlainText(plainText: string): TextSketch {
  const words = matchWordList(plainText);
  return { words, shingles: shingleSet(words) };
}
