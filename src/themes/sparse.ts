/**
 * Sparse vectors over one batch's vocabulary (ids ascending), and the bridge to the storable
 * form: a plain term → weight object, keyed by feature text so it stays meaningful when next
 * week's batch numbers its vocabulary differently.
 */

export interface SparseVector {
  ids: Int32Array;
  weights: Float64Array;
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
  const sorted = [...entries].filter(([, w]) => w > 0).sort((a, b) => a[0] - b[0]);
  const norm = Math.sqrt(sorted.reduce((s, [, w]) => s + w * w, 0));
  if (norm === 0) return EMPTY_VECTOR;
  return {
    ids: Int32Array.from(sorted, ([id]) => id),
    weights: Float64Array.from(sorted, ([, w]) => w / norm),
  };
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

/**
 * The storable form: the `maxTerms` heaviest terms, weights rounded to 4 decimals so stored JSON
 * is small and byte-stable. Cosine is computed against the stored norm, so the truncation costs
 * only the dropped tail (a few percent of the mass with the default 120 terms).
 */
export function toTermWeights(v: SparseVector, terms: readonly string[], maxTerms: number): TermWeights {
  const order = [...v.ids.keys()].sort(
    (a, b) => v.weights[b]! - v.weights[a]! || terms[v.ids[a]!]!.localeCompare(terms[v.ids[b]!]!),
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
  return { ids: Int32Array.from(known, ([id]) => id), weights: Float64Array.from(known, ([, w]) => w / norm) };
}

/** Unit-length `(1 - rate) * a + rate * b` over term maps (the slow drift of a stored centroid). */
export function blendTermWeights(a: TermWeights, b: TermWeights, rate: number): Map<string, number> {
  const unit = (m: TermWeights) => {
    const n = Math.sqrt(Object.values(m).reduce((s, w) => s + w * w, 0)) || 1;
    return (w: number) => w / n;
  };
  const ua = unit(a);
  const ub = unit(b);
  const out = new Map<string, number>();
  for (const [t, w] of Object.entries(a)) out.set(t, (1 - rate) * ua(w));
  for (const [t, w] of Object.entries(b)) out.set(t, (out.get(t) ?? 0) + rate * ub(w));
  const norm = Math.sqrt([...out.values()].reduce((s, w) => s + w * w, 0)) || 1;
  for (const [t, w] of out) out.set(t, w / norm);
  return out;
}
