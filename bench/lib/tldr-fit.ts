/**
 * The TL;DR weights' fit (`npx tsx bench/tldr.ts --fit`): a listwise fit on the tune split only.
 *
 * Each abstract's sentences get the rule's score (key-term likelihoods summed over the shown words, plus
 * the weighted sentence features; background excluded as in the rule); a softmax over them at
 * temperature TAU turns the choice into a smooth one, and the fit maximises the expected proxy score of
 * that soft choice, each corpus divided by its oracle and the two corpora averaged (so the small .abs
 * corpus counts as much as daily-arXiv), with a small L2 penalty. Adam, from the given weights (those
 * in FIXED_WEIGHTS stay). The
 * result is then judged the only way that matters: the hard choice (the best sentence), on held-out.
 */
import {
  cutAtWord,
  type SentenceFeatures,
  TLDR_MAX_CHARS,
  type TldrWeights,
  tldrFeatures,
} from "../../src/ingest/text/tldr";
import { TERM_FEATURE_KEYS, type TermWeights, termFeatures, termsOf } from "../../src/ingest/text/tldr-terms";

/** One abstract, as the fit needs it. */
export type FitRow = {
  /** Sentence features, in SENTENCE_KEYS order (background sentences left out, unless all are). */
  readonly sentence: number[][];
  /** Per kept sentence, the indices of its shown words in `terms`. */
  readonly words: number[][];
  /** Term features, in TERM_FEATURE_KEYS order. */
  readonly terms: number[][];
  /** Proxy score of each kept sentence as shown. */
  readonly label: number[];
};

const SENTENCE_KEYS = [
  "announce",
  "claim",
  "activity",
  "secondary",
  "firstCue",
  "first",
  "position",
  "topic",
  "named",
  "conclusion",
  "results",
  "short",
] as const satisfies ReadonlyArray<Exclude<keyof SentenceFeatures, "background">>;

export function fitRow(
  sentences: readonly string[],
  proxy: (shown: string) => number,
  topicCap: number,
): FitRow {
  const features = tldrFeatures(sentences, TLDR_MAX_CHARS);
  const firstCue = features.findIndex((f) => f.firstCue === 1);
  const onlyBackground = features.every((f) => f.background === 1);
  const byWord = termFeatures(sentences, firstCue);
  const index = new Map<string, number>();
  const terms: number[][] = [];
  for (const [word, f] of byWord) {
    index.set(word, terms.length);
    terms.push(TERM_FEATURE_KEYS.map((key) => f[key]));
  }
  const row: FitRow = { sentence: [], words: [], terms, label: [] };
  features.forEach((f, i) => {
    if (f.background === 1 && !onlyBackground) return;
    const shown = cutAtWord(sentences[i]!, TLDR_MAX_CHARS);
    row.sentence.push(SENTENCE_KEYS.map((key) => (key === "topic" ? Math.min(f.topic, topicCap) : f[key])));
    row.words.push([...termsOf(shown)].flatMap((word) => (index.has(word) ? [index.get(word)!] : [])));
    row.label.push(proxy(shown));
  });
  return row;
}

/**
 * Weights the fit leaves where they start: a very short sentence ("Implications are discussed.") has few
 * key terms anyway, so the fit drifts `short` upwards, which would show such closers in short abstracts.
 */
export const FIXED_WEIGHTS: ReadonlySet<string> = new Set(["short"]);

const TAU = 0.2;
const L2 = 1e-4;

