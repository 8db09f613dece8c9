/**
 * TL;DR quality and speed: `npx tsx bench/tldr.ts [--fit [--from-scratch] [--steps=N]]`.
 *
 * Quality without a model: the share of the title's content words (lower-cased, stop-words removed,
 * plurals folded; one definition, `titleRecall` below, for every method) found in the chosen
 * sentence. The title is only the yardstick: no method sees it, except the oracle, which picks each
 * abstract's best sentence by this very measure (the ceiling for a one-sentence TL;DR).
 *
 * Corpora: daily-arxiv/ (recent listings, each id once) and arxiv_browse_latest.jsonl (older physics
 * and math .abs papers, which often open with the result). Both split by a hash of the id: even = the
 * tune split (where the weights in src/ingest/text/tldr.ts and tldr-terms.ts were fitted; `--fit`
 * reruns the fit, bench/lib/tldr-fit.ts, from the shipped weights or `--from-scratch`, and adds the
 * refitted rule to the table), odd = held-out.
 *
 * Methods: the opening sentence; the cue rule (first sentence with "we propose/introduce/present", else
 * the first); the oracle; the oracle among sentences that are not background (the ceiling for a TL;DR
 * that must state the contribution, not the motivation); ours (`tldr`). Every method picks among the
 * same sentences (tldrCandidates) and is scored twice: on its whole sentence and on what would be shown (cut to 250 characters at a
 * word, with "…").
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { latexToPlain } from "../src/ingest/text/latex";
import {
  bestSentence,
  cutAtWord,
  TLDR_MAX_CHARS,
  TLDR_WEIGHTS,
  type TldrWeights,
  tldr,
  tldrCandidates,
  tldrFeatures,
} from "../src/ingest/text/tldr";
import { TERM_WEIGHTS } from "../src/ingest/text/tldr-terms";
import { machineLine } from "./lib/machine";
import { DATA_DIR } from "./lib/paths";
import { FIXED_WEIGHTS, fitRow, fitWeights } from "./lib/tldr-fit";

type Paper = { readonly id: string; readonly title: string; readonly abstract: string };
type Split = "tune" | "held-out";
type Corpus = { readonly name: string; readonly papers: readonly Paper[] };

// ---------------------------------------------------------------------------------------------------------
// Corpora

function readJsonLines(file: string): Array<Record<string, unknown>> {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function firstOfEachId(rows: Iterable<{ id: string; title: string; abstract: string }>): Paper[] {
  const seen = new Set<string>();
  const papers: Paper[] = [];
  for (const row of rows) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    // The bot stores abstracts rendered by latexToPlain; the title only feeds the proxy.
    papers.push({ id: row.id, title: latexToPlain(row.title), abstract: latexToPlain(row.abstract) });
  }
  return papers;
}

function loadCorpora(): Corpus[] {
  const dailyDir = path.join(DATA_DIR, "daily-arxiv");
  const daily = readdirSync(dailyDir)
    .filter((file) => file.endsWith(".jsonl"))
    .sort()
    .flatMap((file) => readJsonLines(path.join(dailyDir, file)))
    .map((row) => ({ id: String(row.id), title: String(row.title), abstract: String(row.summary) }));
  const abs = readJsonLines(path.join(DATA_DIR, "arxiv_browse_latest.jsonl")).map((row) => ({
    id: String(row.id),
    title: String(row.title),
    abstract: String(row.abstract),
  }));
  return [
    { name: "daily-arXiv", papers: firstOfEachId(daily) },
    { name: ".abs", papers: firstOfEachId(abs) },
  ];
}

/** FNV-1a of the id: even → tune, odd → held-out. */
function splitOf(id: string): Split {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % 2 === 0 ? "tune" : "held-out";
}

// ---------------------------------------------------------------------------------------------------------
// The proxy: title-word recall

const STOP_WORDS = new Set(
  (
    "a an the and or nor but of for to in on at by with via from into onto as that this these those which " +
    "who whom whose what when where while than then there here it its they their them we our us i you is " +
    "are was were be been being has have had do does did can could may might must shall should will would " +
    "not no also such both each either all any some more most other same so thus only very between among " +
    "over under through across within without about against after before during up down out off above " +
    "below towards toward how why whether if beyond vs versus new novel using based"
  ).split(" "),
);

