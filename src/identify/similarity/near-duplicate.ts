/**
 * When two texts are the same paper. Thresholds from real data (bench/near-dup-quality.ts):
 * every known same-paper pair whose difflib ratio is ≥ 0.8 has Jaccard ≥ 0.79, while the
 * closest distinct papers in 7,337 daily announcements (one author's follow-up reusing an
 * introduction) reach Jaccard 0.61 / containment 0.77. Containment alone is only trusted
 * when the smaller text has enough shingles to mean something.
 */
import { compareShingles, type Similarity } from "./text-similarity";

export const MIN_JACCARD = 0.7;
export const MIN_CONTAINMENT = 0.85;
export const MIN_SHINGLES_FOR_CONTAINMENT = 20;

export function isSamePaperText(sim: Similarity, smallerSize: number): boolean {
  return (
    sim.jaccard >= MIN_JACCARD ||
    (sim.containment >= MIN_CONTAINMENT && smallerSize >= MIN_SHINGLES_FOR_CONTAINMENT)
  );
}

export interface NearMatch {
  paperKey: string;
  /** Jaccard similarity of the word-3-gram sets, rounded to 3 decimals. */
  similarity: number;
}

/** The candidate paper whose closest text is the same paper, best Jaccard first; null if none. */
export function bestNearMatch(
  shingles: Set<number>,
  candidates: Iterable<{ paperKey: string; texts: Set<number>[] }>,
): NearMatch | null {
  let best: { paperKey: string; jaccard: number } | null = null;
  for (const { paperKey, texts } of candidates) {
    for (const text of texts) {
      const sim = compareShingles(shingles, text);
      if (!isSamePaperText(sim, Math.min(shingles.size, text.size))) continue;
      // Ties go to the paper with an arXiv id: it is the better identity to link to.
      const better =
        best === null ||
        sim.jaccard > best.jaccard ||
        (sim.jaccard === best.jaccard &&
          paperKey.startsWith("arxiv:") &&
          !best.paperKey.startsWith("arxiv:"));
      if (better) best = { paperKey, jaccard: sim.jaccard };
    }
  }
  return best && { paperKey: best.paperKey, similarity: Math.round(best.jaccard * 1000) / 1000 };
}
