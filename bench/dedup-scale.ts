/**
 * Scale benchmark (issue #3): a fresh local bot (local workerd + D1) is loaded with
 * 100,000 papers (every distinct real abstract, the rest generated from the pool of real
 * sentences), 500 records a request, one request at a time; then a measured run of 10,000
 * records with dedup on: re-posts, new versions, id-less perturbed copies and brand-new
 * id-less papers, shuffled. Reports D1 statements per record (the server's `x-d1-statements`
 * header), records/s, request latency and whether every verdict was the right one.
 * Aims: ≤ 3 D1 statements per record, ≥ 1,000 records/s.
 *
 *   npx tsx bench/dedup-scale.ts [--papers N] [--sentences shared|spliced]
 *
 * --papers: corpus size (default 100000). --sentences: `spliced` (default) joins the first
 * half of one real sentence to the second half of another, so generated papers almost never
 * share a whole sentence (as in real arXiv, where verbatim reuse across papers is rare);
 * `shared` builds them from whole real sentences, so at 100,000 papers each sentence is in ~10
 * of them: a stress case for sentence-key candidates (BENCHMARKS.md reports both).
 */
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { PERTURBATIONS, type Random, seededRandom } from "../scripts/lib/perturb";
import type { ChunkReport } from "../scripts/lib/post-chunks";
import { renderTable } from "../scripts/lib/text-table";
import type { RecordOutcome } from "../src/identify/types";
import { countVerdicts, describeCounts, type VerdictCounts } from "../src/identify/verdict-counts";
import { keyForArxivId } from "../src/ingest/arxiv-id";
import type { ParsedRecord } from "../src/ingest/types";
import { withBenchSession } from "./lib/bench-session";
import { startFrozenBot } from "./lib/frozen-bot";
import type { LocalBot } from "./lib/local-bot";
import { buildCorpus, loadRealRecords, type PaperGenerator, type SentenceMode } from "./lib/paper-corpus";
import { ADMIN_TOKEN, postToBot } from "./lib/post-to-bot";
import { percentile } from "./lib/stats";

const BATCH_RECORDS = 500;
const SEGMENT_RECORDS = 10_000;
const MEASURED_PER_KIND = 2_500;
const TIME_LIMIT_MS = 14 * 60 * 1000;
const AIM_STATEMENTS_PER_RECORD = 3;
const AIM_RECORDS_PER_SECOND = 1_000;
const MISSES_LISTED = 5;
/** The corpus seed (1) is bench/lib/paper-corpus.ts's. */
const SEEDS = { measured: 2, edits: 3, shuffle: 4 };

const USAGE = "usage: dedup-scale.ts [--papers N] [--sentences shared|spliced]";

function parseArgs(argv: string[]): { papers: number; sentences: SentenceMode } {
  const options = { papers: 100_000, sentences: "spliced" as SentenceMode };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.split("=", 2) as [string, string | undefined];
    const raw = inline ?? argv[++i];
    if (name === "--papers") {
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 1_000 || n > 1_000_000) {
        throw new Error(`--papers wants a whole number from 1000 to 1000000, not ${raw}`);
      }
      options.papers = n;
    } else if (name === "--sentences") {
      if (raw !== "shared" && raw !== "spliced")
        throw new Error(`--sentences is shared or spliced (${USAGE})`);
      options.sentences = raw;
    } else {
      throw new Error(`unknown argument ${arg} (${USAGE})`);
    }
  }
  return options;
}

interface Segment {
  corpus: number;
  records: number;
  seconds: number;
  requests: number;
  statements: number | null;
  latenciesMs: number[];
  counts: VerdictCounts;
}

async function post(
  bot: LocalBot,
  records: readonly ParsedRecord[],
  label: string,
  signal: AbortSignal,
): Promise<{ seconds: number; chunks: ChunkReport[]; outcomes: RecordOutcome[] }> {
  const { seconds, sent } = await postToBot(bot, records, {
    benchmark: "dedup-scale",
    label,
    batchRecords: BATCH_RECORDS,
    signal,
  });
  if (sent.errors.length > 0) {
    console.log(
      `  warning: ${label}: ${sent.errors.length} records refused, first: ${sent.errors[0]?.message}`,
    );
  }
  return { seconds, chunks: sent.chunks, outcomes: sent.outcomes };
}

