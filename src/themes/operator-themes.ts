/**
 * Operator-defined themes ("name + keywords/description") as weighted term queries.
 *
 * A paper's score for an operator theme is the sum, over the theme's terms, of the paper's own
 * (unit-length TF-IDF) weight for the term times the term's query weight: 1 for the name and each
 * keyword, 0.5 for the words of the description. A phrase keyword ("speculative decoding") counts
 * fully as the phrase and half for each of its words, so a paper that only says "decoding" gets
 * a little, one about speculative decoding a lot. Keywords are alternatives: one keyword among a
 * paper's main terms is enough, several weaker ones add up. Because the paper vector has unit
 * length, the score does not grow with abstract length.
 *
 * The default threshold, 0.2, is about one keyword repeated or in the title of a typical
 * abstract (its weight in a unit vector of ~100 terms), or two or three keywords mentioned once.
 */
import type { Corpus } from "./corpus";
import { forEachNgram, phraseKey } from "./phrases";
import type { SparseVector } from "./sparse";
import { tokenize } from "./tokenize";
import type { OperatorTheme } from "./types";

export const OPERATOR_THRESHOLD = 0.2;
const DESCRIPTION_WEIGHT = 0.5;
const PART_WEIGHT = 0.5;

export interface OperatorQuery {
  id: string;
  /** Term key → query weight. */
  terms: Map<string, number>;
}

/** Adds a keyword's terms: its phrases at `weight`, its words at `weight` if alone, else half. */
function addTerms(text: string, weight: number, into: Map<string, number>): void {
  const add = (key: string, w: number) => into.set(key, Math.max(into.get(key) ?? 0, w));
  for (const segment of tokenize(text).segments) {
    let phrases = 0;
    forEachNgram(segment, (start, length) => {
      add(phraseKey(segment, start, length), weight);
      phrases++;
    });
    const wordWeight = phrases > 0 ? weight * PART_WEIGHT : weight;
    for (const t of segment) if (t.kind === "content" || t.kind === "weak") add(t.key, wordWeight);
  }
}

export function operatorQuery(theme: OperatorTheme): OperatorQuery {
  const terms = new Map<string, number>();
  addTerms(theme.description ?? "", DESCRIPTION_WEIGHT, terms);
  // Keywords are separate texts: a phrase never spans two keywords.
  for (const text of [theme.name, ...(theme.keywords ?? [])]) addTerms(text, 1, terms);
  return { id: theme.id, terms };
}

/** The phrases the corpus must keep as features even when rare this week. */
export function operatorPhrases(queries: readonly OperatorQuery[]): string[] {
  return queries.flatMap((q) => [...q.terms.keys()].filter((k) => k.includes(" ")));
}

/** The query in one batch's vocabulary, as id → weight (terms the batch never uses dropped). */
export function compileQuery(query: OperatorQuery, corpus: Corpus): Map<number, number> {
  const out = new Map<number, number>();
  for (const [key, w] of query.terms) {
    const id = corpus.termIds.get(key);
    if (id !== undefined) out.set(id, w);
  }
  return out;
}

export function operatorScore(paper: SparseVector, compiled: ReadonlyMap<number, number>): number {
  let s = 0;
  for (let i = 0; i < paper.ids.length; i++) s += paper.weights[i]! * (compiled.get(paper.ids[i]!) ?? 0);
  return s;
}
