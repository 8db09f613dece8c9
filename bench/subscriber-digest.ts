/**
 * Each subscriber's digest, how fast and how big (issue #13): `npx tsx bench/subscriber-digest.ts`.
 *
 * Against a frozen local bot (frozen-bot.ts) on a fresh D1: two weeks of daily arXiv are imported
 * as history (`?receivedAt=`) and the third week (924 new papers) is ranked. Subscriptions with 0,
 * 5 seeds, 5 seeds + 45 signals and 5 seeds + 495 signals (up/down/save on history papers, through
 * the API). Then, per subscription, GET /api/subscriptions/{id}/digest?week=…&limit=10 twenty times
 * one after another: wall time and the workerd process's CPU per request (/proc: the Worker, its
 * JSON and the local D1's SQLite together, so an upper bound on the Worker's own CPU); the first
 * request of the run also prepares the week (read 924 rows, TF-IDF), which later ones reuse, and
 * the later requests of a subscription find its ranking kept (ranking-memo.ts). Then 10 concurrent
 * clients × 30 against the 500-signal subscription, p50 and p99: reloads (the ranking kept), and
 * "mark a paper, then read" (every read ranks the week again). Last, with the bot stopped: what the
 * ranking representation adds per paper in D1, and what the profiles cost.
 */
import path from "node:path";
import { executeLocalSql } from "../scripts/lib/wrangler-process";
import { withBenchSession } from "./lib/bench-session";
import { callBot, labJsonLines } from "./lib/bot-api";
import { bundleFrozenWorker, frozenTarget, serveFrozenWorker } from "./lib/frozen-bot";
import type { LocalBot } from "./lib/local-bot";
import { machineLine } from "./lib/machine";
import { ADMIN_TOKEN } from "./lib/post-to-bot";
import { workerdCpuMs } from "./lib/process-cpu";
import { loadLabData } from "./lib/relevance-protocol";
import { percentile } from "./lib/stats";

const TIME_LIMIT_MS = 20 * 60_000;
const SEQUENTIAL = 20;
const CLIENTS = 10;
const PER_CLIENT = 30;

const call = callBot;

function latencies(ms: number[], wallMs: number): string {
  return `p50 ${percentile(ms, 50).toFixed(0)} ms, p99 ${percentile(ms, 99).toFixed(0)} ms, ${(ms.length / (wallMs / 1000)).toFixed(0)} reads/s`;
}

async function timed(bot: LocalBot, route: string): Promise<number> {
  const started = performance.now();
  await call(bot, "GET", route);
  return performance.now() - started;
}