function statementsOf(chunks: readonly ChunkReport[]): number | null {
  if (chunks.some((c) => c.d1Statements === null)) return null;
  return chunks.reduce((sum, c) => sum + (c.d1Statements ?? 0), 0);
}

function perRecord(statements: number | null, records: number): number | string {
  return statements === null ? "-" : statements / records;
}

async function loadCorpus(bot: LocalBot, corpus: ParsedRecord[], signal: AbortSignal): Promise<Segment[]> {
  console.log(
    `\nLoading ${corpus.length.toLocaleString("en-US")} papers (${BATCH_RECORDS} a request, sequential):`,
  );
  // Rows print one at a time, so the widest corpus figure sets the column width up front.
  const corpusWidth = corpus.length.toLocaleString("en-US").length;
  const header = [
    "corpus".padStart(corpusWidth),
    "records/s",
    "D1 stmts/record",
    "p50 ms",
    "p95 ms",
    "verdicts",
  ];
  const segments: Segment[] = [];
  for (let start = 0; start < corpus.length; start += SEGMENT_RECORDS) {
    signal.throwIfAborted();
    const slice = corpus.slice(start, start + SEGMENT_RECORDS);
    const sent = await post(bot, slice, "load", signal);
    const segment: Segment = {
      corpus: start + slice.length,
      records: slice.length,
      seconds: sent.seconds,
      requests: sent.chunks.length,
      statements: statementsOf(sent.chunks),
      latenciesMs: sent.chunks.map((c) => c.elapsedMs),
      counts: countVerdicts(sent.outcomes),
    };
    segments.push(segment);
    // One row as it comes (the table header first), so a slow run shows progress.
    const table = renderTable(header, [segmentRow(segment)]).split("\n");
    if (segments.length === 1) console.log(`${table[0]}\n${table[1]}`);
    console.log(table[2]);
  }
  return segments;
}

function segmentRow(s: Segment): Array<string | number> {
  const nonNew = s.records - (s.counts.new ?? 0);
  return [
    s.corpus,
    Math.round(s.records / s.seconds),
    perRecord(s.statements, s.records),
    Math.round(percentile(s.latenciesMs, 50)),
    Math.round(percentile(s.latenciesMs, 95)),
    nonNew === 0 ? `${s.counts.new ?? 0} new` : `${describeCounts(s.counts)} (expected all new)`,
  ];
}

type Kind = "re-post" | "new version" | "perturbed copy" | "brand-new";

interface Expectation {
  kind: Kind;
  /** The stored paper's key the record belongs to; null for a brand-new paper. */
  paperKey: string | null;
  perturbation?: string;
  fromReal?: boolean;
}

/** Distinct stored papers, drawn without replacement. */
function sampleDistinct<T>(items: readonly T[], count: number, random: Random): T[] {
  const pool = [...items];
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}

function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function buildMeasured(
  corpus: readonly ParsedRecord[],
  realIds: ReadonlySet<string>,
  generator: PaperGenerator,
  perKind: number,
): { records: ParsedRecord[]; expected: Expectation[] } {
  const random = seededRandom(SEEDS.measured);
  const edits = seededRandom(SEEDS.edits);
  const sources = sampleDistinct(corpus, perKind * 3, random);
  const items: Array<{ record: ParsedRecord; expected: Expectation }> = [];
  const keyOf = (r: ParsedRecord) => keyForArxivId(r.arxivId!);

  for (const source of sources.slice(0, perKind)) {
    items.push({ record: { ...source }, expected: { kind: "re-post", paperKey: keyOf(source) } });
  }
  for (const source of sources.slice(perKind, 2 * perKind)) {
    // A light edit that always changes the words: a typo fixed, a sentence on what changed.
    const edited = `${PERTURBATIONS["typo fixes"]!(source.abstract, edits)} This version corrects minor errors.`;
    const record = { ...source, version: (source.version ?? 1) + 1, abstract: edited };
    items.push({ record, expected: { kind: "new version", paperKey: keyOf(source) } });
  }
  const names = Object.keys(PERTURBATIONS);
  sources.slice(2 * perKind).forEach((source, i) => {
    const perturbation = names[i % names.length]!;
    const abstract = PERTURBATIONS[perturbation]!(source.abstract, edits);
    // An id-less copy: no id, version or metadata that would identify it.
    const record: ParsedRecord = {
      ...source,
      arxivId: null,
      version: null,
      doi: null,
      journalRef: null,
      createdAt: null,
      updatedAt: null,
      abstract,
    };
    const fromReal = realIds.has(source.arxivId!);
    items.push({
      record,
      expected: { kind: "perturbed copy", paperKey: keyOf(source), perturbation, fromReal },
    });
  });
  for (let i = 0; i < perKind; i++) {
    // Id-less, so each goes through the whole near-duplicate search against the stored corpus.
    items.push({ record: generator.paper(null, random, 0), expected: { kind: "brand-new", paperKey: null } });
  }
  shuffle(items, seededRandom(SEEDS.shuffle));
  return {
    records: items.map((item, index) => ({ ...item.record, index })),
    expected: items.map((item) => item.expected),
  };
}

