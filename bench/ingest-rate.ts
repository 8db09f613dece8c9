/**
 * End-to-end ingest rate against a fresh local bot (wrangler dev + local D1): ~11k real
 * records sent through the CLI's chunked path (parse locally, 500 records a request, one
 * request at a time), then all of them again, which must come back `duplicate`.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { renderTable } from "../scripts/lib/text-table";
import { countVerdicts, describeCounts, type VerdictCounts } from "../scripts/lib/verdict-counts";
import { expandInputs } from "../scripts/lib/walk-files";
import { decodeBytes } from "../src/ingest/clean-text";
import { parseInput } from "../src/ingest/parse-input";
import type { ParsedRecord } from "../src/ingest/types";
import { withBenchSession } from "./lib/bench-session";
import { type LocalBot, startLocalBot } from "./lib/local-bot";
import { DATA_DIR } from "./lib/paths";
import { postToBot } from "./lib/post-to-bot";
import { percentile } from "./lib/stats";

const BATCH_RECORDS = 500;
const TIME_LIMIT_MS = 10 * 60 * 1000;

const SOURCES = [
  { label: "daily-arxiv/*.jsonl", paths: ["daily-arxiv"] },
  {
    label: "arxiv-metadata-oai-snapshot.head200.jsonl",
    paths: ["arxiv-metadata-oai-snapshot.head200.jsonl"],
  },
  { label: "arxiv_browse_latest.jsonl", paths: ["arxiv_browse_latest.jsonl"] },
];

/** Every record of every source, renumbered 0..n-1 so answers map back unambiguously. */
async function buildRecords(): Promise<ParsedRecord[]> {
  const all: ParsedRecord[] = [];
  for (const source of SOURCES) {
    const files = await expandInputs(source.paths.map((p) => path.join(DATA_DIR, p)));
    let records = 0;
    let errors = 0;
    for (const file of files) {
      const parsed = await parseInput(decodeBytes(new Uint8Array(await readFile(file.absolutePath))));
      if (parsed === null) throw new Error(`${file.displayPath}: format not recognised`);
      all.push(...parsed.records);
      records += parsed.records.length;
      errors += parsed.errors.length;
    }
    console.log(
      `  ${source.label}: ${records.toLocaleString("en-US")} records, ${errors} parse errors (not sent)`,
    );
  }
  return all.map((record, index) => ({ ...record, index }));
}

interface PassFigures {
  name: string;
  records: number;
  requests: number;
  seconds: number;
  latenciesMs: number[];
  counts: VerdictCounts;
}

async function postPass(name: string, bot: LocalBot, records: ParsedRecord[], signal: AbortSignal) {
  const { seconds, sent } = await postToBot(bot, records, {
    benchmark: "ingest-rate",
    label: name,
    batchRecords: BATCH_RECORDS,
    signal,
  });
  return {
    name,
    records: sent.outcomes.length,
    requests: sent.chunks.length,
    seconds,
    latenciesMs: sent.chunks.map((c) => c.elapsedMs),
    counts: countVerdicts(sent.outcomes),
  } satisfies PassFigures;
}

function printPasses(passes: PassFigures[]): void {
  const rows = passes.map((p) => [
    p.name,
    p.records,
    p.requests,
    p.seconds,
    Math.round(p.records / p.seconds),
    Math.round(percentile(p.latenciesMs, 50)),
    Math.round(percentile(p.latenciesMs, 95)),
  ]);
  console.log(renderTable(["pass", "records", "requests", "seconds", "records/s", "p50 ms", "p95 ms"], rows));
  for (const p of passes) console.log(`  ${p.name} verdicts: ${describeCounts(p.counts)}`);
}

async function main(): Promise<void> {
  console.log(`Ingest rate (local wrangler dev + D1, ${BATCH_RECORDS} records a request, sequential)`);
  await withBenchSession(TIME_LIMIT_MS, async ({ signal, tempDir, stopAtEnd }) => {
    const records = await buildRecords();
    const distinctIds = new Set(records.flatMap((r) => (r.arxivId ? [r.arxivId] : []))).size;
    // Cross-listed papers repeat, so only the distinct ids can come back `new` on the first post.
    console.log(
      `  total: ${records.length.toLocaleString("en-US")} records, ${distinctIds.toLocaleString("en-US")} distinct arXiv ids`,
    );
    const startedAt = performance.now();
    const bot = stopAtEnd(await startLocalBot(tempDir, signal));
    console.log(
      `  local bot ready in ${((performance.now() - startedAt) / 1000).toFixed(1)} s (migrations + wrangler dev)`,
    );
    const first = await postPass("first post", bot, records, signal);
    const again = await postPass("re-post", bot, records, signal);
    printPasses([first, again]);
    if (again.counts.duplicate !== again.records) {
      console.log(
        `  WARNING: re-post gave ${again.records - again.counts.duplicate} non-duplicate verdicts (${describeCounts(again.counts)})`,
      );
    }
  });
}

main().catch((error: unknown) => {
  console.error(`ingest-rate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
