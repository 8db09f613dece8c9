/**
 * The exact measure that confirms an LSH candidate. Jaccard of the word-3-gram sets catches
 * typo fixes, reordered sentences and markup changes; containment (the share of the smaller
 * text found in the larger) catches a copy with sentences dropped or added. A pair is the same
 * paper when either is high enough; the thresholds come from measurements on real pairs
 * (bench/near-dup-quality.ts, BENCHMARKS.md).
 */

export interface Similarity {
  jaccard: number;
  containment: number;
}

export function compareShingles(a: Set<number>, b: Set<number>): Similarity {
  if (a.size === 0 || b.size === 0) return { jaccard: 0, containment: 0 };
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const s of small) if (large.has(s)) shared++;
  return { jaccard: shared / (a.size + b.size - shared), containment: shared / small.size };
}
