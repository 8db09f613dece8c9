/**
 * Phrases: multi-word terms ("kv cache", "mixture of expert", "large language model") that mean
 * more than their words. They become features of their own, next to their words, and are what
 * labels prefer. Candidates are bigrams and trigrams of consecutive non-stop words inside one
 * segment, plus "X of Y" trigrams of two content words. A size/degree modifier may only open a phrase ("large
 * language model", never "model large"), and needs a content word after it ("high quality" and
 * "large scale" are boilerplate).
 *
 * Which candidates are kept is decided by the corpus, not by a list:
 *  - seen in at least `minDf` papers: 2, or one in a thousand for big batches, so that a phrase
 *    links papers rather than describing one;
 *  - a collocation: in at least 10% of the papers that contain its rarest word (trigrams: of its
 *    rarer bigram), which drops chance pairs like "model training" between very common words;
 *  - not a fragment: a bigram found (≥ 80% of the time) only inside a kept trigram ("large
 *    language" inside "large language model") is dropped.
 * Phrases the caller asks for (operator keywords, terms of stored centroids) are always kept, so
 * next week's vectors can still meet last week's centroids on them.
 */
import type { Token } from "./tokenize";

const MIN_ASSOCIATION = 0.1;
const MIN_TRIGRAM_ASSOCIATION = 0.25;
const FRAGMENT_SHARE = 0.8;

function opensPhrase(t: Token): boolean {
  return t.kind !== "stop";
}

function continuesPhrase(t: Token | undefined): boolean {
  return t !== undefined && (t.kind === "content" || t.kind === "weak");
}

/**
 * Calls `emit(start, length)` for every candidate phrase of one segment, in order: bigrams and
 * trigrams of phrase words, and "X of Y" (length 3, "of" in the middle).
 */
export function forEachNgram(segment: readonly Token[], emit: (start: number, length: 2 | 3) => void): void {
  for (let i = 0; i + 1 < segment.length; i++) {
    const a = segment[i]!;
    if (!opensPhrase(a)) continue;
    const b = segment[i + 1]!;
    const c = segment[i + 2];
    if (continuesPhrase(b)) {
      // "high quality", "large scale": a modifier needs a content word after it, not just weak ones.
      const opensWithModifier = a.kind === "modifier";
      if (!opensWithModifier || b.kind === "content") emit(i, 2);
      if (continuesPhrase(c) && (!opensWithModifier || b.kind === "content" || c!.kind === "content")) {
        emit(i, 3);
      }
    } else if (b.key === "of" && a.kind === "content" && c?.kind === "content") {
      // "mixture of experts", "chain of thought"; not "order of magnitude" (weak "order").
      emit(i, 3);
    }
  }
}

/** The key of a phrase: its words' keys joined by spaces ("mixture of expert"). */
export function phraseKey(segment: readonly Token[], start: number, length: number): string {
  return segment
    .slice(start, start + length)
    .map((t) => t.key)
    .join(" ");
}

export function minPhraseDf(papers: number): number {
  return Math.max(2, Math.ceil(papers / 1000));
}

/**
 * The kept phrases, given document frequencies of candidates (`ngramDf`) and of single words
 * (`wordDf`) over `papers` papers.
 */
export function selectPhrases(
  ngramDf: ReadonlyMap<string, number>,
  wordDf: ReadonlyMap<string, number>,
  papers: number,
  forced: ReadonlySet<string>,
): Set<string> {
  const minDf = minPhraseDf(papers);
  const kept = new Set<string>();
  const bigrams: Array<[string, number]> = [];
  for (const [key, df] of ngramDf) {
    if (df < minDf) continue;
    const words = key.split(" ");
    if (words.length === 2) {
      const rarest = Math.min(wordDf.get(words[0]!) ?? df, wordDf.get(words[1]!) ?? df);
      if (df >= MIN_ASSOCIATION * rarest) bigrams.push([key, df]);
      continue;
    }
    const inner =
      words[1] === "of"
        ? Math.min(wordDf.get(words[0]!) ?? df, wordDf.get(words[2]!) ?? df)
        : Math.min(
            ngramDf.get(`${words[0]} ${words[1]}`) ?? df,
            ngramDf.get(`${words[1]} ${words[2]}`) ?? df,
          );
    if (df >= (words[1] === "of" ? MIN_ASSOCIATION : MIN_TRIGRAM_ASSOCIATION) * inner) kept.add(key);
  }
  // A bigram that (nearly) only occurs inside one kept trigram is a fragment of it.
  const insideTrigram = new Map<string, number>();
  for (const trigram of kept) {
    const [a, b, c] = trigram.split(" ");
    if (b === "of") continue;
    const df = ngramDf.get(trigram) ?? 0;
    for (const part of [`${a} ${b}`, `${b} ${c}`]) {
      insideTrigram.set(part, Math.max(insideTrigram.get(part) ?? 0, df));
    }
  }
  for (const [key, df] of bigrams) {
    if ((insideTrigram.get(key) ?? 0) < FRAGMENT_SHARE * df) kept.add(key);
  }
  for (const key of forced) if (key.includes(" ")) kept.add(key);
  return kept;
}