function expectedVerdictOk(expected: Expectation, outcome: RecordOutcome): boolean {
  switch (expected.kind) {
    case "re-post":
      return outcome.verdict === "duplicate" && outcome.key === expected.paperKey;
    case "new version":
      return outcome.verdict === "new-version" && outcome.key === expected.paperKey;
    case "perturbed copy":
      return (
        (outcome.verdict === "duplicate" || outcome.verdict === "near-duplicate") &&
        outcome.matchOf === expected.paperKey
      );
    case "brand-new":
      return outcome.verdict === "new";
  }
}

function describeOutcome(outcome: RecordOutcome | undefined): string {
  if (!outcome) return "no outcome";
  const match = outcome.matchOf ? ` of ${outcome.matchOf}` : outcome.key ? ` (${outcome.key})` : "";
  const similarity = outcome.similarity === undefined ? "" : `, similarity ${outcome.similarity}`;
  return `${outcome.verdict}${match}${similarity}`;
}

interface MeasuredFigures {
  records: number;
  seconds: number;
  statements: number | null;
  latenciesMs: number[];
  rightPerturbed: number;
  perturbed: number;
  wrongNew: number;
  brandNew: number;
}

function reportMeasured(
  records: readonly ParsedRecord[],
  expected: readonly Expectation[],
  sent: { seconds: number; chunks: ChunkReport[]; outcomes: RecordOutcome[] },
): MeasuredFigures {
  const byIndex = new Map(sent.outcomes.map((o) => [o.index, o]));
  const statements = statementsOf(sent.chunks);
  const latenciesMs = sent.chunks.map((c) => c.elapsedMs);
  console.log(
    renderTable(
      [
        "records",
        "requests",
        "seconds",
        "records/s",
        "D1 stmts/record",
        "D1 stmts/request",
        "p50 ms",
        "p95 ms",
      ],
      [
        [
          records.length,
          sent.chunks.length,
          sent.seconds,
          Math.round(records.length / sent.seconds),
          perRecord(statements, records.length),
          statements === null ? "-" : statements / sent.chunks.length,
          Math.round(percentile(latenciesMs, 50)),
          Math.round(percentile(latenciesMs, 95)),
        ],
      ],
    ),
  );
  console.log(`  verdicts: ${describeCounts(countVerdicts(sent.outcomes))}`);

  // Per kind: what came back and how many were right.
  const kinds: Kind[] = ["re-post", "new version", "perturbed copy", "brand-new"];
  const kindRows = kinds.map((kind) => {
    const indexes = expected.flatMap((e, i) => (e.kind === kind ? [i] : []));
    const outcomes = indexes.map((i) => byIndex.get(i)).filter((o) => o !== undefined);
    const right = indexes.filter((i) => {
      const o = byIndex.get(i);
      return o !== undefined && expectedVerdictOk(expected[i]!, o);
    }).length;
    return [kind, indexes.length, describeCounts(countVerdicts(outcomes)), right, indexes.length - right];
  });
  console.log();
  console.log(renderTable(["sent as", "records", "verdicts", "right", "wrong"], kindRows));

  // Perturbed copies, per perturbation: matched to their own paper or not.
  const names = Object.keys(PERTURBATIONS);
  const misses: string[] = [];
  const perturbationRows = names.map((name) => {
    const indexes = expected.flatMap((e, i) =>
      e.kind === "perturbed copy" && e.perturbation === name ? [i] : [],
    );
    let duplicate = 0;
    let near = 0;
    let right = 0;
    let otherPaper = 0;
    let asNew = 0;
    for (const i of indexes) {
      const o = byIndex.get(i);
      if (o?.verdict === "duplicate") duplicate++;
      if (o?.verdict === "near-duplicate") near++;
      if (o && expectedVerdictOk(expected[i]!, o)) right++;
      else {
        if (o?.verdict === "new") asNew++;
        else otherPaper++;
        const e = expected[i]!;
        misses.push(
          `${name}: copy of ${e.paperKey} (${e.fromReal ? "real" : "generated"}) came back ${describeOutcome(o)}`,
        );
      }
    }
    return [name, indexes.length, duplicate, near, right, otherPaper, asNew];
  });
  console.log();
  console.log(
    renderTable(
      ["perturbed copies", "sent", "duplicate", "near-dup", "right paper", "other paper", "missed (new)"],
      perturbationRows,
    ),
  );
  const perturbed = expected.filter((e) => e.kind === "perturbed copy").length;
  const rightPerturbed = perturbed - misses.length;
  console.log(
    `  matched to the right paper: ${rightPerturbed.toLocaleString("en-US")} of ${perturbed.toLocaleString("en-US")}`,
  );
  for (const miss of misses.slice(0, MISSES_LISTED)) console.log(`  miss: ${miss}`);
  if (misses.length > MISSES_LISTED) console.log(`  … and ${misses.length - MISSES_LISTED} more misses`);

  const brandNewIndexes = expected.flatMap((e, i) => (e.kind === "brand-new" ? [i] : []));
  const wrong = brandNewIndexes.filter((i) => byIndex.get(i)?.verdict !== "new");
  console.log(
    `  brand-new papers wrongly matched to something: ${wrong.length} of ${brandNewIndexes.length.toLocaleString("en-US")}`,
  );
  for (const i of wrong.slice(0, MISSES_LISTED)) {
    const words = records[i]!.abstract.split(" ").slice(0, 12).join(" ");
    console.log(`  false match: "${words} …" came back ${describeOutcome(byIndex.get(i))}`);
  }
  if (wrong.length > MISSES_LISTED) console.log(`  … and ${wrong.length - MISSES_LISTED} more`);

  const otherWrong = expected.filter((e, i) => {
    if (e.kind !== "re-post" && e.kind !== "new version") return false;
    const o = byIndex.get(i);
    return o === undefined || !expectedVerdictOk(e, o);
  }).length;
  if (otherWrong > 0) console.log(`  WARNING: ${otherWrong} re-posts or new versions got the wrong verdict`);

  return {
    records: records.length,
    seconds: sent.seconds,
    statements,
    latenciesMs,
    rightPerturbed,
    perturbed,
    wrongNew: wrong.length,
    brandNew: brandNewIndexes.length,
  };
}

