/**
 * Sentence keys: a second kind of LSH "band". A copy with sentences dropped or reordered can
 * fall to Jaccard ≈ 0.5, where MinHash bands find it only ~93% of the time, yet every
 * sentence it kept is unchanged. One key per normalised sentence (six words or more, so
 * "We conclude." matches nothing) makes such a copy a candidate with certainty; the exact
 * measures still decide. Boilerplate sentences shared by many papers are dropped at lookup
 * (identity-snapshot.ts caps papers per key).
 */
import { normaliseForMatch } from "../fingerprint";
import { LSH_BANDS } from "./minhash";
import { hashString } from "./shingles";

const MIN_SENTENCE_WORDS = 6;
const MAX_SENTENCE_KEYS = 16;
// Sentence keys live in their own band number, after the MinHash bands.
const SENTENCE_BAND = LSH_BANDS;
const SENTENCE_END = /(?<=[.!?])\s+/;

export function sentenceKeys(plainText: string): number[] {
  const keys = new Set<number>();
  for (const sentence of plainText.split(SENTENCE_END)) {
    const words = normaliseForMatch(sentence);
    if (words.split(" ").length < MIN_SENTENCE_WORDS) continue;
    keys.add(SENTENCE_BAND * 2 ** 32 + hashString(words));
    if (keys.size === MAX_SENTENCE_KEYS) break;
  }
  return [...keys];
}
