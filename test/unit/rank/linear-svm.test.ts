/**
 * The linear SVM against what a hinge-loss SVM must do, checked on data whose answer is known:
 * separable clusters are separated, balanced costs let a few positives outweigh many negatives,
 * and the same input always gives the same weights (a ranking must not change between requests).
 */
import { describe, expect, it } from "vitest";
import { type TrainingExample, trainLinearSvm } from "../../../src/rank/linear-svm";
import type { WeightedVector } from "../../../src/rank/week-vectors";

/** A unit vector over the given feature ids, equal weights. */
function unit(ids: number[]): WeightedVector {
  const w = 1 / Math.sqrt(ids.length);
  return { ids: Int32Array.from(ids), weights: Float32Array.from(ids, () => w) };
}

const dot = (w: Float64Array, v: WeightedVector) => v.ids.reduce((s, id, k) => s + w[id]! * v.weights[k]!, 0);

describe("trainLinearSvm", () => {
  it("separates two clusters that share a feature", () => {
    const positives = [unit([0, 1, 9]), unit([0, 2, 9]), unit([1, 2, 9])];
    const negatives = [unit([3, 4, 9]), unit([3, 5, 9]), unit([4, 5, 9])];
    const examples: TrainingExample[] = [
      ...positives.map((vector) => ({ vector, label: 1 as const, cost: 1 })),
      ...negatives.map((vector) => ({ vector, label: -1 as const, cost: 1 })),
    ];
    const w = trainLinearSvm(10, examples);
    for (const p of positives) for (const n of negatives) expect(dot(w, p)).toBeGreaterThan(dot(w, n));
    // The shared feature says nothing about the class.
    expect(Math.abs(w[9]!)).toBeLessThan(Math.abs(w[0]!));
    // Unseen papers on the positives' features score above those on the negatives'.
    expect(dot(w, unit([0, 1]))).toBeGreaterThan(dot(w, unit([4, 5])));
  });

  it("lets a few heavily weighted positives outweigh many negatives (balanced classes)", () => {
    const positives = [unit([0, 1]), unit([0, 2])];
    const negatives = Array.from({ length: 200 }, (_, i) => unit([3 + (i % 50), 0]));
    const n = positives.length + negatives.length;
    const c = 0.01;
    const examples: TrainingExample[] = [
      ...positives.map((vector) => ({ vector, label: 1 as const, cost: (c * n) / (2 * positives.length) })),
      ...negatives.map((vector) => ({ vector, label: -1 as const, cost: (c * n) / (2 * negatives.length) })),
    ];
    const w = trainLinearSvm(60, examples);
    expect(dot(w, unit([0, 1]))).toBeGreaterThan(dot(w, unit([3, 0])));
    expect(w[1]!).toBeGreaterThan(0);
    expect(w[3]!).toBeLessThan(0);
  });

  it("gives the same weights for the same examples", () => {
    const examples: TrainingExample[] = Array.from({ length: 40 }, (_, i) => ({
      vector: unit([i % 7, 7 + (i % 5)]),
      label: i % 3 === 0 ? 1 : -1,
      cost: 0.5,
    }));
    expect(Array.from(trainLinearSvm(12, examples))).toEqual(Array.from(trainLinearSvm(12, examples)));
  });
});