/** Expected proxy score ÷ oracle of each corpus's soft choice, averaged, and its gradient. */
function objective(corpora: readonly FitRow[][], a: number[], b: number[]) {
  const ga = a.map(() => 0);
  const gb = b.map(() => 0);
  let value = 0;
  for (const rows of corpora) {
    let oracle = 0;
    for (const row of rows) oracle += Math.max(...row.label);
    const scale = 1 / (oracle * corpora.length); // ÷ (n × mean oracle) × mean over corpora
    for (const row of rows) {
      const p = row.terms.map((x) => {
        let z = b[0]!;
        for (let k = 0; k < x.length; k++) z += b[k + 1]! * x[k]!;
        return 1 / (1 + Math.exp(-z));
      });
      const s = row.sentence.map((x, j) => {
        let v = 0;
        for (let k = 0; k < x.length; k++) v += a[k]! * x[k]!;
        for (const w of row.words[j]!) v += p[w]!;
        return v / TAU;
      });
      const max = Math.max(...s);
      const e = s.map((v) => Math.exp(v - max));
      const z = e.reduce((x, y) => x + y, 0);
      const q = e.map((v) => v / z);
      const expected = q.reduce((sum, qj, j) => sum + qj * row.label[j]!, 0);
      value += expected * scale;
      // d expected / d s_j = q_j (label_j − expected) / TAU
      const dp = p.map(() => 0);
      q.forEach((qj, j) => {
        const g = (qj * (row.label[j]! - expected) * scale) / TAU;
        if (g === 0) return;
        const x = row.sentence[j]!;
        for (let k = 0; k < x.length; k++) ga[k]! += g * x[k]!;
        for (const w of row.words[j]!) dp[w]! += g;
      });
      dp.forEach((d, w) => {
        if (d === 0) return;
        const g = d * p[w]! * (1 - p[w]!);
        gb[0]! += g;
        const x = row.terms[w]!;
        for (let k = 0; k < x.length; k++) gb[k + 1]! += g * x[k]!;
      });
    }
  }
  for (let k = 0; k < a.length; k++) {
    value -= L2 * a[k]! ** 2;
    ga[k]! -= 2 * L2 * a[k]!;
  }
  for (let k = 1; k < b.length; k++) {
    value -= L2 * b[k]! ** 2;
    gb[k]! -= 2 * L2 * b[k]!;
  }
  return { value, ga, gb };
}

/** Adam ascent from the given weights; returns the fitted weights (rounded to 2 decimals). */
export function fitWeights(
  corpora: readonly FitRow[][],
  start: TldrWeights,
  startTerms: TermWeights,
  steps = 400,
  log: (line: string) => void = () => {},
): { weights: TldrWeights; terms: TermWeights } {
  const a = SENTENCE_KEYS.map((key) => start[key]);
  const b = [startTerms.bias, ...TERM_FEATURE_KEYS.map((key) => startTerms[key])];
  const params = [a, b];
  const m = params.map((v) => v.map(() => 0));
  const v2 = params.map((v) => v.map(() => 0));
  const rate = 0.02;
  for (let step = 1; step <= steps; step++) {
    const { value, ga, gb } = objective(corpora, a, b);
    [ga, gb].forEach((g, i) => {
      const x = params[i]!;
      for (let k = 0; k < x.length; k++) {
        if (i === 0 && FIXED_WEIGHTS.has(SENTENCE_KEYS[k]!)) continue;
        m[i]![k] = 0.9 * m[i]![k]! + 0.1 * g[k]!;
        v2[i]![k] = 0.999 * v2[i]![k]! + 0.001 * g[k]! ** 2;
        const mh = m[i]![k]! / (1 - 0.9 ** step);
        const vh = v2[i]![k]! / (1 - 0.999 ** step);
        x[k]! += (rate * mh) / (Math.sqrt(vh) + 1e-8);
      }
    });
    if (step % 50 === 0 || step === 1) log(`  step ${step}: soft objective ${value.toFixed(4)}`);
  }
  const round = (x: number) => Number(x.toFixed(2));
  const weights = { ...start } as Record<string, number>;
  SENTENCE_KEYS.forEach((key, k) => {
    weights[key] = round(a[k]!);
  });
  const terms = { bias: round(b[0]!) } as Record<string, number>;
  TERM_FEATURE_KEYS.forEach((key, k) => {
    terms[key] = round(b[k + 1]!);
  });
  return { weights: weights as TldrWeights, terms: terms as TermWeights };
}
