/**
 * A paper's compact representation, computed once at ingest from its own text (no corpus
 * statistics exist then): the hashed features it contains with their counts, and its hashed
 * author keys. Document frequencies and weights are computed at rank time from the week.
 *
 * Features reuse the theme engine's tokens: content and weak words (plural-folded; filler and
 * function words dropped) and the bigrams of its phrase rule ("kv cache", "language model").
 * Title features count twice, as in the theme engine: the title is the author's own summary.
 * Hashes are 24-bit: in one week's ~50,000 distinct features a collision touches ~0.3% of them,
 * which costs nothing measurable, and it keeps a stored paper to a few hundred bytes.
 */
import { authorKey } from "../interests/author-names";
import { forEachNgram } from "../themes/phrases";
import { type Classified, type Token, tokenize } from "../themes/tokenize";

export interface PaperVector {
  /** Feature hashes, strictly ascending. */
  terms: Uint32Array;
  /** Count of each feature (title occurrences count twice), capped at 255. */
  counts: Uint8Array;
  /** Hashed author keys (authorKey), ascending, distinct. */
  authors: Uint32Array;
}

export const TITLE_WEIGHT = 2;
/** Big collaborations list hundreds of names; the first ones are enough to recognise a group. */
export const MAX_AUTHORS = 24;
const HASH_BITS = 24;

/** FNV-1a over UTF-16 code units, folded to HASH_BITS: stable across runtimes. */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return ((h >>> HASH_BITS) ^ h) & ((1 << HASH_BITS) - 1);
}

export function authorHash(name: string): number | null {
  const key = authorKey(name);
  return key ? hashKey(`@${key}`) : null;
}

// Word classification is memoised across papers (the same words recur); bounded for long-lived isolates.
let cache = new Map<string, Classified>();

/** Calls `visit(key)` for every feature occurrence of a text (words, then phrase bigrams). */
export function forEachFeature(text: string, visit: (key: string, surface: string) => void): void {
  if (cache.size > 50_000) cache = new Map();
  for (const segment of tokenize(text, cache).segments) {
    for (const t of segment) if (t.kind === "content" || t.kind === "weak") visit(t.key, t.surface);
    forEachNgram(segment, (start, length) => {
      if (length !== 2) return;
      const a: Token = segment[start]!;
      const b: Token = segment[start + 1]!;
      visit(`${a.key} ${b.key}`, `${a.surface} ${b.surface}`);
    });
  }
}

export function paperVector(p: {
  title: string | null;
  abstract: string;
  authors: readonly string[];
}): PaperVector {
  const counts = new Map<number, number>();
  const add = (weight: number) => (key: string) => {
    const h = hashKey(key);
    counts.set(h, (counts.get(h) ?? 0) + weight);
  };
  forEachFeature(p.title ?? "", add(TITLE_WEIGHT));
  forEachFeature(p.abstract, add(1));
  const terms = Uint32Array.from(counts.keys()).sort();
  const authors = new Set<number>();
  for (const name of p.authors.slice(0, MAX_AUTHORS)) {
    const h = authorHash(name);
    if (h !== null) authors.add(h);
  }
  return {
    terms,
    counts: Uint8Array.from(terms, (h) => Math.min(255, counts.get(h)!)),
    authors: Uint32Array.from(authors).sort(),
  };
}
