/**
 * The weekly digest end to end (issue #4): `npx tsx bench/weekly-digest.ts`.
 *
 * For each size (one real ISO week of daily-arXiv, 2025-W41, ~1,200 papers; then consecutive
 * days until 6,000 distinct papers), against a frozen local bot (frozen-bot.ts) on a fresh D1:
 *  1. ingest the records the CLI's way (500 a request, one request at a time): they are all
 *     first seen this (real) week, so they are the current week's live preview;
 *  2. the live preview, rebuilt on every request: GET /api/digests/latest, GET / and
 *     GET /api/themes, 10 sequential requests each (p50/max ms, workerd CPU per request);
 *  3. the cron: the bot is stopped, every stored time is moved back by whole weeks so the
 *     ingest week becomes last week (the local server reads the real clock, and a week that is
 *     current by that clock is always served as the preview, published or not), the bot is
 *     restarted, and the scheduled handler is fired the way the local runtime exposes it
 *     (`/cdn-cgi/handler/scheduled?cron=…&time=…`) at the Monday 08:00 UTC after that week;
 *     then GET /api/digests/{week} must be the published digest with every paper, a second
 *     trigger at the same time must publish nothing (its JSON log line, and GET /api/digests),
 *     and the frozen week is read 10 times. D1 rows the publish wrote are counted at the end.
 *
 * workerd CPU is the workerd process's own CPU time (/proc) over the requests: the Worker plus
 * the local D1's SQLite, which on Cloudflare runs outside the Worker, so an upper bound.
 */
import { readdir, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { renderTable } from "../scripts/lib/text-table";
import { executeLocalSql, type LocalBot } from "../scripts/lib/wrangler-process";
import { isoWeekOf, shiftWeek, weekRange } from "../src/digest/iso-week";
import type { ArchiveEntry, Digest } from "../src/digest/types";
import { countVerdicts, describeCounts } from "../src/identify/verdict-counts";
import { decodeBytes } from "../src/ingest/clean-text";
import { parseInput } from "../src/ingest/parse-input";
import type { ParsedRecord } from "../src/ingest/types";
import { failWith, reportProblems } from "./lib/bench-outcome";
import { withBenchSession } from "./lib/bench-session";
import { bundleFrozenWorker, type FrozenWorker, frozenTarget, serveFrozenWorker } from "./lib/frozen-bot";
import { machineLine } from "./lib/machine";
import { DATA_DIR } from "./lib/paths";
import { ADMIN_TOKEN, postToBot } from "./lib/post-to-bot";
import { workerdCpuMs } from "./lib/process-cpu";
import { percentile } from "./lib/stats";

const TIME_LIMIT_MS = 25 * 60 * 1000;
const BATCH_RECORDS = 500;
const REQUESTS = 10;
const REQUEST_TIMEOUT_MS = 120_000;
const CRON = "0 8 * * 1";
const HOUR_MS = 3_600_000;
const WEEK_MS = 7 * 24 * HOUR_MS;
const DAILY = path.join(DATA_DIR, "daily-arxiv");

interface Size {
  name: string;
  /** Which daily files (by their date, YYYY-MM-DD) to read, in date order. */
  day: (date: string) => boolean;
  /** Stop before the record that would make this many distinct papers plus one. */
  maxPapers: number | null;
}

const SIZES: Size[] = [
  { name: "one week (2025-W41)", day: (d) => d >= "2025-10-06" && d <= "2025-10-12", maxPapers: null },
  { name: "6,000 papers", day: () => true, maxPapers: 6_000 },
];

/** Timed requests of one kind. */
interface Timed {
  size: string;
  papers: number;
  request: string;
  ms: number[];
  /** workerd CPU over all of them, ms (null when /proc could not be read). */
  cpuMs: number | null;
  bytes: number | null;
  /** Requests that got no answer in time (not in `ms`). */
  stalled?: number;
  /** D1 statements the run reported (cron runs only). */
  d1Statements?: number | undefined;
}

interface SizeFigures {
  size: string;
  records: number;
  papers: number;
  ingestSeconds: number;
  requests: number;
  verdicts: string;
  ingestWeek: string;
  publishedWeek: string;
  themes: number;
  otherPapers: number;
  previewBytes: number;
  publishedBytes: number;
  htmlBytes: number;
  timed: Timed[];
  rows: Record<string, number>;
}

const problems: string[] = [];
function check(ok: boolean, message: string): void {
  if (!ok) {
    problems.push(message);
    console.log(`  FAILED: ${message}`);
  }
}

async function loadRecords(size: Size): Promise<{ records: ParsedRecord[]; papers: number }> {
  const files = (await readdir(DAILY)).filter((f) => f.endsWith(".jsonl") && size.day(f.slice(0, 10))).sort();
  const records: ParsedRecord[] = [];
  const ids = new Set<string>();
  outer: for (const file of files) {
    const parsed = await parseInput(decodeBytes(new Uint8Array(await readFile(path.join(DAILY, file)))));
    if (parsed === null) throw new Error(`daily-arxiv/${file}: format not recognised`);
    for (const record of parsed.records) {
      const id = record.arxivId ?? record.abstract;
      if (!ids.has(id)) {
        if (size.maxPapers !== null && ids.size >= size.maxPapers) break outer;
        ids.add(id);
      }
      records.push(record);
    }
  }
  return { records: records.map((r, index) => ({ ...r, index })), papers: ids.size };
}

interface Answer {
  status: number;
  contentType: string;
  body: string;
  ms: number;
}

/** The bot of the size being measured: its output explains a failure. */
let currentBot: LocalBot | undefined;

async function get(bot: LocalBot, route: string, signal: AbortSignal): Promise<Answer> {
  const started = performance.now();
  // A plain timer, not AbortSignal.any([signal, AbortSignal.timeout(…)]): Node can collect such a
  // timeout signal before it fires (nodejs/node#57736), leaving undici's 300 s headers timeout.
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal.reason);
  signal.addEventListener("abort", onAbort, { once: true });
  const timer = setTimeout(
    () => controller.abort(new TimeoutError(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)),
    REQUEST_TIMEOUT_MS,
  );
  try {
    const response = await fetch(`${bot.url}${route}`, { signal: controller.signal });
    const body = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get("content-type") ?? "",
      body,
      ms: performance.now() - started,
    };
  } finally {
    clearTimeout(timer);
    signal.removeEventListener("abort", onAbort);
  }
}

