/**
 * Parse throughput, in-process: decode + detect + parse exactly as the server does for
 * a request body, over three real corpora. One warm-up run (JIT, lazy regexes), then the
 * best of five, which is the figure least disturbed by other work on the machine.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { renderTable } from "../scripts/lib/text-table";
import { expandInputs } from "../scripts/lib/walk-files";
import { decodeBytes } from "../src/ingest/clean-text";
import { parseInput } from "../src/ingest/parse-input";
import { DATA_DIR } from "./lib/paths";
import { median } from "./lib/stats";

const TIMED_RUNS = 5;

interface Corpus {
  name: string;
  folder: string;
  extension: string;
}

const CORPORA: Corpus[] = [
  { name: "daily-arxiv (JSON lines)", folder: "daily-arxiv", extension: ".jsonl" },
  { name: "arxiv-abs (.abs)", folder: "arxiv-abs", extension: ".abs" },
  { name: "arxiv-atom (Atom)", folder: "arxiv-atom", extension: ".xml" },
];

interface RunTotals {
  records: number;
  errors: number;
  unrecognised: number;
}

async function loadCorpus(corpus: Corpus): Promise<Uint8Array[]> {
  const files = await expandInputs([path.join(DATA_DIR, corpus.folder)]);
  const wanted = files.filter((f) => f.absolutePath.endsWith(corpus.extension));
  return Promise.all(wanted.map(async (f) => new Uint8Array(await readFile(f.absolutePath))));
}

/** One pass over every file, each parsed on its own as if it were one request body. */
async function parseAll(bodies: readonly Uint8Array[]): Promise<RunTotals> {
  const totals: RunTotals = { records: 0, errors: 0, unrecognised: 0 };
  for (const bytes of bodies) {
    const parsed = await parseInput(decodeBytes(bytes));
    if (parsed === null) totals.unrecognised++;
    else {
      totals.records += parsed.records.length;
      totals.errors += parsed.errors.length;
    }
  }
  return totals;
}

async function measure(corpus: Corpus) {
  const bodies = await loadCorpus(corpus);
  const bytes = bodies.reduce((sum, b) => sum + b.byteLength, 0);
  const totals = await parseAll(bodies); // warm-up; its counts are the corpus's counts
  const timesMs: number[] = [];
  for (let run = 0; run < TIMED_RUNS; run++) {
    const started = performance.now();
    await parseAll(bodies);
    timesMs.push(performance.now() - started);
  }
  const bestSeconds = Math.min(...timesMs) / 1000;
  return {
    corpus,
    files: bodies.length,
    bytes,
    totals,
    bestMs: bestSeconds * 1000,
    medianMs: median(timesMs),
    mbPerSecond: bytes / 1e6 / bestSeconds,
    recordsPerSecond: totals.records / bestSeconds,
  };
}

async function main(): Promise<void> {
  console.log(
    `Parse throughput (decode + detect + parse, in-process; best of ${TIMED_RUNS} after a warm-up; MB = 10^6 bytes)`,
  );
  const results = [];
  for (const corpus of CORPORA) results.push(await measure(corpus));
  const rows = results.map((r) => [
    r.corpus.name,
    r.files,
    r.bytes / 1e6,
    r.totals.records,
    r.totals.errors,
    r.totals.unrecognised,
    r.bestMs,
    r.medianMs,
    r.mbPerSecond,
    Math.round(r.recordsPerSecond),
  ]);
  console.log(
    renderTable(
      [
        "corpus",
        "files",
        "MB",
        "records",
        "errors",
        "unrecognised",
        "best ms",
        "median ms",
        "MB/s",
        "records/s",
      ],
      rows,
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
