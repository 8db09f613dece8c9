/** A set from a whitespace-separated word list (keeps long vocabularies compact and readable). */
export function wordSet(words: string): ReadonlySet<string> {
  return new Set(words.split(/\s+/).filter(Boolean));
}
