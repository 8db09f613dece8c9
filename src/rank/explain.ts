/**
 * Why a paper is where it is, for the reader: the liked example it is closest to, with the words
 * they share, in terms a person reads ("close to "Dense retrieval…" (0.42): retrieval, reranker").
 * Papers are compared on hashed word pieces (4-grams), so the words are found by re-reading the
 * paper's own text, only for the papers shown near the top: each word weighs what its 4-grams add
 * to the similarity.
 */
import { foldForGrams, forEachFeature, forEachGram } from "./paper-vector";
import type { WeekVectors, WeightedVector } from "./week-vectors";

export interface Similar {
  example: number;
  similarity: number;
  terms: string[];
}

/** Cosine of two sparse vectors with ascending ids. */
export function cosine(a: WeightedVector, b: WeightedVector): number {
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x === y) s += a.weights[i++]! * b.weights[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return s;
}

/**
 * The closest of `candidates` to a paper's vector `v` (its index in `candidates`), and the words
 * of the paper's text they share most.
 */
export function closest(
  week: WeekVectors,
  v: WeightedVector,
  text: { title: string; text: string },
  candidates: readonly WeightedVector[],
  maxTerms = 4,
): Similar | null {
  let best = -1;
  let bestSim = 0;
  candidates.forEach((c, k) => {
    const s = cosine(v, c);
    if (s > bestSim) {
      bestSim = s;
      best = k;
    }
  });
  if (best < 0) return null;
  // Shared words by what their 4-grams add to the cosine, named by the paper's own surface forms.
  const other = candidates[best]!;
  const contribution = new Map<number, number>();
  let i = 0;
  let j = 0;
  while (i < v.ids.length && j < other.ids.length) {
    const x = v.ids[i]!;
    const y = other.ids[j]!;
    if (x === y) contribution.set(week.hashes[x]!, v.weights[i++]! * other.weights[j++]!);
    else if (x < y) i++;
    else j++;
  }
  const words = new Map<string, { surface: string; weight: number }>();
  const weigh = (key: string, surface: string) => {
    // Phrases are their words again; a word once is enough.
    if (key.includes(" ") || words.has(key)) return;
    let weight = 0;
    forEachGram(foldForGrams(surface), (h) => {
      weight += contribution.get(h) ?? 0;
    });
    if (weight > 0) words.set(key, { surface, weight });
  };
  forEachFeature(text.title, weigh);
  forEachFeature(text.text, weigh);
  const terms = [...words.values()]
    .sort((a, b) => b.weight - a.weight)
    .slice(0, maxTerms)
    .map((w) => w.surface);
  return { example: best, similarity: bestSim, terms };
}
