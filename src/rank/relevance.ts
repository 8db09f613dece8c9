/**
 * How close each of the week's papers is to what the reader liked and far from what they
 * disliked: the week's TF-IDF vectors (week-vectors.ts) scored against
 *
 *   profile = mean(liked) − mean(week) − DOWN × (mean(disliked) − mean(week))
 *
 * Subtracting the week's mean is what arxiv-sanity-lite's SVM does in effect: at its strong
 * regularisation (C = 0.01) every paper is a support vector, and its weights are the liked
 * papers' mean less the others' (measured: this and the SVM score alike on the same features).
 * It costs one pass over the week instead of training a model per subscription. Disliked
 * papers push their like down; co-authors of liked papers pull a paper up a little, since groups
 * keep to their fields. Weights chosen on the tune readers and weeks only (BENCHMARKS.md).
 */

import type { RankWeek } from "./week";
import { addInto, denseDot, type WeightedVector } from "./week-vectors";

/** Weight of the disliked papers' mean, against the liked papers' mean. */
export const DOWN = 0.3;
/** Standard deviations added per author shared with liked papers… */
export const CO_AUTHOR = 0.5;
/** …counting at most this many. */
export const MAX_CO_AUTHORS = 2;

/** An example in the week's terms: its vector, +1 liked / −1 disliked, its hashed authors. */
export interface Example {
  vector: WeightedVector;
  sign: 1 | -1;
  authors: Uint32Array;
}

function mean(size: number, vectors: readonly WeightedVector[]): Float64Array {
  const dense = new Float64Array(size);
  for (const v of vectors) addInto(dense, v, 1 / vectors.length);
  return dense;
}

/** Scores of the week's papers, in order, standardised (mean 0, spread 1). */
export function relevance(week: RankWeek, examples: readonly Example[]): Float64Array {
  const { vectors, mean: weekMean } = week;
  const liked = examples.filter((e) => e.sign > 0);
  const disliked = examples.filter((e) => e.sign < 0);
  const profile = mean(
    vectors.size,
    liked.map((e) => e.vector),
  );
  for (let t = 0; t < profile.length; t++) profile[t]! -= weekMean[t]!;
  if (disliked.length > 0) {
    const down = mean(
      vectors.size,
      disliked.map((e) => e.vector),
    );
    for (let t = 0; t < profile.length; t++) profile[t]! -= DOWN * (down[t]! - weekMean[t]!);
  }
  const n = vectors.vectors.length;
  const scores = standardised(
    Float64Array.from({ length: n }, (_, i) => denseDot(vectors.vectors[i]!, profile)),
  );
  const likedAuthors = new Set<number>();
  for (const e of liked) for (const a of e.authors) likedAuthors.add(a);
  if (likedAuthors.size > 0) {
    for (let i = 0; i < n; i++) {
      let shared = 0;
      for (const a of week.papers[i]!.vector.authors) if (likedAuthors.has(a)) shared++;
      scores[i]! += CO_AUTHOR * Math.min(shared, MAX_CO_AUTHORS);
    }
  }
  return scores;
}

function standardised(x: Float64Array): Float64Array {
  let sum = 0;
  for (const v of x) sum += v;
  const m = sum / (x.length || 1);
  let sq = 0;
  for (const v of x) sq += (v - m) ** 2;
  const sd = Math.sqrt(sq / (x.length || 1)) || 1;
  return x.map((v) => (v - m) / sd);
}
