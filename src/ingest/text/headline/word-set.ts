/** A set from a space-separated word list (keeps long vocabularies compact). */
export function wordSet(words: string): ReadonlySet<string> {
  return new Set(words.split(" "));
}
