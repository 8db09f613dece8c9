/**
 * Rank-time TF-IDF over one ranking's documents (the week's papers plus the examples): document
 * frequencies come from these documents only, so the weights fit this week's field, with
 * scikit-learn's sublinear tf and smoothed idf. Hashes are renumbered densely (0..V) so profiles
 * can be dense arrays.
 */
import type { PaperVector } from "./paper-vector";

export interface WeightedVector {
  ids: Int32Array;
  weights: Float32Array;
}

export interface WeekVectors {
  vectors: WeightedVector[];
  /** Dense id → hash, to name terms in reasons. */
  hashes: Uint32Array;
  size: number;
  idf: Float32Array;
}

/**
 * Hash → dense id, open addressing on typed arrays: a Map of numbers cost ~40 ms for a week's
 * 120,000 feature occurrences, this ~2 ms.
 */
class IdTable {
  private keys: Int32Array;
  private values: Int32Array;
  private mask: number;
  private shift: number;
  size = 0;
  constructor(expected: number) {
    let capacity = 1024;
    let bits = 10;
    while (capacity < expected * 2) {
      capacity *= 2;
      bits++;
    }
    this.shift = 32 - bits;
    this.keys = new Int32Array(capacity).fill(-1);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
  }
  /** The id of a hash (< 2^24), a new one if unseen. */
  idOf(hash: number): number {
    // Fibonacci hashing: the product's high bits are the well-mixed ones.
    let slot = Math.imul(hash, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const k = this.keys[slot]!;
      if (k === hash) return this.values[slot]!;
      if (k === -1) {
        this.keys[slot] = hash;
        this.values[slot] = this.size;
        return this.size++;
      }
      slot = (slot + 1) & this.mask;
    }
  }
  forEach(visit: (hash: number, id: number) => void): void {
    for (let s = 0; s < this.keys.length; s++) if (this.keys[s] !== -1) visit(this.keys[s]!, this.values[s]!);
  }
}

export function weekVectors(docs: readonly PaperVector[]): WeekVectors {
  let total = 0;
  for (const d of docs) total += d.terms.length;
  const table = new IdTable(total);
  let df = new Int32Array(1024);
  const local: Int32Array[] = new Array(docs.length);
  for (let k = 0; k < docs.length; k++) {
    const terms = docs[k]!.terms;
    const out = new Int32Array(terms.length);
    for (let i = 0; i < terms.length; i++) {
      const id = table.idOf(terms[i]!);
      if (id >= df.length) {
        const grown = new Int32Array(df.length * 2);
        grown.set(df);
        df = grown;
      }
      df[id]!++;
      out[i] = id;
    }
    local[k] = out;
  }
  // Renumber ids in hash order: each vector's hashes ascend, so its ids then ascend too, and two
  // vectors merge in one pass (explain.ts) without sorting a thousand small arrays.
  const size = table.size;
  const hashes = new Uint32Array(size);
  table.forEach((h, id) => {
    hashes[id] = h;
  });
  hashes.sort();
  const rank = new Int32Array(size);
  for (let r = 0; r < size; r++) rank[table.idOf(hashes[r]!)] = r;
  const dfByRank = new Int32Array(size);
  for (let id = 0; id < size; id++) dfByRank[rank[id]!] = df[id]!;
  for (const ids of local) for (let i = 0; i < ids.length; i++) ids[i] = rank[ids[i]!]!;
  df = dfByRank;
  const n = docs.length;
  const idf = new Float32Array(size);
  for (let t = 0; t < size; t++) idf[t] = Math.log((1 + n) / (1 + df[t]!)) + 1;
  const vectors: WeightedVector[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const ids = local[k]!;
    const counts = docs[k]!.counts;
    const weights = new Float32Array(ids.length);
    let norm = 0;
    for (let i = 0; i < ids.length; i++) {
      const c = counts[i]!;
      const w = (c === 1 ? 1 : 1 + Math.log(c)) * idf[ids[i]!]!;
      weights[i] = w;
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < weights.length; i++) weights[i]! /= norm;
    vectors[k] = { ids, weights };
  }
  return { vectors, hashes, size, idf };
}

export function denseDot(v: WeightedVector, dense: Float32Array | Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.ids.length; i++) s += v.weights[i]! * dense[v.ids[i]!]!;
  return s;
}

export function addInto(dense: Float64Array, v: WeightedVector, scale: number): void {
  for (let i = 0; i < v.ids.length; i++) dense[v.ids[i]!]! += v.weights[i]! * scale;
}

export function normaliseDense(dense: Float64Array): Float64Array {
  let norm = 0;
  for (const x of dense) norm += x * x;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < dense.length; i++) dense[i]! /= norm;
  return dense;
}
