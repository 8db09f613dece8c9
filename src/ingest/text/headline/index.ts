/**
 * A short readable headline for records that arrive without a title, derived from the abstract alone.
 *
 * Rules, first match wins (docs/headline.md has the reasoning and examples):
 *   1. Named system: "we propose X, a Y" → "X: Y"; also "a Y called/named/dubbed X", "a Y, X, …",
 *      "a Title Case Y (ACR)", "X, a Y, is …", "X is a Y" (first sentence).
 *   2. Key sentence: the first "we propose/present/show/study …" sentence, lead-in stripped
 *      ("We propose a method for X" → "Method for X", "We study X" → "Studying X", "we show that X" → "X").
 *   3. First sentence.
 * Every result is cut to HEADLINE_MAX_LENGTH at a clause or word boundary, with "…" when cut.
 *
 * Pure string work with module-level regexes; no natural-language library is small enough for a Worker
 * and these few grammatical patterns cover how abstracts announce their contribution. *
 * Layout: sentences.ts prepares and splits the text; verbs.ts and clauses.ts find "we propose …";
 * names.ts, name-in-object.ts and named-system.ts implement rule 1; key-sentence.ts rule 2; compose.ts
 * trims descriptions and finish.ts the final headline.
 */

import { finish } from "./finish";
import { findKeySentence } from "./key-sentence";
import { findNamedSystem } from "./named-system";
import { prepareText, splitSentences, stripMarkup } from "./sentences";

export { HEADLINE_MAX_LENGTH } from "./finish";

/** Derives a headline (≤ 100 chars, never empty for a non-empty abstract). Never throws. */
export function deriveHeadline(abstract: string): string {
  try {
    return derive(abstract);
  } catch {
    return finish(stripMarkup(abstract)) || FALLBACK_HEADLINE;
  }
}

const FALLBACK_HEADLINE = "Untitled";

function derive(abstract: string): string {
  const text = prepareText(abstract);
  if (text === "") return abstract.trim() === "" ? "" : FALLBACK_HEADLINE;
  const sentences = splitSentences(text);
  const named = findNamedSystem(sentences);
  const body = named ?? findKeySentence(sentences) ?? describeFirstSentence(sentences);
  return finish(body) || finish(text) || FALLBACK_HEADLINE;
}

/** Why a headline came out as it did; used by tests and the quality report. */
export type HeadlineRule = "named-system" | "key-sentence" | "first-sentence" | "empty";

/** The rule that `deriveHeadline` applied to this abstract (same logic, no headline text). */
export function headlineRule(abstract: string): HeadlineRule {
  const text = prepareText(abstract);
  if (text === "") return "empty";
  const sentences = splitSentences(text);
  if (findNamedSystem(sentences) !== null) return "named-system";
  if (findKeySentence(sentences) !== null) return "key-sentence";
  return "first-sentence";
}

// ---------------------------------------------------------------------------------------------------------
// Rule 3: the first sentence

function describeFirstSentence(sentences: readonly string[]): string {
  return sentences[0] ?? "";
}
