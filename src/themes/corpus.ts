/**
 * One batch of papers as TF-IDF vectors. Two passes over the text: the first counts in how many
 * papers each word and candidate phrase occurs (phrases are chosen from those counts), the second
 * builds the vectors. Tokenising twice is cheaper in memory than keeping every token.
 *
 * Weighting, as in scikit-learn's TfidfVectorizer(sublinear_tf=True) so the benchmark compares
 * like with like: tf → 1 + ln(tf) (a word said ten times is not ten times as telling), smoothed
 * idf = ln((1 + n) / (1 + df)) + 1, vectors scaled to unit length (cosine = dot product).
 * Title words count twice: a title is the author's own one-line summary.
 */
import { forEachNgram, selectPhrases } from "./phrases";
import { normalised, type SparseVector } from "./sparse";
import { type Token, tokenize } from "./tokenize";

export interface PaperText {
  title?: string;
  text: string;
}

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

const TITLE_WEIGHT = 2;

function isFeatureWord(t: Token): boolean {
  return t.kind === "content" || t.kind === "weak";
}

function tokenized(paper: PaperText): { segments: Token[][]; titleSegments: number; acronyms: [string, string][] } {
  const title = tokenize(paper.title ?? "");
  const body = tokenize(paper.text);
  return {
    segments: [...title.segments, ...body.segments],
    titleSegments: title.segments.length,
    acronyms: [...title.acronyms, ...body.acronyms],
  };
}

function bump(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

export function buildCorpus(papers: readonly PaperText[], forcedPhrases: ReadonlySet<string> = new Set()): Corpus {
  const wordDf = new Map<string, number>();
  const ngramDf = new Map<string, number>();
  const acronymCounts = new Map<string, number>();
  for (const paper of papers) {
    const words = new Set<string>();
    const ngrams = new Set<string>();
    const { segments, acronyms } = tokenized(paper);
    for (const segment of segments) {
      for (const t of segment) if (isFeatureWord(t)) words.add(t.key);
      forEachNgram(segment, (k) => ngrams.add(k));
    }
    for (const w of words) bump(wordDf, w);
    for (const g of ngrams) bump(ngramDf, g);
    for (const [acronym, expansion] of new Set(acronyms.map((a) => a.join("\t")))) {
      bump(acronymCounts, `${acronym}\t${expansion}`);
    }
  }
  const phrases = selectPhrases(ngramDf, wordDf, papers.length, forcedPhrases);

  const terms: string[] = [];
  const termIds = new Map<string, number>();
  const dfList: number[] = [];
  const idOf = (key: string, df: number): number => {
    let id = termIds.get(key);
    if (id === undefined) {
      id = terms.length;
      terms.push(key);
      termIds.set(key, id);
      dfList.push(df);
    }
    return id;
  };
  const n = papers.length;
  const vectors = papers.map((paper) => {
    const counts = new Map<string, number>();
    const { segments, titleSegments } = tokenized(paper);
    segments.forEach((segment, s) => {
      const weight = s < titleSegments ? TITLE_WEIGHT : 1;
      for (const t of segment) if (isFeatureWord(t)) bump(counts, t.key, weight);
      forEachNgram(segment, (k) => {
        if (phrases.has(k)) bump(counts, k, weight);
      });
    });
    const entries: Array<[number, number]> = [];
    for (const [key, tf] of counts) {
      const df = wordDf.get(key) ?? ngramDf.get(key) ?? 1;
      const idf = Math.log((1 + n) / (1 + df)) + 1;
      entries.push([idOf(key, df), (1 + Math.log(tf)) * idf]);
    }
    return normalised(entries);
  });

  return {
    size: n,
    terms,
    termIds,
    df: Int32Array.from(dfList),
    vectors,
    equivalents: equivalentsFrom(acronymCounts),
  };
}

/** Each acronym's most frequent expansion (ties: alphabetical), mapped both ways. */
function equivalentsFrom(counts: ReadonlyMap<string, number>): Map<string, string> {
  const best = new Map<string, [string, number]>();
  for (const [pair, count] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
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
