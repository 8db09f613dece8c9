/**
 * Per-subscriber ranking of a week's papers (pure; no I/O).
 *
 * At ingest each paper becomes a PaperVector (paper-vector.ts): the hashed character 4-grams of
 * its words with counts, and hashed author keys, stored as a short TEXT (codec.ts). At rank time
 * the week's papers and the subscription's examples are weighted by TF-IDF over this week
 * (week-vectors.ts), and each paper is scored (relevance.ts) by a linear SVM that separates the
 * liked examples from the disliked ones and the rest of the week, plus co-authors of liked papers.
 * Followed authors come first, keywords pull papers up, excluded words remove papers.
 */
import { authorKey } from "../interests/author-names";
import { closest } from "./explain";
import { type Example, relevance } from "./relevance";
import { phraseMatcher } from "./text-match";
import type { ExampleKind, RankExample, RankedPaper, RankInterests, RankPaper, RankReason } from "./types";
import { prepareWeek, type RankWeek } from "./week";

export { decodePaperVector, encodePaperVector, vectorTag } from "./codec";
export { decodeExampleVector, exampleVectorId, keptExampleVector } from "./example-vectors";
export { type PaperVector, paperVector } from "./paper-vector";
export { normaliseForMatch, phraseMatcher } from "./text-match";
export type {
  ExampleKind,
  RankExample,
  RankedPaper,
  RankInterests,
  RankPaper,
  RankReason,
} from "./types";
export { prepareWeek, type RankWeek } from "./week";

/**
 * Papers near the top get named reasons (shared words need a re-read of their text: ~0.4 ms a
 * paper), as many as the caller shows (`explain`), at most MAX_EXPLAINED…
 */
export const DEFAULT_EXPLAINED = 25;
export const MAX_EXPLAINED = 50;
/** …naming the closest of the newest liked papers (a cosine each: bounded for 500 signals). */
const EXPLAINED_AGAINST = 20;
/** Each keyword found adds this many standard deviations of the week's similarity spread. */
const KEYWORD_BOOST = 2;

export function hasProfile(examples: readonly RankExample[], interests: RankInterests): boolean {
  return (
    examples.some((e) => e.kind !== "down") ||
    interests.authors.some((a) => a.trim()) ||
    interests.keywords.some((k) => k.trim())
  );
}

const positive = (kind: ExampleKind) => kind !== "down";

export interface RankOptions {
  /** Rank just these keys of the week (a subscription's theme and keyword filters). */
  only?: ReadonlySet<string>;
  /** How many of the best get named reasons: the picks the caller shows (default 25, at most 50). */
  explain?: number;
}

/**
 * The week's papers for one subscription, best first; papers with an excluded word are left out.
 * `week`: prepared once with prepareWeek and shared (or the papers, prepared here).
 */
export function rankPapers(
  week: RankWeek | readonly RankPaper[],
  examples: readonly RankExample[],
  interests: RankInterests,
  { only, explain = DEFAULT_EXPLAINED }: RankOptions = {},
): RankedPaper[] {
  const explained = Math.max(0, Math.min(explain, MAX_EXPLAINED));
  const w = "vectors" in week ? week : prepareWeek(week);
  const exclude = phraseMatcher(interests.exclude);
  const keywords = phraseMatcher(interests.keywords);
  const kept: Array<{ i: number; keywords: string[] }> = [];
  w.papers.forEach((paper, i) => {
    if (only && !only.has(paper.key)) return;
    if (!exclude.empty && exclude.matches(w.matchText(i)).length > 0) return;
    kept.push({ i, keywords: keywords.empty ? [] : keywords.matches(w.matchText(i)) });
  });

  // An example that is one of this week's papers is that paper's vector; others are projected.
  const inWeek = new Map(w.papers.map((p, i) => [p.key, i]));
  const projected: Example[] = examples.map((e) => {
    const i = inWeek.get(e.key);
    return {
      vector: i === undefined ? w.project(e.vector) : w.vectors.vectors[i]!,
      sign: positive(e.kind) ? 1 : -1,
      authors: e.vector.authors,
      weekIndex: i,
    };
  });
  const liked = examples
    .map((e, k) => ({ example: e, vector: projected[k]!.vector }))
    .filter(({ example }) => positive(example.kind));
  const explainers = [...liked].sort((a, b) => b.example.at - a.example.at).slice(0, EXPLAINED_AGAINST);
  const hasExamples = liked.length > 0;
  // Standardised: mean 0, spread 1 over the week.
  const raw = hasExamples ? relevance(w, projected) : new Float64Array(w.papers.length);

  const followedKeys = new Set(interests.authors.map(authorKey).filter((k): k is string => k !== null));
  const scored = kept.map(({ i, keywords: found }) => {
    const paper = w.papers[i]!;
    const followed = followedKeys.size ? followedAuthor(paper.authors, followedKeys) : null;
    const z = raw[i]! + KEYWORD_BOOST * Math.min(found.length, 2);
    // A logistic of the standardised score keeps [0, 1] and the order; followed authors above 0.5.
    const base = 1 / (1 + Math.exp(-(z - 2)));
    const score = followed ? 0.5 + 0.5 * base : 0.5 * base;
    return { i, paper, found, followed, score };
  });
  scored.sort((a, b) => b.score - a.score || a.i - b.i);

  return scored.map(({ i, paper, found, followed, score }, rank) => {
    const reasons: RankReason[] = [];
    if (followed) reasons.push({ kind: "author", name: followed });
    for (const keyword of found) reasons.push({ kind: "keyword", keyword });
    if (hasExamples && rank < explained) {
      // A liked paper is not "close to" itself.
      const near = closest(
        w.vectors,
        w.vectors.vectors[i]!,
        w.words(i),
        explainers.map(({ example, vector }) => (example.key === paper.key ? EMPTY : vector)),
      );
      if (near && near.similarity > 0) {
        const e = explainers[near.example]!.example;
        const similarity = Math.round(near.similarity * 100) / 100;
        reasons.push({ kind: "similar", to: e.key, title: e.title, similarity, terms: near.terms });
      }
    }
    return {
      key: paper.key,
      score: Math.round(score * 1e6) / 1e6,
      why: whyOf(reasons, hasExamples ? (rank < explained ? "explained" : "ranked") : "none"),
      reasons,
    };
  });
}

const EMPTY = { ids: new Int32Array(0), weights: new Float32Array(0) };

/** The first of a paper's authors the reader follows (authorKey: accents, initials, name order). */
function followedAuthor(authors: readonly string[], followed: ReadonlySet<string>): string | null {
  for (const a of authors) {
    const key = authorKey(a);
    if (key !== null && followed.has(key)) return a;
  }
  return null;
}

/**
 * One sentence from the reasons, strongest first. `examples`: `explained` when the liked papers
 * were compared with this one, `ranked` when it is below the explained ones (its place says it),
 * `none` when the subscription has no liked papers yet.
 */
export function whyOf(reasons: readonly RankReason[], examples: "explained" | "ranked" | "none"): string {
  const parts = reasons.map((r) => {
    if (r.kind === "author") return `by ${r.name}, whom you follow`;
    if (r.kind === "keyword") return `mentions "${r.keyword}"`;
    const terms = r.terms.length ? `: ${r.terms.join(", ")}` : "";
    return `close to "${r.title}" (${r.similarity.toFixed(2)})${terms}`;
  });
  if (parts.length) return parts.join("; ");
  if (examples === "explained") return "little in common with the papers you liked";
  if (examples === "ranked") return "less like the papers you liked than the ones above it";
  return "no interests to compare with yet";
}
