/**
 * Concurrent ingest (issue #11): the same 10,979 real records (bench/lib/ingest-records.ts), in
 * requests of 500, sent by 1, 4 and 16 concurrent clients to a fresh local bot each (local workerd
 * + local D1 + the identity writer Durable Object). For every run: records/s, request latency, and
 * whether the stored state equals the sequential outcome:
 * - "= sequential replay": the same requests sent again one at a time, to another fresh bot, in
 *   the order the concurrent run committed them (ingest_batches rowids), leave the same rows;
 * - "papers = 1 client": the same paper keys and versions as the one-client run in input order
 *   (metadata merged from differing sources may depend on arrival order, keys and texts may not).
 *
 *   npx tsx bench/concurrent-ingest.ts [--clients 1,4,16]
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { type IngestTarget, postIngest } from "../scripts/lib/ingest-api";
import { JSON_LINES_TYPE } from "../scripts/lib/post-chunks";
import { chunkRecords, type RecordChunk } from "../scripts/lib/record-chunks";
import { renderTable } from "../scripts/lib/text-table";
import { executeLocalSql } from "../scripts/lib/wrangler-process";
import { withBenchSession } from "./lib/bench-session";
import { loadIngestRecords } from "./lib/ingest-records";
import { type LocalBot, startLocalBot } from "./lib/local-bot";
import { REPO_ROOT } from "./lib/paths";
import { ADMIN_TOKEN } from "./lib/post-to-bot";
import { percentile } from "./lib/stats";

const BATCH_RECORDS = 500;
const TIME_LIMIT_MS = 20 * 60 * 1000;
const SOURCE_PREFIX = "bench:concurrent-ingest:";

/** Everything identity stores, without times and batch ids (which differ between any two runs). */
const STATE_QUERIES = {
  papers: `SELECT key, arxiv_id, latest_version, fingerprint, title, authors, categories, comments, doi,
    journal_ref FROM papers ORDER BY key`,
  versions:
    "SELECT paper_key, version, fingerprint FROM paper_versions ORDER BY paper_key, fingerprint, version",
  matches: "SELECT paper_key, fingerprint, verdict FROM record_matches ORDER BY paper_key, fingerprint",
  aliases: "SELECT alias_key, paper_key FROM paper_aliases ORDER BY alias_key",
  bands: "SELECT paper_key, count(*) AS n FROM lsh_bands GROUP BY paper_key ORDER BY paper_key",
};

interface StoredState {
  /** SHA-256 of each table's rows. */
  tables: Record<string, string>;
  papers: number;
  /** Paper keys and their versions' texts: what must not depend on arrival order. */
  identity: string;
  /** Chunk numbers in the order D1 committed them. */
  commitOrder: number[];
}

function sha(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 16);
}

async function readState(persistDir: string): Promise<StoredState> {
  const target = { cwd: REPO_ROOT, persistDir };
  const names = Object.keys(STATE_QUERIES) as Array<keyof typeof STATE_QUERIES>;
  const results = await executeLocalSql(
    target,
    `${names.map((n) => STATE_QUERIES[n]).join(";\n")};\nSELECT source FROM ingest_batches ORDER BY rowid;`,
  );
  const tables: Record<string, string> = {};
  names.forEach((name, i) => {
    tables[name] = sha(results[i]);
  });
  const papers = (results[0] ?? []) as Array<{ key: string }>;
  const versions = (results[1] ?? []) as Array<{ paper_key: string; fingerprint: string }>;
  const sources = (results[names.length] ?? []) as Array<{ source: string }>;
  return {
    tables,
    papers: papers.length,
    identity: sha([
      papers.map((p) => p.key),
      [...new Set(versions.map((v) => `${v.paper_key} ${v.fingerprint}`))],
    ]),
    commitOrder: sources.map((s) => Number(s.source.slice(s.source.lastIndexOf(":") + 1))),
  };
}

interface RunFigures {
  seconds: number;
  latenciesMs: number[];
  state: StoredState;
}