function foldPlural(word: string): string {
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith("s") && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

function proxyWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const raw of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (STOP_WORDS.has(raw)) continue;
    words.add(foldPlural(raw));
  }
  return words;
}

/** Share of the title's content words found in the sentence (NaN when the title has none). */
function titleRecall(title: ReadonlySet<string>, sentence: string): number {
  if (title.size === 0) return Number.NaN;
  const words = proxyWords(sentence);
  let found = 0;
  for (const word of title) if (words.has(word)) found++;
  return found / title.size;
}

// ---------------------------------------------------------------------------------------------------------
// Methods

const CUE = /\bwe\s+(?:\w+ly\s+)?(?:propose|introduce|present)\b/i;

type Row = { readonly split: Split; readonly title: Set<string>; readonly sentences: string[] };
type Method = { readonly name: string; readonly pick: (row: Row) => number };

const METHODS: readonly Method[] = [
  { name: "opening sentence", pick: () => 0 },
  {
    name: "cue rule",
    pick: (row) =>
      Math.max(
        0,
        row.sentences.findIndex((s) => CUE.test(s)),
      ),
  },
  {
    name: "oracle",
    pick: (row) => {
      const scores = row.sentences.map((s) => titleRecall(row.title, s));
      return scores.indexOf(Math.max(...scores));
    },
  },
  {
    // The ceiling for a rule that never shows background while another sentence is left (as ours).
    name: "oracle, no bkgd",
    pick: (row) => {
      const features = tldrFeatures(row.sentences);
      const allowed = features.some((f) => f.background === 0);
      const scores = row.sentences.map((s, i) =>
        allowed && features[i]!.background === 1 ? -1 : titleRecall(row.title, s),
      );
      return scores.indexOf(Math.max(...scores));
    },
  },
  { name: "ours", pick: (row) => bestSentence(row.sentences) },
];

function rowsOf(corpus: Corpus): Row[] {
  return corpus.papers
    .map((paper) => ({
      split: splitOf(paper.id),
      title: proxyWords(paper.title),
      sentences: tldrCandidates(paper.abstract),
    }))
    .filter((row) => row.title.size > 0 && row.sentences.length > 0);
}

type Score = { whole: number; shown: number; cut: number; chars: number; n: number };

