/**
 * How close each of the week's papers is to what the reader liked and far from what they
 * disliked: a linear SVM (linear-svm.ts) over the week's TF-IDF vectors (week-vectors.ts), with
 * the liked papers as positives and, as negatives, the disliked ones and the week's other papers.
 *
 * This is arxiv-sanity-lite's method (LinearSVC, C = 0.01, balanced classes, every other paper a
 * negative) on our features: character 4-grams weighted over this week, not word n-grams fitted
 * on the whole library. Its negatives are the week's papers instead of everything stored, so a
 * ranking costs one week in memory, not the library. Co-authors of liked papers pull a paper up a
 * little, since groups keep to their fields. Choices made on the tune readers only (BENCHMARKS.md).
 */

import { type TrainingExample, trainLinearSvm } from "./linear-svm";
import type { RankWeek } from "./week";
import { denseDot, type WeightedVector } from "./week-vectors";

/** arxiv-sanity-lite's regularisation: every paper near the boundary, none fitted exactly. */
export const SVM_C = 0.01;
/** Standard deviations added per author shared with liked papers… */
export const CO_AUTHOR = 0.5;
/** …counting at most this many. */
export const MAX_CO_AUTHORS = 2;

/** An example in the week's terms: its vector, +1 liked / −1 disliked, its hashed authors. */
export interface Example {
  vector: WeightedVector;
  sign: 1 | -1;
  authors: Uint32Array;
  /** Its place among the week's papers when it is one of them (then not also a negative). */
  weekIndex?: number;
}

/**
 * The training set, with scikit-learn's `class_weight="balanced"`: each class's C is scaled by
 * n / (2 × its size), so 5 liked papers weigh as much as 1,000 others.
 */
function trainingSet(week: RankWeek, examples: readonly Example[]): TrainingExample[] {
  const inWeek = new Set(examples.map((e) => e.weekIndex).filter((i) => i !== undefined));
  const positives = examples.filter((e) => e.sign > 0).map((e) => e.vector);
  const negatives = examples.filter((e) => e.sign < 0).map((e) => e.vector);
  week.vectors.vectors.forEach((v, i) => {
    if (!inWeek.has(i)) negatives.push(v);
  });
  const n = positives.length + negatives.length;
  const positiveCost = (SVM_C * n) / (2 * Math.max(1, positives.length));
  const negativeCost = (SVM_C * n) / (2 * Math.max(1, negatives.length));
  return [
    ...positives.map((vector) => ({ vector, label: 1 as const, cost: positiveCost })),
    ...negatives.map((vector) => ({ vector, label: -1 as const, cost: negativeCost })),
  ];
}

/** Scores of the week's papers, in order, standardised (mean 0, spread 1). */
export function relevance(week: RankWeek, examples: readonly Example[]): Float64Array {
  const { vectors } = week;
  const weights = trainLinearSvm(vectors.size, trainingSet(week, examples));
  const n = vectors.vectors.length;
  const scores = standardised(
    Float64Array.from({ length: n }, (_, i) => denseDot(vectors.vectors[i]!, weights)),
  );
  const likedAuthors = new Set<number>();
  for (const e of examples) if (e.sign > 0) for (const a of e.authors) likedAuthors.add(a);
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
