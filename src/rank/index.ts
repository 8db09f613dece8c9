/**
 * Per-subscriber ranking of a week's papers (pure; no I/O).
 *
 * At ingest each paper becomes a PaperVector (paper-vector.ts): hashed words and phrase bigrams
 * with counts, and hashed author keys, stored as a short TEXT (codec.ts). At rank time the week's
 * papers and the subscription's examples are weighted together by TF-IDF over this week
 * (week-vectors.ts), and each paper is scored (relevance.ts) by its cosine to the liked examples'
 * profile, less a little of the disliked ones', plus pseudo-relevance feedback: the week's best
 * matches widen the profile to the words this week's papers on the topic use.
 * Followed authors come first, keywords pull papers up, excluded words remove papers.
 */
import { authorKey } from "../interests/author-names";
import { closest } from "./explain";
import type { PaperVector } from "./paper-vector";
import { type Example, relevance } from "./relevance";
import { normaliseForMatch, phraseMatcher } from "./text-match";
import { weekVectors } from "./week-vectors";

export { decodePaperVector, encodePaperVector } from "./codec";
export { type PaperVector, paperVector } from "./paper-vector";

export interface RankPaper {
  key: string;
  title: string;
  text: string;
  authors: readonly string[];
  vector: PaperVector;
}
export type ExampleKind = "seed" | "up" | "save" | "down";
export interface RankExample {
  key: string;
  title: string;
  authors: readonly string[];
  vector: PaperVector;
  kind: ExampleKind;
  /** ms epoch: when given (seeds: when set). */
  at: number;
}
export interface RankInterests {
  authors: readonly string[];
  keywords: readonly string[];
  exclude: readonly string[];
}
export type RankReason =
  | { kind: "similar"; to: string; title: string; similarity: number; terms: string[] }
  | { kind: "author"; name: string }
  | { kind: "keyword"; keyword: string };
export interface RankedPaper {
  key: string;
  /** In [0, 1], higher is better; comparable within one ranking. Followed authors' papers are ≥ 0.5. */
  score: number;
  why: string;
  reasons: RankReason[];
}

/** Papers near the top get named reasons (shared words need a re-read of their text). */
const EXPLAINED = 25;
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

export function rankPapers(
  papers: readonly RankPaper[],
  examples: readonly RankExample[],
  interests: RankInterests,
  _now: number,
): RankedPaper[] {
  const exclude = phraseMatcher(interests.exclude);
  const keywords = phraseMatcher(interests.keywords);
  const normalised = (p: RankPaper) => normaliseForMatch(`${p.title} ${p.text}`);
  const kept: Array<{ paper: RankPaper; keywords: string[] }> = [];
  for (const paper of papers) {
    const text = exclude.empty && keywords.empty ? "" : normalised(paper);
    if (!exclude.empty && exclude.matches(text).length) continue;
    kept.push({ paper, keywords: keywords.empty ? [] : keywords.matches(text) });
  }

  // Examples that are also this week's papers share the paper's document (ranked normally).
  const docs: PaperVector[] = kept.map((k) => k.paper.vector);
  const docOf = new Map(kept.map((k, i) => [k.paper.key, i]));
  const exampleDocs: Example[] = [];
  const exampleOf = new Map<number, RankExample>();
  for (const e of examples) {
    let doc = docOf.get(e.key);
    if (doc === undefined) {
      doc = docs.length;
      docs.push(e.vector);
    }
    exampleDocs.push({ doc, sign: positive(e.kind) ? 1 : -1, at: e.at });
    if (positive(e.kind)) exampleOf.set(doc, e);
  }
  const week = weekVectors(docs);
  const hasExamples = exampleDocs.some((e) => e.sign > 0);
  const raw = hasExamples ? relevance(week, kept.length, exampleDocs) : new Float64Array(kept.length);
  const spread = standardDeviation(raw) || 1;
  const mean = raw.reduce((s, x) => s + x, 0) / (raw.length || 1);

  const followedKeys = new Set(interests.authors.map(authorKey).filter((k): k is string => k !== null));
  const scored = kept.map(({ paper, keywords: found }, i) => {
    const followed = followedKeys.size ? followedAuthor(paper.authors, followedKeys) : null;
    const z = (raw[i]! - mean) / spread + KEYWORD_BOOST * Math.min(found.length, 2);
    // A logistic of the standardised score keeps [0, 1] and the order; followed authors above 0.5.
    const base = 1 / (1 + Math.exp(-(z - 2)));
    const score = followed ? 0.5 + 0.5 * base : 0.5 * base;
    return { i, paper, found, followed, score };
  });
  scored.sort((a, b) => b.score - a.score || a.i - b.i);

  const liked = [...exampleOf.keys()];
  return scored.map(({ i, paper, found, followed, score }, rank) => {
    const reasons: RankReason[] = [];
    if (followed) reasons.push({ kind: "author", name: followed });
    for (const keyword of found) reasons.push({ kind: "keyword", keyword });
    if (hasExamples && rank < EXPLAINED) {
      const near = closest(
        week,
        i,
        { title: paper.title, text: paper.text },
        liked.filter((d) => d !== i),
      );
      if (near && near.similarity > 0) {
        const e = exampleOf.get(near.example)!;
        const similarity = Math.round(near.similarity * 100) / 100;
        reasons.push({ kind: "similar", to: e.key, title: e.title, similarity, terms: near.terms });
      }
    }
    return {
      key: paper.key,
      score: Math.round(score * 1e6) / 1e6,
      why: whyOf(reasons, hasExamples),
      reasons,
    };
  });
}

/** The first of a paper's authors the reader follows (authorKey: accents, initials, name order). */
function followedAuthor(authors: readonly string[], followed: ReadonlySet<string>): string | null {
  for (const a of authors) {
    const key = authorKey(a);
    if (key !== null && followed.has(key)) return a;
  }
  return null;
}

function standardDeviation(x: Float64Array): number {
  const mean = x.reduce((s, v) => s + v, 0) / (x.length || 1);
  return Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / (x.length || 1));
}

/** One sentence from the reasons, strongest first. */
export function whyOf(reasons: readonly RankReason[], hasExamples: boolean): string {
  const parts = reasons.map((r) => {
    if (r.kind === "author") return `by ${r.name}, whom you follow`;
    if (r.kind === "keyword") return `mentions "${r.keyword}"`;
    const terms = r.terms.length ? `: ${r.terms.join(", ")}` : "";
    return `close to "${r.title}" (${r.similarity.toFixed(2)})${terms}`;
  });
  if (parts.length) return parts.join("; ");
  return hasExamples ? "little in common with the papers you liked" : "no interests to compare with yet";
}
