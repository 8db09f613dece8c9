/**
 * Builds FTS5 MATCH expressions from free text. Every word is quoted, so FTS5 operators
 * and punctuation typed by a user (`AND`, `"`, `*`, `-`, `:`) are searched as words and
 * can never make the query a syntax error.
 */
const WORD = /[\p{L}\p{N}]+/gu;
const MAX_TERMS = 12;

export function searchTerms(query: string): string[] {
  return [...new Set(query.normalize("NFKC").toLowerCase().match(WORD) ?? [])].slice(0, MAX_TERMS);
}

/** All words must match (FTS5 implicit AND). */
export function allTermsMatch(terms: string[]): string {
  return terms.map((t) => `"${t}"`).join(" ");
}

/** Any word may match; used when no paper has them all. */
export function anyTermMatch(terms: string[]): string {
  return terms.map((t) => `"${t}"`).join(" OR ");
}
