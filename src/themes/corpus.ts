/**
 * One batch of papers as TF-IDF vectors. Each text is tokenised once into word numbers
 * (encoding.ts); word and candidate-phrase document frequencies are counted on those numbers,
 * phrases are chosen from the counts (phrases.ts), then the vectors are built.
 *
 * Weighting, as in scikit-learn's TfidfVectorizer(sublinear_tf=True) so the benchmark compares
 * like with like: tf → 1 + ln(tf) (a word said ten times is not ten times as telling), smoothed
 * idf = ln((1 + n) / (1 + df)) + 1, vectors scaled to unit length (cosine = dot product).
 */
import { type Encoded, forEachTerm, Lexicon, type PaperText, TermCodes } from "./encoding";
import { minPhraseDf, selectPhrases } from "./phrases";
import { compareKeys, normalised, type SparseVector } from "./sparse";

export type { PaperText } from "./encoding";

export interface Corpus {
  size: number;
  /** Feature id → key ("cache", "kv cache"). */
  terms: string[];
  termIds: Map<string, number>;
  /** Papers containing each feature. */
  df: Int32Array;
  vectors: SparseVector[];
  /** Acronyms and their expansions, both ways ("llm" ↔ "large language model"). */
  equivalents: Map<string, string>;
}

export function buildCorpus(
  papers: readonly PaperText[],
  forcedPhrases: ReadonlySet<string> = new Set(),
): Corpus {
  const n = papers.length;
  const lexicon = new Lexicon();
  const encoded = papers.map((p) => lexicon.encode(p));
  const codes = new TermCodes(lexicon.keys);
  const minDf = minPhraseDf(n);
  const forcedCodes = new Set<number>();
  for (const phrase of forcedPhrases) {
    const code = codes.parse(phrase, lexicon.ids);
    if (code !== null) forcedCodes.add(code);
  }

  // Document frequencies in three passes, each counting only what can still pass: a phrase needs
  // minDf papers, so its words (bigrams) or its two bigrams (trigrams) need as many. This keeps
  // the count tables to the plausible phrases instead of every n-gram of every abstract.
  const wordDf = new Int32Array(lexicon.keys.length); // every token, modifiers and stop-words too
  const lastDoc = new Int32Array(lexicon.keys.length).fill(-1);
  encoded.forEach((doc, d) => {
    for (const w of doc.words) {
      if (w < 0 || lastDoc[w] === d) continue;
      wordDf[w]!++;
      lastDoc[w] = d;
    }
  });
  const ofId = lexicon.ids.get("of");
  const bigramDf = countPhrases(
    encoded,
    lexicon,
    codes,
    (code, ids, s, length) =>
      length === 2 && (forcedCodes.has(code) || (wordDf[ids[s]!]! >= minDf && wordDf[ids[s + 1]!]! >= minDf)),
  );
  const frequentBigram = (ids: readonly number[], s: number) =>
    (bigramDf.get(codes.of(ids, s, 2)) ?? 0) >= minDf;
  const trigramDf = countPhrases(encoded, lexicon, codes, (code, ids, s, length) => {
    if (length !== 3) return false;
    if (forcedCodes.has(code)) return true;
    if (ids[s + 1] === ofId) return wordDf[ids[s]!]! >= minDf && wordDf[ids[s + 2]!]! >= minDf;
    // (b, c) is always a candidate bigram inside a candidate trigram; (a, b) may not be ("high quality").
    return wordDf[ids[s]!]! >= minDf && frequentBigram(ids, s + 1);
  });
  const dfOf = (code: number) =>
    codes.isWord(code) ? wordDf[code]! : (bigramDf.get(code) ?? trigramDf.get(code) ?? 0);

  // Phrase selection works on text keys; only candidates that can pass need one.
  const wordDfByKey = new Map<string, number>();
  wordDf.forEach((df, w) => {
    const kind = lexicon.tokens[w]!.kind;
    if (df > 0 && (kind === "content" || kind === "weak")) wordDfByKey.set(lexicon.keys[w]!, df);
  });
  const codeOfPhrase = new Map<string, number>();
  const ngramDf = new Map<string, number>();
  for (const table of [bigramDf, trigramDf]) {
    for (const [code, df] of table) {
      if (df < minDf && !forcedCodes.has(code)) continue;
      const key = codes.key(code);
      codeOfPhrase.set(key, code);
      ngramDf.set(key, df);
    }
  }
  const phraseCodes = new Set<number>();
  for (const key of selectPhrases(ngramDf, wordDfByKey, n, forcedPhrases)) {
    const code = codeOfPhrase.get(key);
    if (code !== undefined) phraseCodes.add(code);
  }

  const terms: string[] = [];
  const termIds = new Map<string, number>();
  const idOfCode = new Map<number, number>();
  const dfList: number[] = [];
  const counts = new Map<number, number>();
  const vectors = encoded.map((doc) => {
    forEachTerm(
      doc,
      lexicon,
      codes,
      (code, weight) => counts.set(code, (counts.get(code) ?? 0) + weight),
      (code) => phraseCodes.has(code),
    );
    const entries: Array<[number, number]> = [];
    for (const [code, tf] of counts) {
      const df = dfOf(code);
      let id = idOfCode.get(code);
      if (id === undefined) {
        id = terms.length;
        const key = codes.key(code);
        terms.push(key);
        termIds.set(key, id);
        idOfCode.set(code, id);
        dfList.push(df);
      }
      entries.push([id, (1 + Math.log(tf)) * (Math.log((1 + n) / (1 + df)) + 1)]);
    }
    counts.clear();
    return normalised(entries);
  });

  return {
    size: n,
    terms,
    termIds,
    df: Int32Array.from(dfList),
    vectors,
    equivalents: equivalentsFrom(lexicon.acronymCounts),
  };
}

/** Papers containing each admitted phrase code. */
function countPhrases(
  encoded: readonly Encoded[],
  lexicon: Lexicon,
  codes: TermCodes,
  admit: (code: number, ids: readonly number[], start: number, length: 2 | 3) => boolean,
): Map<number, number> {
  const df = new Map<number, number>();
  const seen = new Set<number>();
  for (const doc of encoded) {
    forEachTerm(doc, lexicon, codes, (code) => seen.add(code), admit, false);
    for (const code of seen) df.set(code, (df.get(code) ?? 0) + 1);
    seen.clear();
  }
  return df;
}

/** Each acronym's most frequent expansion (ties: alphabetical), mapped both ways. */
function equivalentsFrom(counts: ReadonlyMap<string, number>): Map<string, string> {
  const best = new Map<string, [string, number]>();
  for (const [pair, count] of [...counts].sort(([a], [b]) => compareKeys(a, b))) {
    const [acronym, expansion] = pair.split("\t") as [string, string];
    const current = best.get(acronym);
    if (!current || count > current[1]) best.set(acronym, [expansion, count]);
  }
  const out = new Map<string, string>();
  for (const [acronym, [expansion]] of best) {
    out.set(acronym, expansion);
    if (!out.has(expansion)) out.set(expansion, acronym);
  }
  return out;
}
