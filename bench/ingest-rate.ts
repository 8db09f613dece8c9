/**
 * End-to-end ingest rate against a fresh local bot (local workerd + D1): ~11k real
 * records sent through the CLI's chunked path (parse locally, 500 records a request, one
 * request at a time), then all of them again, which must come back `duplicate`.
 */
import { renderTable } from "../scripts/lib/text-table";
import { countVerdicts, describeCounts, type VerdictCounts } from "../src/identify/verdict-counts";
import type { ParsedRecord } from "../src/ingest/types";
import { withBenchSession } from "./lib/bench-session";
import { loadIngestRecords } from "./lib/ingest-records";
import { type LocalBot, startLocalBot } from "./lib/local-bot";
import { postToBot } from "./lib/post-to-bot";
import { percentile } from "./lib/stats";

const BATCH_RECORDS = 500;
const TIME_LIMIT_MS = 10 * 60 * 1000;

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
  console.log(`Ingest rate (local workerd + D1, ${BATCH_RECORDS} records a request, sequential)`);
  await withBenchSession(TIME_LIMIT_MS, async ({ signal, tempDir, stopAtEnd }) => {
    const records = await loadIngestRecords();
    const distinctIds = new Set(records.flatMap((r) => (r.arxivId ? [r.arxivId] : []))).size;
    // Cross-listed papers repeat, so only the distinct ids can come back `new` on the first post.
    console.log(
      `  total: ${records.length.toLocaleString("en-US")} records, ${distinctIds.toLocaleString("en-US")} distinct arXiv ids`,
    );
    const startedAt = performance.now();
    const bot = stopAtEnd(await startLocalBot(tempDir, signal));
    console.log(
      `  local bot ready in ${((performance.now() - startedAt) / 1000).toFixed(1)} s (migrations + local server)`,
    );
    const first = await postPass("first post", bot, records, signal);
    const again = await postPass("re-post", bot, records, signal);
    printPasses([first, again]);
    if ((again.counts.duplicate ?? 0) !== again.records) {
      console.log(
        `  WARNING: re-post gave ${again.records - (again.counts.duplicate ?? 0)} non-duplicate verdicts (${describeCounts(again.counts)})`,
      );
    }
  });
}

main().catch((error: unknown) => {
  console.error(`ingest-rate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
