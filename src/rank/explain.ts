/**
 * Why a paper is where it is, for the reader: the liked example it is closest to, with the words
 * they share, in terms a person reads ("close to "Dense retrieval…" (0.42): retrieval, reranker").
 * Term names come from re-reading the paper's own text, only for the papers shown near the top:
 * stored vectors keep hashes, not words.
 */
import { forEachFeature, hashKey } from "./paper-vector";
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

/** The closest of `candidates` (indices into week.vectors) to a paper, and the words they share most. */
export function closest(
  week: WeekVectors,
  paper: number,
  text: { title: string; text: string },
  candidates: readonly number[],
  maxTerms = 4,
): Similar | null {
  const v = week.vectors[paper]!;
  let best = -1;
  let bestSim = 0;
  for (const c of candidates) {
    const s = cosine(v, week.vectors[c]!);
    if (s > bestSim) {
      bestSim = s;
      best = c;
    }
  }
  if (best < 0) return null;
  // Shared terms by their contribution to the cosine, named by the paper's own surface forms.
  const other = week.vectors[best]!;
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
  const surfaces = new Map<number, string>();
  const name = (key: string, surface: string) => {
    const h = hashKey(key);
    if (contribution.has(h) && !surfaces.has(h)) surfaces.set(h, surface);
  };
  forEachFeature(text.title, name);
  forEachFeature(text.text, name);
  const ranked = [...contribution].sort((a, b) => b[1] - a[1]).filter(([h]) => surfaces.has(h));
  // A phrase says more than its words: skip a word already inside a chosen phrase.
  const terms: string[] = [];
  for (const [h] of ranked) {
    const surface = surfaces.get(h)!;
    const lower = surface.toLowerCase();
    if (
      terms.some(
        (t) => t.toLowerCase().split(" ").includes(lower) || lower.split(" ").includes(t.toLowerCase()),
      )
    )
      continue;
    terms.push(surface);
    if (terms.length >= maxTerms) break;
  }
  return { example: best, similarity: bestSim, terms };
}
