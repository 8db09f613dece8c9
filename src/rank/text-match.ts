/**
 * Keyword and exclude matching: whole words, case- and accent-insensitive, plurals folded on both
 * sides ("graph neural networks" matches "Graph Neural Network"), on title + abstract.
 */
import { foldPlural } from "../themes/plural";

/** Lower-case, accents removed, every non-letter/digit run a single space, plurals folded, padded. */
export function normaliseForMatch(text: string): string {
  const words = text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map(foldPlural);
  return ` ${words.join(" ")} `;
}

export interface PhraseMatcher {
  /** The phrases (as the user wrote them) that occur in a normalised text. */
  matches(normalised: string): string[];
  readonly empty: boolean;
}

export function phraseMatcher(phrases: readonly string[]): PhraseMatcher {
  const list = phrases
    .map((p) => ({ phrase: p.trim(), key: normaliseForMatch(p) }))
    .filter((p) => p.key.trim().length > 0);
  return {
    empty: list.length === 0,
    matches: (normalised) => list.filter((p) => normalised.includes(p.key)).map((p) => p.phrase),
  };
}
