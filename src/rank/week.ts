/**
 * A week made ready for ranking once, then shared by every subscription ranked against it: its
 * papers' TF-IDF vectors and their mean (the expensive part, ~40 ms for 1,000 papers), and each
 * paper's text folded for keyword and exclude matching (made on first use). The weekly fan-out
 * ranks thousands of subscriptions against one published week, so the consumer keeps this per
 * isolate (digest/rank-week-cache.ts); a ranking on top of it is a few milliseconds.
 */

import { normaliseForMatch } from "./text-match";
import type { RankPaper } from "./types";
import { type WeekVectors, weekMean, weekVectors } from "./week-vectors";

export interface RankWeek {
  papers: readonly RankPaper[];
  vectors: WeekVectors;
  mean: Float64Array;
  /** Title and abstract as normaliseForMatch folds them, per paper (made on first use). */
  matchText(i: number): string;
}

export function prepareWeek(papers: readonly RankPaper[]): RankWeek {
  const vectors = weekVectors(papers.map((p) => p.vector));
  const folded: Array<string | undefined> = new Array(papers.length);
  return {
    papers,
    vectors,
    mean: weekMean(vectors),
    matchText: (i) => {
      folded[i] ??= normaliseForMatch(`${papers[i]!.title} ${papers[i]!.text}`);
      return folded[i]!;
    },
  };
}