/** Bytes of the local D1 database files under the persist folder: the sqlite file and its WAL. */
async function d1Bytes(persistDir: string): Promise<{ main: number; wal: number }> {
  const sizes = { main: 0, wal: 0 };
  const entries = await readdir(persistDir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile() || !entry.parentPath.includes("D1")) continue;
    const size = async () => (await stat(path.join(entry.parentPath, entry.name))).size;
    if (entry.name.endsWith(".sqlite")) sizes.main += await size();
    else if (entry.name.endsWith(".sqlite-wal")) sizes.wal += await size();
  }
  return sizes;
}

async function main(): Promise<void> {
  const { papers, sentences } = parseArgs(process.argv.slice(2));
  const runStarted = performance.now();
  console.log(
    `Dedup at scale (local workerd + D1, ${BATCH_RECORDS} records a request, sequential, ${papers.toLocaleString("en-US")} papers, ${sentences} sentences)`,
  );
  await withBenchSession(TIME_LIMIT_MS, async ({ signal, tempDir, stopAtEnd }) => {
    const persistDir = path.join(tempDir, "state");
    const real = await loadRealRecords();
    const { corpus, generator, realUsed } = buildCorpus(papers, real, sentences);
    const uses = [...generator.uses.values()];
    const sharing = {
      used: uses.length,
      mean: uses.reduce((sum, n) => sum + n, 0) / Math.max(1, uses.length),
      max: uses.reduce((max, n) => Math.max(max, n), 0),
    };
    const realIds = new Set(corpus.slice(0, realUsed).map((r) => r.arxivId!));
    const perKind = Math.min(MEASURED_PER_KIND, Math.floor(corpus.length / 4));
    const measured = buildMeasured(corpus, realIds, generator, perKind);
    console.log(
      `  corpus: ${realUsed.toLocaleString("en-US")} distinct real abstracts + ${(corpus.length - realUsed).toLocaleString("en-US")} generated (5–9 sentences each, ${sentences === "shared" ? "whole" : "spliced halves of"} ${generator.sentencePool.toLocaleString("en-US")} real sentences), built in ${((performance.now() - runStarted) / 1000).toFixed(1)} s`,
    );
    console.log(
      `  sentence sharing among generated papers: ${sharing.used.toLocaleString("en-US")} distinct sentences used, each by ${sharing.mean.toFixed(1)} papers on average (at most ${sharing.max})`,
    );

    const botStarted = performance.now();
    const bot = stopAtEnd(
      await startFrozenBot(path.join(tempDir, "worker"), persistDir, { ADMIN_TOKEN }, signal),
    );
    console.log(
      `  local bot ready in ${((performance.now() - botStarted) / 1000).toFixed(1)} s (bundle frozen, migrations, local server)`,
    );

    const loadStarted = performance.now();
    const segments = await loadCorpus(bot, corpus, signal);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const loadStatements = segments.every((s) => s.statements !== null)
      ? segments.reduce((sum, s) => sum + (s.statements ?? 0), 0)
      : null;
    const loadedNew = segments.reduce((sum, s) => sum + (s.counts.new ?? 0), 0);
    console.log(
      `  loaded ${corpus.length.toLocaleString("en-US")} in ${loadSeconds.toFixed(1)} s: ${Math.round(corpus.length / loadSeconds)} records/s, ${perRecord(loadStatements, corpus.length)} D1 statements/record, ${loadedNew.toLocaleString("en-US")} new`,
    );
    if (loadedNew !== corpus.length) {
      console.log(`  WARNING: ${corpus.length - loadedNew} loaded records were not \`new\``);
    }

    console.log(
      `\nMeasured run with ${corpus.length.toLocaleString("en-US")} stored: ${perKind} re-posts, ${perKind} new versions, ${perKind} id-less perturbed copies, ${perKind} brand-new id-less papers, shuffled`,
    );
    signal.throwIfAborted();
    const sent = await post(bot, measured.records, "measured", signal);
    const figures = reportMeasured(measured.records, measured.expected, sent);

    // Stopped before the files are sized; the session's stop at the end then does nothing.
    await bot.stop();
    const bytes = await d1Bytes(persistDir);
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    const total = bytes.main + bytes.wal;
    console.log(
      `\n  local D1 size: ${mb(total)} (sqlite ${mb(bytes.main)} + WAL ${mb(bytes.wal)}), ${Math.round(total / (corpus.length + figures.records)).toLocaleString("en-US")} bytes a record sent`,
    );

    const perRecordFigure = figures.statements === null ? null : figures.statements / figures.records;
    const rate = figures.records / figures.seconds;
    const statementsText =
      perRecordFigure === null
        ? "D1 statements/record: unknown (no x-d1-statements header)"
        : `D1 statements/record ${perRecordFigure.toFixed(3)} (aim ≤ ${AIM_STATEMENTS_PER_RECORD}: ${perRecordFigure <= AIM_STATEMENTS_PER_RECORD ? "met" : "NOT met"})`;
    console.log(
      `\nSummary at ${corpus.length.toLocaleString("en-US")} stored, dedup on: ${statementsText}; ${Math.round(rate).toLocaleString("en-US")} records/s (aim ≥ ${AIM_RECORDS_PER_SECOND.toLocaleString("en-US")}: ${rate >= AIM_RECORDS_PER_SECOND ? "met" : "NOT met"}); perturbed copies matched ${figures.rightPerturbed}/${figures.perturbed}; brand-new falsely matched ${figures.wrongNew}/${figures.brandNew}; total run ${((performance.now() - runStarted) / 1000).toFixed(0)} s`,
    );
  });
}

main().catch((error: unknown) => {
  console.error(`dedup-scale failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