function score(rows: readonly Row[], pick: (row: Row) => number): Score {
  const total = { whole: 0, shown: 0, cut: 0, chars: 0, n: rows.length };
  for (const row of rows) {
    const sentence = row.sentences[pick(row)]!;
    const shown = cutAtWord(sentence, TLDR_MAX_CHARS);
    total.whole += titleRecall(row.title, sentence);
    total.shown += titleRecall(row.title, shown);
    if (shown !== sentence) total.cut++;
    total.chars += shown.length;
  }
  const n = Math.max(1, rows.length);
  return {
    whole: total.whole / n,
    shown: total.shown / n,
    cut: total.cut,
    chars: total.chars / n,
    n: rows.length,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Report

function qualityTable(corpora: readonly Corpus[], methods: readonly Method[]): void {
  console.log(
    `\nTitle-word recall of the chosen sentence (whole / as shown, cut to ${TLDR_MAX_CHARS} chars)`,
  );
  console.log(
    "corpus      | split    |     n | method           | whole | shown | ÷ oracle (shown) | cut with … | mean chars",
  );
  for (const corpus of corpora) {
    const rows = rowsOf(corpus);
    for (const split of ["tune", "held-out"] as const) {
      const part = rows.filter((row) => row.split === split);
      const oracle = score(part, METHODS.find((m) => m.name === "oracle")!.pick);
      for (const method of methods) {
        const s = score(part, method.pick);
        console.log(
          [
            corpus.name.padEnd(11),
            split.padEnd(8),
            String(s.n).padStart(5),
            method.name.padEnd(16),
            s.whole.toFixed(3).padStart(5),
            s.shown.toFixed(3).padStart(5),
            `${((100 * s.shown) / oracle.shown).toFixed(1)} %`.padStart(16),
            `${s.cut} (${((100 * s.cut) / Math.max(1, s.n)).toFixed(1)} %)`.padStart(10),
            s.chars.toFixed(0).padStart(10),
          ].join(" | "),
        );
      }
    }
  }
}

function speed(corpora: readonly Corpus[]): void {
  const abstracts = corpora.flatMap((corpus) => corpus.papers.map((paper) => paper.abstract));
  for (const abstract of abstracts.slice(0, 500)) tldr(abstract); // warm-up
  const rounds = 3;
  let sink = 0;
  const started = performance.now();
  for (let round = 0; round < rounds; round++)
    for (const abstract of abstracts) sink += tldr(abstract).length;
  const micros = ((performance.now() - started) * 1000) / (rounds * abstracts.length);
  console.log(
    `\nspeed: ${micros.toFixed(1)} µs per abstract (tldr(), Node, ${abstracts.length} abstracts × ${rounds}; ${sink > 0 ? "ok" : "empty"})`,
  );
}

/**
 * `--fit` (or `--tune`): refit the weights on the tune split only (bench/lib/tldr-fit.ts), starting from
 * the shipped ones, and add the fitted rule to the table as "ours, refitted" (paste its weights into
 * tldr.ts and tldr-terms.ts to ship them).
 */
function refit(corpora: readonly Corpus[]): Method {
  const started = performance.now();
  const parts = corpora.map((corpus) =>
    rowsOf(corpus)
      .filter((row) => row.split === "tune")
      .map((row) => fitRow(row.sentences, (shown) => titleRecall(row.title, shown), TLDR_WEIGHTS.topicCap)),
  );
  const steps = Number(process.argv.find((arg) => arg.startsWith("--steps="))?.slice(8) ?? 400);
  // --from-scratch: every weight 0 but the term bias (a word is rarely a key term), to check that the fit
  // finds the shipped weights' level on its own rather than only polishing them.
  const scratch = process.argv.includes("--from-scratch");
  const zero = <T extends object>(weights: T) =>
    Object.fromEntries(Object.keys(weights).map((key) => [key, 0])) as T;
  const fixed = Object.fromEntries(
    [...FIXED_WEIGHTS, "topicCap"].map((key) => [key, TLDR_WEIGHTS[key as keyof TldrWeights]]),
  );
  const start = scratch ? { ...zero(TLDR_WEIGHTS), ...fixed } : TLDR_WEIGHTS;
  const startTerms = scratch ? { ...zero(TERM_WEIGHTS), bias: -4 } : TERM_WEIGHTS;
  const fitted = fitWeights(parts, start, startTerms, steps, console.log);
  console.log(`--fit (${((performance.now() - started) / 1000).toFixed(0)} s):`);
  console.log(`  TLDR_WEIGHTS ${JSON.stringify(fitted.weights)}`);
  console.log(`  TERM_WEIGHTS ${JSON.stringify(fitted.terms)}`);
  return {
    name: "ours, refitted",
    pick: (row) => bestSentence(row.sentences, TLDR_MAX_CHARS, fitted.weights, fitted.terms),
  };
}

export function runTldr(): void {
  console.log(machineLine());
  const started = performance.now();
  const corpora = loadCorpora();
  for (const corpus of corpora) {
    const rows = rowsOf(corpus);
    console.log(
      `${corpus.name}: ${corpus.papers.length} papers, ${rows.length} with a content-word title ` +
        `(tune ${rows.filter((r) => r.split === "tune").length}, held-out ${rows.filter((r) => r.split === "held-out").length})`,
    );
  }
  const extra = ["--fit", "--tune"].some((flag) => process.argv.includes(flag)) ? [refit(corpora)] : [];
  qualityTable(corpora, [...METHODS, ...extra]);
  speed(corpora);
  console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (import.meta.url === `file://${process.argv[1]}`) runTldr();
