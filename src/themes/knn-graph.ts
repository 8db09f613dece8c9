/**
 * The similarity graph clustering runs on: each paper linked to its `k` most similar papers
 * (cosine of TF-IDF vectors; the link weighs the squared cosine), links made symmetric. A k-nearest-neighbour graph rather than all
 * pairs because topical similarity is only trustworthy locally: a paper's ten closest neighbours
 * are usually on its topic, while its 500th closest shares little more than "model" and "data".
 *
 * Similarities come from an inverted index (term → papers), so each paper is compared only with
 * papers sharing a term: the cost is Σ df² over terms rather than n² full comparisons.
 */
import type { SparseVector } from "./sparse";

/** Undirected weighted graph in compressed rows: node i's links are [offsets[i], offsets[i+1]). */
export interface Graph {
  offsets: Int32Array;
  neighbours: Int32Array;
  weights: Float64Array;
  /** Weight of links inside a node (non-zero only in graphs aggregated by louvain.ts). */
  loops: Float64Array;
}

export function graphFromAdjacency(
  adjacency: ReadonlyArray<ReadonlyMap<number, number>>,
  loops: Float64Array,
): Graph {
  const offsets = new Int32Array(adjacency.length + 1);
  adjacency.forEach((row, i) => {
    offsets[i + 1] = offsets[i]! + row.size;
  });
  const neighbours = new Int32Array(offsets[adjacency.length]!);
  const weights = new Float64Array(neighbours.length);
  adjacency.forEach((row, i) => {
    let at = offsets[i]!;
    for (const [j, w] of [...row].sort((a, b) => a[0] - b[0])) {
      neighbours[at] = j;
      weights[at++] = w;
    }
  });
  return { offsets, neighbours, weights, loops };
}

/**
 * Each paper's `k` nearest neighbours with similarity ≥ `minSimilarity`, as a symmetric graph
 * (a link exists when either end chose the other).
 */
export function knnGraph(
  vectors: readonly SparseVector[],
  vocabulary: number,
  k: number,
  minSimilarity: number,
): Graph {
  const n = vectors.length;
  // Inverted index in compressed rows: term t's postings are [start[t], start[t+1]).
  const start = new Int32Array(vocabulary + 1);
  for (const v of vectors) for (const id of v.ids) start[id + 1]!++;
  for (let t = 0; t < vocabulary; t++) start[t + 1]! += start[t]!;
  const fill = start.slice(0, vocabulary);
  const postingDoc = new Int32Array(start[vocabulary]!);
  const postingWeight = new Float64Array(postingDoc.length);
  vectors.forEach((v, doc) => {
    for (let i = 0; i < v.ids.length; i++) {
      const at = fill[v.ids[i]!]!++;
      postingDoc[at] = doc;
      postingWeight[at] = v.weights[i]!;
    }
  });

  // Each pair is scored once, from its lower-numbered paper: postings are in paper order, and
  // next[t] walks term t's postings as papers are visited, so it points just past the current one.
  const next = start.slice(0, vocabulary);
  const best = new NearestLists(n, k);
  const scores = new Float64Array(n);
  const touched = new Int32Array(n);
  for (let doc = 0; doc < n; doc++) {
    const v = vectors[doc]!;
    let touchedCount = 0;
    for (let i = 0; i < v.ids.length; i++) {
      const t = v.ids[i]!;
      const w = v.weights[i]!;
      const end = start[t + 1]!;
      for (let p = ++next[t]!; p < end; p++) {
        const other = postingDoc[p]!;
        if (scores[other] === 0) touched[touchedCount++] = other;
        scores[other]! += w * postingWeight[p]!;
      }
    }
    for (let i = 0; i < touchedCount; i++) {
      const other = touched[i]!;
      const s = scores[other]!;
      scores[other] = 0;
      if (s < minSimilarity) continue;
      best.offer(doc, other, s);
      best.offer(other, doc, s);
    }
  }
  // Links weigh the squared cosine: a few strong topical links then outweigh many weak ones
  // (two papers sharing only "LLM" bind less than two sharing "KV cache" and "eviction").
  const adjacency = Array.from({ length: n }, () => new Map<number, number>());
  for (let doc = 0; doc < n; doc++) {
    best.forEach(doc, (other, s) => {
      adjacency[doc]!.set(other, s * s);
      adjacency[other]!.set(doc, s * s);
    });
  }
  return graphFromAdjacency(adjacency, new Float64Array(n));
}

/** Each paper's k best (neighbour, similarity) so far, best first; ties keep the earlier offer. */
class NearestLists {
  private readonly doc: Int32Array;
  private readonly score: Float64Array;
  private readonly count: Int32Array;
  constructor(
    n: number,
    private readonly k: number,
  ) {
    this.doc = new Int32Array(n * k);
    this.score = new Float64Array(n * k);
    this.count = new Int32Array(n);
  }

  offer(of: number, other: number, s: number): void {
    const { k, doc, score } = this;
    const base = of * k;
    const kept = this.count[of]!;
    if (kept === k && s <= score[base + k - 1]!) return;
    let at = kept < k ? kept : k - 1;
    if (kept < k) this.count[of] = kept + 1;
    while (at > 0 && score[base + at - 1]! < s) {
      score[base + at] = score[base + at - 1]!;
      doc[base + at] = doc[base + at - 1]!;
      at--;
    }
    score[base + at] = s;
    doc[base + at] = other;
  }

  forEach(of: number, visit: (other: number, s: number) => void): void {
    for (let i = 0; i < this.count[of]!; i++) visit(this.doc[of * this.k + i]!, this.score[of * this.k + i]!);
  }
}
