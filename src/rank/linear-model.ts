/**
 * A linear classifier trained at rank time: L2-regularised squared-hinge SVM solved by dual
 * coordinate descent (Hsieh et al. 2008, what liblinear and scikit-learn's LinearSVC run), with
 * class weights balanced as in arxiv-sanity-lite. Each epoch is one pass over the nonzeros, so a
 * thousand abstracts train in a few milliseconds.
 */
import type { WeightedVector } from "./week-vectors";

export interface TrainingRow {
  v: WeightedVector;
  y: 1 | -1;
  /** Multiplies the class weight (hard negatives count more). */
  weight: number;
}

export function trainLinear(
  rows: readonly TrainingRow[],
  size: number,
  c: number,
  epochs = 20,
): Float64Array {
  const w = new Float64Array(size + 1); // last slot: bias, its feature fixed at 1
  const npos = rows.filter((r) => r.y > 0).length;
  const nneg = rows.length - npos;
  if (!npos || !nneg) return w;
  const cw = (r: TrainingRow) =>
    (r.y > 0 ? rows.length / (2 * npos) : rows.length / (2 * nneg)) * c * r.weight;
  const alpha = new Float64Array(rows.length);
  const qii = rows.map((r) => {
    let s = 1; // bias feature
    for (const x of r.v.weights) s += x * x;
    return s + 1 / (2 * cw(r));
  });
  const order = [...rows.keys()];
  let seed = 1;
  for (let epoch = 0; epoch < epochs; epoch++) {
    // A fixed shuffle per epoch: deterministic, yet not biased by input order.
    for (let i = order.length - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const j = seed % (i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let change = 0;
    for (const i of order) {
      const r = rows[i]!;
      const d = 1 / (2 * cw(r));
      let wx = w[size]!;
      for (let k = 0; k < r.v.ids.length; k++) wx += w[r.v.ids[k]!]! * r.v.weights[k]!;
      const g = r.y * wx - 1 + d * alpha[i]!;
      const next = Math.max(0, alpha[i]! - g / qii[i]!);
      const delta = (next - alpha[i]!) * r.y;
      if (delta === 0) continue;
      alpha[i] = next;
      change = Math.max(change, Math.abs(delta));
      for (let k = 0; k < r.v.ids.length; k++) w[r.v.ids[k]!]! += delta * r.v.weights[k]!;
      w[size]! += delta;
    }
    if (change < 1e-4) break;
  }
  return w;
}
