/**
 * When two texts are the same paper. Thresholds from real data (bench/near-dup-quality.ts,
 * BENCHMARKS.md): same-paper pairs with difflib ratio ≥ 0.8 nearly all have Jaccard ≥ 0.79,
 * while the closest distinct papers in 7,337 daily announcements (one author's follow-up
 * reusing an introduction) reach Jaccard 0.61 / containment 0.77. Containment alone is only
 * trusted when the smaller text has enough shingles to mean something. Short abstracts are
 * judged by their word-level ratio instead; random distinct abstracts stay below 0.22.
 */
import { isIdlessKey } from "../fingerprint";
import type { TextSketch } from "./shingles";
import { compareSketches, type Similarity } from "./text-similarity";

export const MIN_JACCARD = 0.7;
export const MIN_CONTAINMENT = 0.85;
export const MIN_SHINGLES_FOR_CONTAINMENT = 20;
export const MIN_SHORT_TEXT_WORD_RATIO = 0.8;

export function isSamePaperText(sim: Similarity, smallerShingleCount: number): boolean {
  return (
    sim.jaccard >= MIN_JACCARD ||
    (sim.containment >= MIN_CONTAINMENT && smallerShingleCount >= MIN_SHINGLES_FOR_CONTAINMENT) ||
    (sim.wordRatio !== null && sim.wordRatio >= MIN_SHORT_TEXT_WORD_RATIO)
  );
}

export interface NearMatch {
  paperKey: string;
  /**
   * Reported similarity, rounded to 3 decimals: the Jaccard of the word-3-gram sets, or the
   * word ratio for short texts (the measure that decided).
   */
  similarity: number;
}

function reportedSimilarity(sim: Similarity): number {
  return Math.max(sim.jaccard, sim.wordRatio ?? 0);
}

/** The candidate paper whose closest text is the same paper, most similar first; null if none. */
export function bestNearMatch(
  sketch: TextSketch,
  candidates: Iterable<{ paperKey: string; texts: TextSketch[] }>,
): NearMatch | null {
  let best: NearMatch | null = null;
  for (const { paperKey, texts } of candidates) {
    for (const text of texts) {
      const sim = compareSketches(sketch, text);
      if (!isSamePaperText(sim, Math.min(sketch.shingles.size, text.shingles.size))) continue;
      const similarity = Math.round(reportedSimilarity(sim) * 1000) / 1000;
      // Ties go to the paper with an arXiv id: it is the better identity to link to.
      const better =
        best === null ||
        similarity > best.similarity ||
        (similarity === best.similarity && !isIdlessKey(paperKey) && isIdlessKey(best.paperKey));
      if (better) best = { paperKey, similarity };
    }
  }
  return best;
}