async function main(): Promise<void> {
  console.log(machineLine());
  const { weeks } = loadLabData();
  const [first, second, ranked] = weeks;
  if (!first || !second || !ranked) throw new Error("the daily-arXiv weeks are missing");
  await withBenchSession(TIME_LIMIT_MS, async ({ signal, tempDir, stopAtEnd }) => {
    const worker = await bundleFrozenWorker(
      path.join(tempDir, "worker"),
      { ADMIN_TOKEN },
      { allSettings: true },
    );
    const persistDir = path.join(tempDir, "d1");
    const bot = stopAtEnd(await serveFrozenWorker(worker, persistDir, signal));
    for (const w of [first, second, ranked]) {
      const at = encodeURIComponent(new Date(w.at).toISOString());
      for (let i = 0; i < w.papers.length; i += 400) {
        const body = labJsonLines(w.papers.slice(i, i + 400));
        await call(bot, "POST", `/api/ingest?source=bench:subscriber-digest&receivedAt=${at}`, body);
      }
    }
    await call(bot, "POST", "/api/digests/publish");
    const history = [...first.papers, ...second.papers];
    const signalsOn = history.slice(100);
    const subscriptions: Array<{ label: string; id: string; signals: number }> = [];
    let offset = 0;
    for (const [label, seeds, signals] of [
      ["no interests (default ranking)", 0, 0],
      ["5 seeds", 5, 0],
      ["5 seeds + 45 signals", 5, 45],
      ["5 seeds + 495 signals", 5, 495],
      // Two more on other papers: first requests that find none of their examples decoded yet.
      ["5 seeds + 495 other signals", 5, 495],
      ["5 seeds + 495 more signals", 5, 495],
    ] as const) {
      const created = (await call(
        bot,
        "POST",
        "/api/subscriptions",
        JSON.stringify({
          channel: "email",
          target: `bench-${subscriptions.length}@bench.example.org`,
          ...(seeds > 0 ? { interests: { papers: history.slice(0, seeds).map((p) => p.key) } } : {}),
        }),
      )) as { id: string };
      for (let i = 0; i < signals; i++) {
        const signal = ["up", "down", "down", "save"][i % 4]!;
        await call(
          bot,
          "POST",
          `/api/subscriptions/${created.id}/feedback`,
          JSON.stringify({ paper: signalsOn[(offset + i) % signalsOn.length]!.key, signal }),
        );
      }
      subscriptions.push({ label, id: created.id, signals: seeds + signals });
      offset += signals;
    }
    const route = (id: string) => `/api/subscriptions/${id}/digest?week=${ranked.week}&limit=10`;
    const firstMs = await timed(bot, route(subscriptions[0]!.id));
    console.log(`\nRanking ${ranked.week} (${ranked.papers.length} papers imported) for one subscription`);
    console.log(`  first request of the isolate (reads and prepares the week): ${firstMs.toFixed(0)} ms`);
    console.log(
      "  subscription                    first: ms  CPU ms | then: p50 ms  max ms  CPU ms | after a signal: CPU ms",
    );
    for (const s of subscriptions) {
      // The subscription's first request: its examples decoded and projected (cold)…
      const coldBefore = await workerdCpuMs(bot);
      const coldMs = await timed(bot, route(s.id));
      const coldAfter = await workerdCpuMs(bot);
      const coldCpu = coldBefore !== null && coldAfter !== null ? (coldAfter - coldBefore).toFixed(1) : "n/a";
      // …then the same subscription again, as a reader reloading or the next channel's delivery.
      const cpuBefore = await workerdCpuMs(bot);
      const times: number[] = [];
      for (let i = 0; i < SEQUENTIAL; i++) times.push(await timed(bot, route(s.id)));
      const cpuAfter = await workerdCpuMs(bot);
      const cpu =
        cpuBefore !== null && cpuAfter !== null ? ((cpuAfter - cpuBefore) / SEQUENTIAL).toFixed(1) : "n/a";
      // …and read again after each new signal (the week ranked again, its examples decoded): the
      // signal's POST and the read, less a POST alone (clearing the signal again).
      let withRead = 0;
      let postAlone = 0;
      const mark = async (paper: string, signal: string) =>
        call(bot, "POST", `/api/subscriptions/${s.id}/feedback`, JSON.stringify({ paper, signal }));
      for (let i = 0; i < (s.signals === 0 ? 0 : SEQUENTIAL); i++) {
        const paper = ranked.papers[500 + i]!.key;
        const a = await workerdCpuMs(bot);
        await mark(paper, "up");
        await timed(bot, route(s.id));
        const b = await workerdCpuMs(bot);
        await mark(paper, "clear");
        const c = await workerdCpuMs(bot);
        if (a !== null && b !== null && c !== null) {
          withRead += b - a;
          postAlone += c - b;
        }
      }
      // A first signal would make the default subscription a ranked one (and prepare the week).
      const afterSignal = s.signals === 0 ? "n/a" : ((withRead - postAlone) / SEQUENTIAL).toFixed(1);
      console.log(
        `  ${s.label.padEnd(32)} ${coldMs.toFixed(0).padStart(6)} ${coldCpu.padStart(7)} | ${percentile(
          times,
          50,
        )
          .toFixed(0)
          .padStart(10)} ${Math.max(...times)
          .toFixed(0)
          .padStart(7)}  ${cpu.padStart(6)} | ${afterSignal.padStart(6)}`,
      );
    }
    const heaviest = subscriptions.find((s) => s.signals === 500)!;
    // Reloads: the same subscription read again and again (its ranking kept, ranking-memo.ts).
    const reloads: number[] = [];
    let started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let i = 0; i < PER_CLIENT; i++) reloads.push(await timed(bot, route(heaviest.id)));
      }),
    );
    console.log(
      `  ${CLIENTS} concurrent clients × ${PER_CLIENT} reloads (${heaviest.label}): ${latencies(reloads, performance.now() - started)}`,
    );
    // Marking: each read follows a new signal, so the week is ranked again every time.
    const marked: number[] = [];
    started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        for (let i = 0; i < PER_CLIENT; i++) {
          const paper = ranked.papers[client * PER_CLIENT + i]!.key;
          await call(
            bot,
            "POST",
            `/api/subscriptions/${heaviest.id}/feedback`,
            JSON.stringify({ paper, signal: i % 2 ? "down" : "up" }),
          );
          marked.push(await timed(bot, route(heaviest.id)));
        }
      }),
    );
    console.log(
      `  ${CLIENTS} concurrent clients × ${PER_CLIENT} (mark a paper, then read; ${heaviest.label}): ${latencies(marked, performance.now() - started)} (reads only; the signals' POSTs run between them)`,
    );
    await bot.stop();
    const [vectors] = (await executeLocalSql(
      frozenTarget(worker, persistDir),
      "SELECT count(*) AS papers, avg(length(rank_vector)) AS vector, avg(length(abstract) + length(abstract_plain)) AS text FROM papers",
    )) as Array<Array<{ papers: number; vector: number; text: number }>>;
    const [profiles] = (await executeLocalSql(
      frozenTarget(worker, persistDir),
      `SELECT (SELECT sum(length(subscription_id) + length(ref) + length(given) + length(source) + coalesce(length(paper_key), 0) + 8) FROM subscription_seeds) AS seed_bytes,
              (SELECT count(*) FROM subscription_seeds) AS seeds,
              (SELECT sum(length(subscription_id) + length(paper_key) + length(by) + length(signal) + 8) FROM subscription_feedback) AS signal_bytes,
              (SELECT count(*) FROM subscription_feedback) AS signals`,
    )) as Array<Array<{ seed_bytes: number; seeds: number; signal_bytes: number; signals: number }>>;
    const v = vectors![0]!;
    const p = profiles![0]!;
    console.log(
      `\nStorage (${v.papers} papers): the ranking representation (papers.rank_vector) averages ${v.vector.toFixed(0)} bytes a paper (its abstract, as written and as plain text: ${v.text.toFixed(0)} bytes)`,
    );
    console.log(
      `  profiles: a seed row ${(p.seed_bytes / p.seeds).toFixed(0)} bytes of payload, a signal row ${(p.signal_bytes / p.signals).toFixed(0)} bytes (plus each row's two index entries); 5 seeds + 495 signals ≈ ${((5 * p.seed_bytes) / p.seeds / 1024 + (495 * p.signal_bytes) / p.signals / 1024).toFixed(0)} KiB before indexes`,
    );
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