class TimeoutError extends Error {
  override name = "TimeoutError";
}

/**
 * `n` sequential GETs of one route; every answer must be 200. A request that gets no answer
 * within REQUEST_TIMEOUT_MS (the local server sometimes sits on one; see BENCHMARKS.md) is
 * counted as stalled and left out of the timings, with what the bot did meanwhile; a second
 * stall in one series ends the benchmark.
 */
async function timeRequests(
  bot: LocalBot,
  route: string,
  n: number,
  signal: AbortSignal,
): Promise<{ ms: number[]; cpuMs: number | null; stalled: number; last: Answer }> {
  const ms: number[] = [];
  let stalled = 0;
  const cpuBefore = await workerdCpuMs(bot);
  let last: Answer | undefined;
  for (let i = 0; i < n; i++) {
    try {
      last = await get(bot, route, signal);
    } catch (error) {
      if (signal.aborted || !(error instanceof Error) || error.name !== "TimeoutError" || ++stalled > 1) {
        throw error;
      }
      const cheap = await get(bot, "/api/digests/2000-W01", signal).catch(() => null);
      const tail = (bot.output?.() ?? []).slice(-3).join(" / ");
      console.log(
        `  WARNING: GET ${route} (request ${i + 1} of ${n}) got no answer within ${REQUEST_TIMEOUT_MS / 1000} s; ` +
          `a cheap request then ${cheap ? `answered ${cheap.status} in ${Math.round(cheap.ms)} ms` : "failed too"}; ` +
          `wrangler's last lines: ${tail}`,
      );
      continue;
    }
    if (last.status !== 200)
      throw new Error(`GET ${route} answered ${last.status}: ${last.body.slice(0, 300)}`);
    ms.push(last.ms);
  }
  const cpuAfter = await workerdCpuMs(bot);
  if (last === undefined) throw new Error(`GET ${route}: no answer at all`);
  return {
    ms,
    cpuMs: cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null,
    stalled,
    last,
  };
}

interface PublishLog {
  job: string;
  currentWeek: string;
  published: { week: string; newPapers: number; themes: number }[];
  alreadyPublished: string[];
  more: boolean;
  d1Statements?: number;
}

