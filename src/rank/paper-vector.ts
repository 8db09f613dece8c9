/**
 * A paper's compact representation, computed once at ingest from its own text (no corpus
 * statistics exist then): the hashed character 4-grams of its words with their counts, and its
 * hashed author keys. Document frequencies and weights are computed at rank time from the week.
 *
 * Why character 4-grams and not words: measured on nine weeks of daily arXiv with simulated
 * readers (bench/relevance.ts, BENCHMARKS.md), the (then centroid) ranking over word unigrams and bigrams
 * scores like arxiv-sanity-lite's word SVM (MAP 0.127 against 0.132), over 4-grams 1.2x better:
 * a handful of seed papers shares few whole words with next week's papers on the topic, but many
 * word pieces ("robot", "robotic", "humanoid robots"; "retriev-", "rerank-"). As in
 * scikit-learn's `char_wb` analyzer: text lower-cased and accents removed, split on white space,
 * each word padded with one space, a word shorter than three letters kept whole. The title counts
 * twice: it is the authors' own summary.
 * Hashes are 24-bit: a week has ~60,000 distinct 4-grams, so a collision touches ~0.4% of them,
 * which costs nothing measurable.
 */
import { forEachNgram } from "../themes/phrases";
import { type Classified, type Token, tokenize } from "../themes/tokenize";

export interface PaperVector {
  /** Feature hashes, strictly ascending. */
  terms: Uint32Array;
  /** Count of each feature (title occurrences count twice), capped at 255. */
  counts: Uint8Array;
  /** Hashed full author names (authorName), ascending, distinct: who the paper's co-authors are. */
  authors: Uint32Array;
}

export const TITLE_WEIGHT = 2;
export const GRAM = 4;
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

/**
 * A name as written, folded (case, accents, punctuation): co-authorship is matched on whole
 * names, not on authorKey's family name + initial, which merges too many people ("Yang Liu",
 * "Yi Liu") to say that two papers share an author (measured: it lowered the ranking's MAP).
 */
export function authorName(name: string): string | null {
  const folded = name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  return folded.length > 0 ? folded : null;
}

export function authorHash(name: string): number | null {
  const folded = authorName(name);
  return folded ? hashKey(`@${folded}`) : null;
}

// Word classification is memoised across papers (the same words recur); bounded for long-lived isolates.
let cache = new Map<string, Classified>();

/**
 * Calls `visit(key, surface)` for every word and phrase-bigram occurrence of a text: not what
 * papers are compared on, but how a reason names the words a paper shares with a liked one.
 */
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

/** Lower case, accents removed: what the 4-grams are taken from. */
export function foldForGrams(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}

/** Calls `visit(hash)` for every character 4-gram of every word of a (folded) text. */
export function forEachGram(folded: string, visit: (hash: number) => void): void {
  for (const word of folded.split(/\s+/)) {
    if (!word) continue;
    const padded = ` ${word} `;
    if (padded.length <= GRAM) {
      visit(hashKey(padded));
      continue;
    }
    for (let i = 0; i + GRAM <= padded.length; i++) visit(hashKey(padded.slice(i, i + GRAM)));
  }
}

export function paperVector(p: {
  title: string | null;
  abstract: string;
  authors: readonly string[];
}): PaperVector {
  const counts = new Map<number, number>();
  const add = (weight: number) => (h: number) => {
    counts.set(h, (counts.get(h) ?? 0) + weight);
  };
  forEachGram(foldForGrams(p.title ?? ""), add(TITLE_WEIGHT));
  forEachGram(foldForGrams(p.abstract), add(1));
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
