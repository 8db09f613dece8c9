/**
 * The exact measures that confirm an LSH candidate:
 * - Jaccard of the word-3-gram sets catches typo fixes, reordered sentences and markup changes;
 * - containment (the share of the smaller text found in the larger) catches a copy with
 *   sentences dropped or added;
 * - for short abstracts only, the word-level LCS ratio (difflib's ratio over words): with few
 *   3-grams, each edited word removes up to three of them and Jaccard turns to noise.
 * isSamePaperText (near-duplicate.ts) decides from these; thresholds come from measurements.
 */
import type { TextSketch } from "./shingles";

export interface Similarity {
  jaccard: number;
  containment: number;
  /** 2·LCS / (|a| + |b|) over words; computed only when the shorter text is short. */
  wordRatio: number | null;
}

/** Below this many words a text counts as short (a two- or three-line abstract). */
export const SHORT_TEXT_WORDS = 60;

export function compareShingles(a: Set<number>, b: Set<number>): Pick<Similarity, "jaccard" | "containment"> {
  if (a.size === 0 || b.size === 0) return { jaccard: 0, containment: 0 };
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const s of small) if (large.has(s)) shared++;
  return { jaccard: shared / (a.size + b.size - shared), containment: shared / small.size };
}

export function compareSketches(a: TextSketch, b: TextSketch): Similarity {
  const short = Math.min(a.words.length, b.words.length) < SHORT_TEXT_WORDS;
  return {
    ...compareShingles(a.shingles, b.shingles),
    wordRatio: short ? wordLcsRatio(a.words, b.words) : null,
  };
}

/** Longest common subsequence of words, two rolling rows: O(|a|·|b|) time, O(|b|) memory. */
export function wordLcsRatio(a: string[], b: string[]): number {
  if (a.length + b.length === 0) return 1;
  let previous = new Uint32Array(b.length + 1);
  let current = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      current[j] = a[i - 1] === b[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!);
    }
    [previous, current] = [current, previous];
  }
  return (2 * previous[b.length]!) / (a.length + b.length);
}