/** Fires the scheduled handler at `time`; returns its time, workerd CPU and the JSON report it logged. */
async function fireCron(
  bot: LocalBot,
  time: number,
  signal: AbortSignal,
): Promise<{ ms: number; cpuMs: number | null; report: PublishLog | null }> {
  let report: PublishLog | null = null;
  const stopListening = bot.onLine?.((line) => {
    if (line.includes('"publish-digests"')) report = JSON.parse(line.slice(line.indexOf("{"))) as PublishLog;
  });
  try {
    const cpuBefore = await workerdCpuMs(bot);
    const route = `/cdn-cgi/handler/scheduled?cron=${CRON.replaceAll(" ", "+")}&time=${time}`;
    const answer = await get(bot, route, signal);
    const cpuAfter = await workerdCpuMs(bot);
    if (answer.status !== 200)
      throw new Error(`the scheduled handler answered ${answer.status}: ${answer.body}`);
    // The handler's console.log reaches wrangler's output a moment after the answer.
    for (let wait = 0; wait < 50 && report === null; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return {
      ms: answer.ms,
      cpuMs: cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null,
      report,
    };
  } finally {
    stopListening?.();
  }
}

const ROW_COUNTS = `SELECT
  (SELECT count(*) FROM digests) AS digests,
  (SELECT count(*) FROM digest_parts) AS digest_parts,
  (SELECT count(*) FROM theme_assignments) AS theme_assignments,
  (SELECT count(*) FROM themes) AS themes`;

async function rowCounts(worker: FrozenWorker, persistDir: string): Promise<Record<string, number>> {
  const results = await executeLocalSql(frozenTarget(worker, persistDir), ROW_COUNTS);
  return (results.at(-1)?.[0] ?? {}) as Record<string, number>;
}

/** Moves every stored time back by `shiftMs` (the bot must be stopped). */
async function backdate(worker: FrozenWorker, persistDir: string, shiftMs: number): Promise<void> {
  const s = String(shiftMs);
  await executeLocalSql(
    frozenTarget(worker, persistDir),
    [
      `UPDATE papers SET first_seen_at = first_seen_at - ${s}, last_changed_at = last_changed_at - ${s}`,
      `UPDATE paper_versions SET seen_at = seen_at - ${s}`,
      `UPDATE record_matches SET seen_at = seen_at - ${s}`,
      `UPDATE ingest_batches SET received_at = received_at - ${s}`,
      `UPDATE paper_aliases SET created_at = created_at - ${s}`,
    ].join("; "),
  );
}

async function runSize(
  size: Size,
  worker: FrozenWorker,
  persistDir: string,
  session: { signal: AbortSignal; stopAtEnd(bot: LocalBot): LocalBot },
): Promise<SizeFigures> {
  const { signal, stopAtEnd } = session;
  const { records, papers } = await loadRecords(size);
  console.log(
    `\n${size.name}: ${records.length.toLocaleString("en-US")} records, ${papers.toLocaleString("en-US")} distinct papers`,
  );
  if (size.maxPapers !== null && papers < size.maxPapers) {
    console.log(`  NOTE: the daily files hold only ${papers} distinct papers (fewer than ${size.maxPapers})`);
  }
  let bot = stopAtEnd(await serveFrozenWorker(worker, persistDir, signal));
  currentBot = bot;

  // 1. Ingest: all first seen this week by the real clock.
  const weekBefore = isoWeekOf(Date.now());
  const { seconds, sent } = await postToBot(bot, records, {
    benchmark: "weekly-digest",
    label: size.name,
    batchRecords: BATCH_RECORDS,
    signal,
  });
  const ingestWeek = isoWeekOf(Date.now());
  if (ingestWeek !== weekBefore) {
    throw new Error(`the ingest crossed Monday 00:00 UTC (${weekBefore} → ${ingestWeek}); run again`);
  }
  const counts = countVerdicts(sent.outcomes);
  console.log(`  ingested in ${seconds.toFixed(2)} s: ${describeCounts(counts)}`);
  check(counts.new === papers, `${size.name}: ${counts.new ?? 0} new verdicts for ${papers} distinct papers`);

  // 2. The live preview.
  const timed: Timed[] = [];
  const record = (
    request: string,
    t: { ms: number[]; cpuMs: number | null; stalled: number },
    bytes: number | null,
  ) => timed.push({ size: size.name, papers, request, ms: t.ms, cpuMs: t.cpuMs, bytes, stalled: t.stalled });
  const latest = await timeRequests(bot, "/api/digests/latest", REQUESTS, signal);
  record("GET /api/digests/latest (preview)", latest, Buffer.byteLength(latest.last.body));
  const home = await timeRequests(bot, "/", REQUESTS, signal);
  record("GET / (preview, HTML)", home, Buffer.byteLength(home.last.body));
  const themes = await timeRequests(bot, "/api/themes", REQUESTS, signal);
  record("GET /api/themes (preview)", themes, Buffer.byteLength(themes.last.body));

  const preview = JSON.parse(latest.last.body) as Digest;
  check(
    preview.status === "preview",
    `${size.name}: /api/digests/latest is ${preview.status}, not the preview`,
  );
  check(preview.week === ingestWeek, `${size.name}: the preview is ${preview.week}, not ${ingestWeek}`);
  check(
    preview.stats.newPapers === papers,
    `${size.name}: the preview has ${preview.stats.newPapers} new papers, not ${papers}`,
  );
  check(home.last.contentType.startsWith("text/html"), `${size.name}: GET / is ${home.last.contentType}`);
  const themeList = JSON.parse(themes.last.body) as { themes: unknown[] };
  const found = preview.themes.filter((t) => t.kind !== "other");
  check(
    themeList.themes.length === found.length,
    `${size.name}: /api/themes lists ${themeList.themes.length} themes, the preview ${found.length}`,
  );
  const otherPapers = preview.themes.find((t) => t.kind === "other")?.papers.length ?? 0;
  console.log(
    `  preview ${preview.week}: ${found.length} themes + ${otherPapers} papers in Other; JSON ${Buffer.byteLength(latest.last.body).toLocaleString("en-US")} bytes`,
  );

  // 3. The cron, once the ingest week is over: make it last week by the real clock.
  await bot.stop();
  const currentWeek = isoWeekOf(Date.now());
  const shiftMs = weekRange(currentWeek).start - weekRange(ingestWeek).start + WEEK_MS;
  await backdate(worker, persistDir, shiftMs);
  const publishedWeek = shiftWeek(currentWeek, -1);
  const rowsBefore = await rowCounts(worker, persistDir);
  bot = stopAtEnd(await serveFrozenWorker(worker, persistDir, signal));
  currentBot = bot;
  const cronTime = weekRange(publishedWeek).end + 8 * HOUR_MS;
  console.log(
    `  stored times moved back ${shiftMs / WEEK_MS} week(s): the papers are ${publishedWeek}'s; cron at ${new Date(cronTime).toISOString()}`,
  );

  const first = await fireCron(bot, cronTime, signal);
  timed.push({
    size: size.name,
    papers,
    request: `cron, first run (publishes ${publishedWeek})`,
    ms: [first.ms],
    cpuMs: first.cpuMs,
    bytes: null,
    d1Statements: first.report?.d1Statements,
  });
  console.log(`  first cron run: ${first.ms.toFixed(0)} ms, report ${JSON.stringify(first.report)}`);
  check(
    first.report !== null,
    `${size.name}: no publish-digests report in wrangler's output after the first run`,
  );
  const firstPublished = first.report?.published ?? [];
  check(
    firstPublished.length === 1 &&
      firstPublished[0]?.week === publishedWeek &&
      firstPublished[0]?.newPapers === papers,
    `${size.name}: the first run published ${JSON.stringify(firstPublished)}, not ${publishedWeek} with ${papers} papers`,
  );

  const frozen = await timeRequests(bot, `/api/digests/${publishedWeek}`, REQUESTS, signal);
  record(`GET /api/digests/${publishedWeek} (published)`, frozen, Buffer.byteLength(frozen.last.body));
  const published = JSON.parse(frozen.last.body) as Digest;
  const placed = published.themes.reduce((n, t) => n + t.papers.length, 0);
  check(
    published.status === "published",
    `${size.name}: ${publishedWeek} is ${published.status}, not published`,
  );
  check(
    published.stats.newPapers === papers && placed === papers,
    `${size.name}: the published digest has ${published.stats.newPapers} new papers (${placed} in themes), not ${papers}`,
  );

  const second = await fireCron(bot, cronTime, signal);
  timed.push({
    size: size.name,
    papers,
    request: "cron, second run (same time)",
    ms: [second.ms],
    cpuMs: second.cpuMs,
    bytes: null,
    d1Statements: second.report?.d1Statements,
  });
  console.log(`  second cron run: ${second.ms.toFixed(0)} ms, report ${JSON.stringify(second.report)}`);
  check(
    second.report !== null,
    `${size.name}: no publish-digests report in wrangler's output after the second run`,
  );
  check(
    second.report !== null &&
      second.report.published.length === 0 &&
      second.report.alreadyPublished.length === 0,
    `${size.name}: the second run did something: ${JSON.stringify(second.report)}`,
  );
  const archive = JSON.parse((await get(bot, "/api/digests", signal)).body) as { digests: ArchiveEntry[] };
  const listed = archive.digests.filter((d) => d.status === "published");
  check(
    listed.length === 1 && listed[0]?.week === publishedWeek && listed[0]?.newPapers === papers,
    `${size.name}: GET /api/digests lists ${JSON.stringify(listed)} as published`,
  );

  const latestAfter = await timeRequests(bot, "/api/digests/latest", REQUESTS, signal);
  record("GET /api/digests/latest (after publishing)", latestAfter, Buffer.byteLength(latestAfter.last.body));
  const homeAfter = await timeRequests(bot, "/", REQUESTS, signal);
  record("GET / (after publishing, HTML)", homeAfter, Buffer.byteLength(homeAfter.last.body));
  check(
    (JSON.parse(latestAfter.last.body) as Digest).status === "published",
    `${size.name}: after publishing, /api/digests/latest is not the published digest`,
  );

  await bot.stop();
  const rows = await rowCounts(worker, persistDir);
  check(
    Object.values(rowsBefore).every((n) => n === 0),
    `${size.name}: digest tables not empty before the cron: ${JSON.stringify(rowsBefore)}`,
  );
  check(
    rows.theme_assignments === papers && rows.digests === 1,
    `${size.name}: after publishing D1 holds ${JSON.stringify(rows)}`,
  );
  return {
    size: size.name,
    records: records.length,
    papers,
    ingestSeconds: seconds,
    requests: sent.chunks.length,
    verdicts: describeCounts(counts),
    ingestWeek,
    publishedWeek,
    themes: found.length,
    otherPapers,
    previewBytes: Buffer.byteLength(latest.last.body),
    publishedBytes: Buffer.byteLength(frozen.last.body),
    htmlBytes: Buffer.byteLength(home.last.body),
    timed,
    rows,
  };
}

/** The 1, 5 and 15-minute load averages: wall times mean little on a busy machine. */
function loadLine(): string {
  return `load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(", ")} (${os.availableParallelism()} cores)`;
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

function printFigures(all: SizeFigures[]): void {
  console.log("\nIngest (500 records a request, sequential)");
  console.log(
    renderTable(
      ["size", "records", "papers", "requests", "seconds", "records/s"],
      all.map((f) => [
        f.size,
        f.records,
        f.papers,
        f.requests,
        f.ingestSeconds,
        Math.round(f.records / f.ingestSeconds),
      ]),
    ),
  );
  console.log(`\nRequests (${REQUESTS} sequential each; the cron once per run)`);
  console.log(
    renderTable(
      ["papers", "request", "p50 ms", "max ms", "workerd CPU ms / req", "bytes", "D1 statements"],
      all.flatMap((f) =>
        f.timed.map((t) => [
          fmt(t.papers),
          t.request,
          Math.round(percentile(t.ms, 50)),
          Math.round(Math.max(...t.ms)),
          t.cpuMs === null ? "-" : Math.round(t.cpuMs / (t.ms.length + (t.stalled ?? 0))),
          t.bytes === null ? "-" : t.bytes,
          t.d1Statements ?? "-",
        ]),
      ),
    ),
  );
  for (const t of all.flatMap((f) => f.timed).filter((t) => (t.stalled ?? 0) > 0)) {
    console.log(
      `  ${fmt(t.papers)} ${t.request}: ${t.stalled} request(s) got no answer within ${REQUEST_TIMEOUT_MS / 1000} s (not in p50/max)`,
    );
  }
  console.log("\nDigest");
  console.log(
    renderTable(
      [
        "papers",
        "themes",
        "in Other",
        "preview JSON bytes",
        "published JSON bytes",
        "GET / bytes",
        "D1 rows written by the publish",
      ],
      all.map((f) => [
        fmt(f.papers),
        f.themes,
        f.otherPapers,
        f.previewBytes,
        f.publishedBytes,
        f.htmlBytes,
        Object.entries(f.rows)
          .map(([table, n]) => `${table} ${n}`)
          .join(", "),
      ]),
    ),
  );
}

async function main(): Promise<void> {
  console.log(machineLine());
  console.log("Weekly digest end to end (frozen local bot: local workerd + fresh local D1 per size)");
  console.log(`  ${loadLine()} at the start`);
  const figures: SizeFigures[] = [];
  await withBenchSession(TIME_LIMIT_MS, async ({ signal, tempDir, stopAtEnd }) => {
    // All of wrangler.toml's settings: the cron fans deliveries out through the queue binding.
    const worker = await bundleFrozenWorker(
      path.join(tempDir, "worker"),
      { ADMIN_TOKEN },
      { allSettings: true },
    );
    for (const [i, size] of SIZES.entries()) {
      signal.throwIfAborted();
      figures.push(await runSize(size, worker, path.join(tempDir, `d1-${i}`), { signal, stopAtEnd }));
    }
  });
  printFigures(figures);
  console.log(`\n${loadLine()} at the end (other work on the machine inflates wall times, not CPU)`);
  reportProblems(problems);
}

main().catch(failWith("weekly-digest", () => currentBot));
