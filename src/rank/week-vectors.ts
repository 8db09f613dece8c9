/**
 * Rank-time TF-IDF over one ranking's documents (the week's papers, then the examples): document
 * frequencies come from the week's papers only, so the weights fit this week's field, with
 * scikit-learn's sublinear tf and smoothed idf. As arxiv-sanity-lite's vectoriser does, features
 * in too few papers (under MIN_DF) or too many (over MAX_DF_SHARE of the week: word pieces every
 * paper has, "tion", " the") are dropped before vectors are normalised. Hashes are renumbered
 * densely (0..V) so profiles can be dense arrays.
 */
import type { PaperVector } from "./paper-vector";

export interface WeightedVector {
  ids: Int32Array;
  weights: Float32Array;
}

export interface WeekVectors {
  /** One per week paper, in order. */
  vectors: WeightedVector[];
  /** Dense id → hash, to name terms in reasons. */
  hashes: Uint32Array;
  size: number;
  idf: Float32Array;
  /** Hash → id, for documents from outside the week (projectOnWeek); -1 when the week lacks or drops it. */
  idOf(hash: number): number;
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
  /** The id of a hash, or -1 when unseen (nothing added). */
  find(hash: number): number {
    let slot = Math.imul(hash, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const k = this.keys[slot]!;
      if (k === hash) return this.values[slot]!;
      if (k === -1) return -1;
      slot = (slot + 1) & this.mask;
    }
  }
  forEach(visit: (hash: number, id: number) => void): void {
    for (let s = 0; s < this.keys.length; s++) if (this.keys[s] !== -1) visit(this.keys[s]!, this.values[s]!);
  }
}

/** A feature must be in at least this many of the week's papers… */
export const MIN_DF = 2;
/** …and in at most this share of them… */
export const MAX_DF_SHARE = 0.2;
/**
 * …or of this many papers in a small week (a new deployment's first papers): a topic's word
 * pieces are in more than a fifth of a 30-paper week, and must not all be dropped.
 */
export const SMALL_WEEK_MAX_DF = 20;

/** The week's papers' vectors, with the week's document frequencies. */
export function weekVectors(docs: readonly PaperVector[]): WeekVectors {
  const weekSize = docs.length;
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
      if (k < weekSize) df[id]!++;
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
  const n = weekSize;
  const maxDf = Math.max(MIN_DF, MAX_DF_SHARE * n, Math.min(SMALL_WEEK_MAX_DF, n / 2));
  const idf = new Float32Array(size);
  for (let t = 0; t < size; t++) {
    const d = df[t]!;
    idf[t] = d >= MIN_DF && d <= maxDf ? Math.log((1 + n) / (1 + d)) + 1 : 0;
  }
  const vectors: WeightedVector[] = new Array(docs.length);
  for (let k = 0; k < docs.length; k++) {
    const all = local[k]!;
    const counts = docs[k]!.counts;
    let kept = 0;
    for (let i = 0; i < all.length; i++) if (idf[all[i]!]! > 0) kept++;
    const ids = new Int32Array(kept);
    const weights = new Float32Array(kept);
    let norm = 0;
    for (let i = 0, j = 0; i < all.length; i++) {
      const t = all[i]!;
      if (idf[t]! === 0) continue;
      const c = counts[i]!;
      const w = (c === 1 ? 1 : 1 + Math.log(c)) * idf[t]!;
      ids[j] = t;
      weights[j++] = w;
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < weights.length; i++) weights[i]! /= norm;
    vectors[k] = { ids, weights };
  }
  // A compact table for lookups from outside the week: the one above is sized for every
  // occurrence, and its misses in the CPU cache made projecting examples slow. Only the features
  // kept (idf > 0; most of a week's 4-grams are in one paper only), so it is smaller still.
  let kept = 0;
  for (let t = 0; t < size; t++) if (idf[t]! > 0) kept++;
  const lookup = new IdTable(kept);
  const ids = new Int32Array(kept);
  // The lookup numbers hashes 0, 1, … as they are added; `ids` turns that back into the week's id.
  for (let t = 0; t < size; t++) if (idf[t]! > 0) ids[lookup.idOf(hashes[t]!)] = t;
  return {
    vectors,
    hashes,
    size,
    idf,
    idOf: (hash) => {
      const k = lookup.find(hash);
      return k < 0 ? -1 : ids[k]!;
    },
  };
}

export function denseDot(v: WeightedVector, dense: Float32Array | Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.ids.length; i++) s += v.weights[i]! * dense[v.ids[i]!]!;
  return s;
}

/**
 * Another document (an example from an earlier week) in the week's terms: a 4-gram the week's
 * papers do not have carries no weight here, so only the week's own features are looked up.
 */
export function projectOnWeek(week: WeekVectors, doc: PaperVector): WeightedVector {
  const ids = new Int32Array(doc.terms.length);
  const weights = new Float32Array(doc.terms.length);
  let n = 0;
  let norm = 0;
  for (let i = 0; i < doc.terms.length; i++) {
    const t = week.idOf(doc.terms[i]!);
    if (t < 0) continue;
    const idf = week.idf[t]!;
    if (idf === 0) continue;
    const c = doc.counts[i]!;
    const w = (c === 1 ? 1 : 1 + Math.log(c)) * idf;
    ids[n] = t;
    weights[n++] = w;
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < n; i++) weights[i]! /= norm;
  // Ids are numbered in hash order and the document's hashes ascend, so the ids ascend too.
  return { ids: ids.subarray(0, n), weights: weights.subarray(0, n) };
}