/** Sends `chunks` (in `order`) from `clients` concurrent clients to a fresh bot; stops it and reads its D1. */
async function ingestRun(
  name: string,
  chunks: RecordChunk[],
  order: number[],
  clients: number,
  tempDir: string,
  signal: AbortSignal,
): Promise<RunFigures> {
  const persistDir = path.join(tempDir, name);
  const bot: LocalBot = await startLocalBot(persistDir, signal);
  const latenciesMs: number[] = [];
  let next = 0;
  const target: IngestTarget = { url: bot.url, token: ADMIN_TOKEN };
  const started = performance.now();
  try {
    const client = async () => {
      while (next < order.length) {
        const chunkNo = order[next++]!;
        const posted = await postIngest(target, chunks[chunkNo]!.body, {
          source: `${SOURCE_PREFIX}${name}:${chunkNo}`,
          contentType: JSON_LINES_TYPE,
          signal,
        });
        if (!posted.ok)
          throw new Error(`${name}: chunk ${chunkNo} failed: ${posted.status} ${posted.message}`);
        latenciesMs.push(posted.elapsedMs);
      }
    };
    await Promise.all(Array.from({ length: clients }, client));
  } finally {
    await bot.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  return { seconds, latenciesMs, state: await readState(persistDir) };
}

function parseClients(argv: string[]): number[] {
  const i = argv.indexOf("--clients");
  if (i === -1) return [1, 4, 16];
  const list = (argv[i + 1] ?? "").split(",").map(Number);
  if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < 1 || n > 64)) {
    throw new Error("--clients wants a comma-separated list of whole numbers from 1 to 64");
  }
  return list;
}

function sameTables(a: StoredState, b: StoredState): boolean {
  return Object.keys(a.tables).every((t) => a.tables[t] === b.tables[t]);
}

async function main(): Promise<void> {
  const clientCounts = parseClients(process.argv.slice(2));
  console.log(`Concurrent ingest (local workerd + D1, ${BATCH_RECORDS} records a request)`);
  await withBenchSession(TIME_LIMIT_MS, async ({ signal, tempDir }) => {
    const records = await loadIngestRecords();
    const chunks = [...chunkRecords(records, BATCH_RECORDS)];
    const inputOrder = chunks.map((_, i) => i);
    console.log(`  ${records.length.toLocaleString("en-US")} records in ${chunks.length} requests`);
    const reference = await ingestRun("sequential", chunks, inputOrder, 1, tempDir, signal);
    const rows: Array<Array<string | number>> = [];
    for (const clients of clientCounts) {
      const run =
        clients === 1
          ? reference
          : await ingestRun(`c${clients}`, chunks, inputOrder, clients, tempDir, signal);
      // Bodies that changed nothing have no batch row; the rest are replayed in commit order.
      const replay =
        clients === 1
          ? reference
          : await ingestRun(`c${clients}-replay`, chunks, run.state.commitOrder, 1, tempDir, signal);
      const equalReplay = sameTables(run.state, replay.state);
      const equalIdentity = run.state.identity === reference.state.identity;
      rows.push([
        clients,
        records.length,
        run.seconds.toFixed(1),
        Math.round(records.length / run.seconds),
        Math.round(percentile(run.latenciesMs, 50)),
        Math.round(percentile(run.latenciesMs, 95)),
        run.state.papers,
        equalReplay ? "yes" : "NO",
        equalIdentity ? "yes" : "NO",
      ]);
      if (!equalReplay)
        console.log(
          `  c${clients}: tables differ: ${JSON.stringify([run.state.tables, replay.state.tables])}`,
        );
    }
    console.log(
      renderTable(
        [
          "clients",
          "records",
          "seconds",
          "records/s",
          "p50 ms",
          "p95 ms",
          "papers",
          "= sequential replay",
          "papers = 1 client",
        ],
        rows,
      ),
    );
    if (rows.some((r) => r.includes("NO"))) process.exitCode = 1;
  });
}

main().catch((error: unknown) => {
  console.error(`concurrent-ingest failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
