/**
 * The similarity graph clustering runs on: each paper linked to its `k` most similar papers
 * (cosine of TF-IDF vectors), links made symmetric. A k-nearest-neighbour graph rather than all
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

export function graphFromAdjacency(adjacency: ReadonlyArray<ReadonlyMap<number, number>>, loops: Float64Array): Graph {
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
 * (a link exists when either end chose the other; its weight is their cosine).
 */
export function knnGraph(vectors: readonly SparseVector[], vocabulary: number, k: number, minSimilarity: number): Graph {
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

  const adjacency = Array.from({ length: n }, () => new Map<number, number>());
  const scores = new Float64Array(n);
  const touched = new Int32Array(n);
  const bestDoc = new Int32Array(k);
  const bestScore = new Float64Array(k);
  for (let doc = 0; doc < n; doc++) {
    const v = vectors[doc]!;
    let touchedCount = 0;
    for (let i = 0; i < v.ids.length; i++) {
      const t = v.ids[i]!;
      const w = v.weights[i]!;
      for (let p = start[t]!; p < start[t + 1]!; p++) {
        const other = postingDoc[p]!;
        if (other === doc) continue;
        if (scores[other] === 0) touched[touchedCount++] = other;
        scores[other]! += w * postingWeight[p]!;
      }
    }
    // Keep the k best (ties: lower index first, so the result never depends on float noise order).
    let kept = 0;
    for (let i = 0; i < touchedCount; i++) {
      const other = touched[i]!;
      const s = scores[other]!;
      scores[other] = 0;
      if (s < minSimilarity || (kept === k && s <= bestScore[k - 1]!)) continue;
      let at = kept < k ? kept++ : k - 1;
      while (at > 0 && (bestScore[at - 1]! < s || (bestScore[at - 1] === s && bestDoc[at - 1]! > other))) {
        bestScore[at] = bestScore[at - 1]!;
        bestDoc[at] = bestDoc[at - 1]!;
        at--;
      }
      bestScore[at] = s;
      bestDoc[at] = other;
    }
    for (let i = 0; i < kept; i++) {
      adjacency[doc]!.set(bestDoc[i]!, bestScore[i]!);
      adjacency[bestDoc[i]!]!.set(doc, bestScore[i]!);
    }
  }
  return graphFromAdjacency(adjacency, new Float64Array(n));
}
