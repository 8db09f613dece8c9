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

/** A word of a paper's text as a reason names it, with the 4-grams it weighs by. */
export interface PaperWord {
  surface: string;
  grams: number[];
}

/**
 * The words of a paper's title and abstract, each once (first surface form), phrases left out
 * (they are their words again). Tokenizing an abstract costs ~0.4 ms, so a prepared week keeps
 * these per paper (week.ts `words`) for the papers it explains again and again.
 */
export function paperWords(text: { title: string; text: string }): PaperWord[] {
  const seen = new Set<string>();
  const words: PaperWord[] = [];
  const add = (key: string, surface: string) => {
    if (key.includes(" ") || seen.has(key)) return;
    seen.add(key);
    const grams: number[] = [];
    forEachGram(foldForGrams(surface), (h) => grams.push(h));
    words.push({ surface, grams });
  };
  forEachFeature(text.title, add);
  forEachFeature(text.text, add);
  return words;
}

/**
 * The closest of `candidates` to a paper's vector `v` (its index in `candidates`), and the words
 * of the paper's text (paperWords) they share most.
 */
export function closest(
  week: WeekVectors,
  v: WeightedVector,
  words: readonly PaperWord[],
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
  const weighed: Array<{ surface: string; weight: number }> = [];
  for (const { surface, grams } of words) {
    let weight = 0;
    for (const h of grams) weight += contribution.get(h) ?? 0;
    if (weight > 0) weighed.push({ surface, weight });
  }
  const terms = weighed
    .sort((a, b) => b.weight - a.weight)
    .slice(0, maxTerms)
    .map((w) => w.surface);
  return { example: best, similarity: bestSim, terms };
}
