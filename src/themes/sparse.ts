/**
 * Sparse vectors over one batch's vocabulary (ids ascending), and the bridge to the storable
 * form: a plain term → weight object, keyed by feature text so it stays meaningful when next
 * week's batch numbers its vocabulary differently.
 */

export interface SparseVector {
  ids: Int32Array;
  weights: Float64Array;
}

/** Code-unit order of term keys: unlike localeCompare, the same in every runtime and locale. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const EMPTY_VECTOR: SparseVector = { ids: new Int32Array(0), weights: new Float64Array(0) };

/** Term → weight, as stored in a theme. JSON-serialisable; weights rounded, largest first. */
export type TermWeights = Record<string, number>;

export function dot(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x === y) sum += a.weights[i++]! * b.weights[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return sum;
}

/** Builds a unit-length vector from id → weight entries (any order; zero weights dropped). */
export function normalised(entries: Iterable<[number, number]>): SparseVector {
  const sorted = (Array.isArray(entries) ? entries : [...entries]).filter(([, w]) => w > 0);
  sorted.sort((a, b) => a[0] - b[0]);
  let norm = 0;
  for (const [, w] of sorted) norm += w * w;
  if (norm === 0) return EMPTY_VECTOR;
  norm = Math.sqrt(norm);
  const ids = new Int32Array(sorted.length);
  const weights = new Float64Array(sorted.length);
  sorted.forEach(([id, w], i) => {
    ids[i] = id;
    weights[i] = w / norm;
  });
  return { ids, weights };
}

/** Unit-length mean of some vectors (a spherical k-means centroid). */
export function centroid(vectors: readonly SparseVector[], members: Iterable<number>): SparseVector {
  const sum = new Map<number, number>();
  for (const m of members) {
    const v = vectors[m]!;
    for (let i = 0; i < v.ids.length; i++) sum.set(v.ids[i]!, (sum.get(v.ids[i]!) ?? 0) + v.weights[i]!);
  }
  return normalised(sum);
}

/** Sum of some vectors as a dense array over a vocabulary of `size` terms. */
export function denseSum(
  vectors: readonly SparseVector[],
  members: Iterable<number>,
  size: number,
): Float64Array {
  const sum = new Float64Array(size);
  for (const m of members) {
    const v = vectors[m]!;
    for (let i = 0; i < v.ids.length; i++) sum[v.ids[i]!]! += v.weights[i]!;
  }
  return sum;
}

export function denseDot(v: SparseVector, dense: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.ids.length; i++) s += v.weights[i]! * dense[v.ids[i]!]!;
  return s;
}

/**
 * The storable form: the `maxTerms` heaviest terms, weights rounded to 4 decimals so stored JSON
 * is small and byte-stable. Cosine is computed against the stored norm, so the truncation costs
 * only the dropped tail (a few percent of the mass with the default 120 terms).
 */
export function toTermWeights(v: SparseVector, terms: readonly string[], maxTerms: number): TermWeights {
  const order = [...v.ids.keys()].sort(
    (a, b) => v.weights[b]! - v.weights[a]! || compareKeys(terms[v.ids[a]!]!, terms[v.ids[b]!]!),
  );
  const out: TermWeights = {};
  for (const i of order.slice(0, maxTerms)) {
    const w = Math.round(v.weights[i]! * 10_000) / 10_000;
    if (w > 0) out[terms[v.ids[i]!]!] = w;
  }
  return out;
}

/**
 * A stored term map in this batch's vocabulary, scaled to unit length over *all* its terms (those
 * absent from the batch included), so a dot product with a batch vector is a true cosine.
 */
export function fromTermWeights(map: TermWeights, termIds: ReadonlyMap<string, number>): SparseVector {
  let norm = 0;
  const known: Array<[number, number]> = [];
  for (const [term, w] of Object.entries(map)) {
    if (!(Number.isFinite(w) && w > 0)) continue;
    norm += w * w;
    const id = termIds.get(term);
    if (id !== undefined) known.push([id, w]);
  }
  norm = Math.sqrt(norm);
  if (norm === 0) return EMPTY_VECTOR;
  known.sort((a, b) => a[0] - b[0]);
  return {
    ids: Int32Array.from(known, ([id]) => id),
    weights: Float64Array.from(known, ([, w]) => w / norm),
  };
}
