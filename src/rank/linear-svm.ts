/**
 * A linear SVM (L2-regularised hinge loss) trained by liblinear's dual coordinate descent
 * (Hsieh et al., ICML 2008), the solver behind scikit-learn's LinearSVC that arxiv-sanity-lite
 * uses. Written here because it is ~60 lines over our own sparse vectors, while the JavaScript
 * ports of liblinear/libsvm are WebAssembly builds of the whole library (hundreds of KB, a
 * module to instantiate in every isolate) for the one solver needed.
 *
 * Every example's vector is L2-normalised, so the diagonal of the dual's Q is |x|² + 1 (the bias
 * is a constant feature of 1, as liblinear's intercept) = 2. A fixed-seed shuffle keeps a
 * ranking the same from one request to the next.
 */
import type { WeightedVector } from "./week-vectors";

export interface TrainingExample {
  vector: WeightedVector;
  label: 1 | -1;
  /** Its C: how much a margin violation of this example costs. */
  cost: number;
}

/**
 * Passes over the examples at most (the last check of every example counts as one); they stop
 * early once the projected gradients of all examples lie within TOLERANCE of each other, as
 * liblinear's stopping rule.
 */
const MAX_EPOCHS = 10;
const TOLERANCE = 1e-3;
const Q_DIAGONAL = 2;

function shuffle(order: Int32Array, seed: number): void {
  let state = seed;
  for (let i = order.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const j = Math.floor((state / 2 ** 32) * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
}

/**
 * The weights (dense over `size` features) of the separating hyperplane; its bias is dropped.
 * With liblinear's shrinking: an example whose gradient keeps it at a bound of its box (most of a
 * week's papers, pinned at their small C) leaves the passes until the end, which checks them all.
 */
export function trainLinearSvm(size: number, examples: readonly TrainingExample[]): Float64Array {
  const w = new Float64Array(size);
  let bias = 0;
  const alpha = new Float64Array(examples.length);
  const order = Int32Array.from(examples, (_, i) => i);
  let active = order.length;
  let maxOld = Number.POSITIVE_INFINITY;
  let minOld = Number.NEGATIVE_INFINITY;
  for (let epoch = 0; epoch < MAX_EPOCHS; epoch++) {
    shuffle(order.subarray(0, active), 12345 + epoch);
    let maxNew = Number.NEGATIVE_INFINITY;
    let minNew = Number.POSITIVE_INFINITY;
    for (let s = 0; s < active; s++) {
      const i = order[s]!;
      const { vector: x, label, cost } = examples[i]!;
      let dot = bias;
      for (let k = 0; k < x.ids.length; k++) dot += x.weights[k]! * w[x.ids[k]!]!;
      const gradient = label * dot - 1;
      const a = alpha[i]!;
      let projected = gradient;
      if ((a === 0 && gradient > maxOld) || (a === cost && gradient < minOld)) {
        // Shrunk: swapped out of the active part, and this slot read again.
        active--;
        order[s] = order[active]!;
        order[active] = i;
        s--;
        continue;
      }
      if (a === 0) projected = Math.min(gradient, 0);
      else if (a === cost) projected = Math.max(gradient, 0);
      maxNew = Math.max(maxNew, projected);
      minNew = Math.min(minNew, projected);
      if (projected === 0) continue;
      const next = Math.min(Math.max(a - gradient / Q_DIAGONAL, 0), cost);
      const step = (next - a) * label;
      alpha[i] = next;
      for (let k = 0; k < x.ids.length; k++) w[x.ids[k]!]! += step * x.weights[k]!;
      bias += step;
    }
    if (maxNew - minNew <= TOLERANCE) {
      if (active === order.length) break;
      // Converged on the active part: check every example once more.
      active = order.length;
      maxOld = Number.POSITIVE_INFINITY;
      minOld = Number.NEGATIVE_INFINITY;
      continue;
    }
    maxOld = maxNew > 0 ? maxNew : Number.POSITIVE_INFINITY;
    minOld = minNew < 0 ? minNew : Number.NEGATIVE_INFINITY;
  }
  return w;
}
