/**
 * A week made ready for ranking once, then shared by every subscription ranked against it: its
 * papers' TF-IDF vectors (the expensive part, ~60 ms for 1,000 papers); on first use, each paper's
 * text folded for keyword and exclude matching, its words for reasons, and examples from other
 * weeks in its terms. The weekly fan-out
 * ranks thousands of subscriptions against one published week, so the consumer keeps this per
 * isolate (digest/rank-week-cache.ts); a ranking on top of it is a few milliseconds.
 */

import { type PaperWord, paperWords } from "./explain";
import type { PaperVector } from "./paper-vector";
import { normaliseForMatch } from "./text-match";
import type { RankPaper } from "./types";
import { projectOnWeek, type WeekVectors, type WeightedVector, weekVectors } from "./week-vectors";

export interface RankWeek {
  papers: readonly RankPaper[];
  vectors: WeekVectors;
  /** Title and abstract as normaliseForMatch folds them, per paper (made on first use). */
  matchText(i: number): string;
  /** The paper's words as reasons name them (made on first use: explaining it again is cheap). */
  words(i: number): readonly PaperWord[];
  /**
   * A paper from outside the week in the week's terms, remembered while that vector object lives:
   * the same example (a decoded vector kept by example-vectors.ts) is projected once per week.
   */
  project(vector: PaperVector): WeightedVector;
}

export function prepareWeek(papers: readonly RankPaper[]): RankWeek {
  const vectors = weekVectors(papers.map((p) => p.vector));
  const folded: Array<string | undefined> = new Array(papers.length);
  const projected = new WeakMap<PaperVector, WeightedVector>();
  const words: Array<PaperWord[] | undefined> = new Array(papers.length);
  return {
    papers,
    vectors,
    matchText: (i) => {
      folded[i] ??= normaliseForMatch(`${papers[i]!.title} ${papers[i]!.text}`);
      return folded[i]!;
    },
    words: (i) => {
      words[i] ??= paperWords(papers[i]!);
      return words[i]!;
    },
    project: (vector) => {
      let hit = projected.get(vector);
      if (!hit) {
        hit = projectOnWeek(vectors, vector);
        projected.set(vector, hit);
      }
      return hit;
    },
  };
}
