/**
 * Delivery fan-out to 10,000 subscriptions (issue #5): `npx tsx bench/fan-out.ts`
 * (`--subscriptions N` for a smaller run; `--max-batch-size N` tries another consumer batch size in
 * the generated config only, wrangler.toml is never changed; `--poll-ms N` polls less often;
 * `--bulk` inserts all but the first API_SAMPLE subscriptions in bulk whatever the projection;
 * `--interests` gives every subscription interests (issue #13): 3 seed papers of examples/ (not yet
 * stored when subscribing: they count once they arrive), a keyword, and an excluded word, so the
 * consumer ranks each delivery, and the receiver checks that no verified payload lists a paper
 * with the excluded word).
 *
 * Against a frozen local bot (frozen-bot.ts, every wrangler.toml setting: the queues and their
 * consumer) on a fresh D1, with WEBHOOK_ALLOW_LOOPBACK=true:
 *  1. a webhook receiver in this process (node:http on 127.0.0.1) answers 204 at once, counts
 *     requests per `webhook-id` and per target, and checks the Standard Webhooks signature of a
 *     sample with the `standardwebhooks` package (and that the payload is this week's digest);
 *  2. N webhook subscriptions to http://127.0.0.1:<port>/hook/<n>: through POST /api/subscriptions
 *     (timed on its own); when the first few hundred project the whole to take longer than
 *     API_BUDGET_S, the rest are inserted in bulk with `wrangler d1 execute --file` with the columns
 *     the API writes (the run says which);
 *  3. the sample abstracts in examples/ are ingested, then the cron is fired
 *     (`/cdn-cgi/handler/scheduled`) at the Monday 08:00 UTC that ends the current week: its wall
 *     time (publish + ledger rows + enqueue) and its JSON log line (d1Statements, enqueued,
 *     queueBatches); then GET /api/deliveries?week=… every second until all N are `sent`, and the
 *     receiver must hold exactly one request per webhook-id and per subscription;
 *  4. the cron again at the same time: nothing published, 0 enqueued, no new delivery or request.
 * Miniflare's queue log (`QUEUE <queue> acked/total (ms)`, one line per consumer batch) and
 * workerd's CPU time show what limits the local consumer.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { once } from "node:events";
import { readdir, readFile, writeFile } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { Webhook } from "standardwebhooks";
import { renderTable } from "../scripts/lib/text-table";
import { type LocalBot, runWrangler } from "../scripts/lib/wrangler-process";
import { isoWeekOf, weekRange } from "../src/digest/iso-week";
import { countVerdicts, describeCounts } from "../src/identify/verdict-counts";
import { decodeBytes } from "../src/ingest/clean-text";
import { parseInput } from "../src/ingest/parse-input";
import type { ParsedRecord } from "../src/ingest/types";
import { failWith, reportProblems } from "./lib/bench-outcome";
import { withBenchSession } from "./lib/bench-session";
import { bundleFrozenWorker, type FrozenWorker, frozenTarget, serveFrozenWorker } from "./lib/frozen-bot";
import { machineLine } from "./lib/machine";
import { REPO_ROOT } from "./lib/paths";
import { ADMIN_TOKEN, postToBot } from "./lib/post-to-bot";
import { workerdCpuMs } from "./lib/process-cpu";
import { percentile } from "./lib/stats";

const TIME_LIMIT_MS = 30 * 60 * 1000;
const DEFAULT_SUBSCRIPTIONS = 10_000;
/** Subscriptions created through the API first, to project how long all of them would take. */
const API_SAMPLE = 300;
const API_CONCURRENCY = 4;
/** Through the API all the way when that is projected to take at most this long. */
const API_BUDGET_S = 300;
/** Rows per INSERT: about 300 bytes each, under D1's 100 KB statement limit. */
const BULK_ROWS_PER_INSERT = 200;
const DEFAULT_POLL_MS = 1_000;
const DELIVERY_TIMEOUT_MS = 15 * 60 * 1000;
const REQUEST_TIMEOUT_MS = 180_000;
/** Signatures checked on every n-th subscription's request. */
const VERIFY_EVERY = 50;
/** After the second cron: how long to watch for stray deliveries. */
const QUIET_MS = 3_000;
const D1_LIMIT = 1_000;
const CRON = "0 8 * * 1";
const HOUR_MS = 3_600_000;
const DELIVERY_QUEUE = "arxiv-digest-deliveries";

const problems: string[] = [];
function check(ok: boolean, message: string): void {
  if (!ok) {
    problems.push(message);
    console.log(`  FAILED: ${message}`);
  }
}

const flag = (name: string) => process.argv.includes(`--${name}`);

function option(name: string): number | null {
  const at = process.argv.indexOf(`--${name}`);
  if (at === -1) return null;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} takes a positive whole number`);
  return value;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

// ---------------------------------------------------------------------------------------------
// 1. The webhook receiver

class Receiver {
  readonly server = http.createServer((req, res) => this.handle(req, res));
  port = 0;
  /** Requests per webhook-id and per subscription number (the /hook/<n> path). */
  readonly byId = new Map<string, number>();
  readonly byHook = new Map<number, number>();
  requests = 0;
  firstAt: number | null = null;
  lastAt: number | null = null;
  verified = 0;
  readonly bad: string[] = [];
  /** whsec_ secret of subscription n (filled once the subscriptions exist). */
  secrets: string[] = [];
  week = "";
  /** With --interests: papers of the week with the excluded word, which no payload may list. */
  excluded = new Set<string>();

  async listen(): Promise<void> {
    this.server.listen(0, "127.0.0.1");
    await once(this.server, "listening");
    const address = this.server.address();
    if (address === null || typeof address === "string") throw new Error("the receiver has no port");
    this.port = address.port;
  }

  url(n: number): string {
    return `http://127.0.0.1:${this.port}/hook/${n}`;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      res.writeHead(204).end();
      const now = performance.now();
      this.firstAt ??= now;
      this.lastAt = now;
      this.requests++;
      const match = /^\/hook\/(\d+)$/.exec(req.url ?? "");
      const id = req.headers["webhook-id"];
      if (req.method !== "POST" || !match || typeof id !== "string") {
        this.bad.push(`${req.method} ${req.url} without a webhook-id`);
        return;
      }
      const n = Number(match[1]);
      this.byId.set(id, (this.byId.get(id) ?? 0) + 1);
      this.byHook.set(n, (this.byHook.get(n) ?? 0) + 1);
      if (n % VERIFY_EVERY === 0) this.verify(n, Buffer.concat(chunks).toString("utf8"), req.headers);
    });
  }

  private verify(n: number, body: string, headers: http.IncomingHttpHeaders): void {
    const secret = this.secrets[n];
    if (secret === undefined) {
      this.bad.push(`/hook/${n}: no secret known for it`);
      return;
    }
    try {
      const flat: Record<string, string> = {};
      for (const [name, value] of Object.entries(headers)) if (typeof value === "string") flat[name] = value;
      const event = new Webhook(secret).verify(body, flat) as {
        type?: string;
        data?: { week?: string; themes?: Array<{ papers: Array<{ key: string }> }> };
      };
      if (event.type !== "digest.published" || event.data?.week !== this.week) {
        this.bad.push(`/hook/${n}: a ${event.type} event for ${event.data?.week}, not ${this.week}'s digest`);
        return;
      }
      const listed = (event.data.themes ?? []).flatMap((t) => t.papers.map((p) => p.key));
      const wrong = listed.filter((key) => this.excluded.has(key));
      if (wrong.length > 0) {
        this.bad.push(`/hook/${n}: lists ${wrong.join(", ")}, which the subscription's interests exclude`);
        return;
      }
      this.verified++;
    } catch (error) {
      this.bad.push(`/hook/${n}: signature refused (${error instanceof Error ? error.message : error})`);
    }
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

// ---------------------------------------------------------------------------------------------
// Talking to the bot

async function request(
  bot: LocalBot,
  route: string,
  signal: AbortSignal,
  init: RequestInit = {},
): Promise<{ status: number; body: string; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${bot.url}${route}`, {
    ...init,
    signal: AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
  });
  const body = await response.text();
  return { status: response.status, body, ms: performance.now() - started };
}

/** What the local server prints while the bot runs: the cron's report and miniflare's queue batches. */
interface QueueBatch {
  at: number;
  acked: number;
  size: number;
  ms: number;
}

class BotLog {
  readonly reports: PublishLog[] = [];
  readonly batches: QueueBatch[] = [];
  readonly errors: string[] = [];

  constructor(bot: LocalBot) {
    if (!bot.onLine) throw new Error("this LocalBot does not report wrangler's output");
    bot.onLine((line) => {
      if (line.includes('"publish-digests"')) {
        this.reports.push(JSON.parse(line.slice(line.indexOf("{"))) as PublishLog);
        return;
      }
      const batch = /QUEUE (\S+) (\d+)\/(\d+) \((\d+)ms\)/.exec(line);
      if (batch?.[1] === DELIVERY_QUEUE) {
        this.batches.push({
          at: performance.now(),
          acked: Number(batch[2]),
          size: Number(batch[3]),
          ms: Number(batch[4]),
        });
        return;
      }
      if (/delivery message failed|delivery sender threw|dead letter|✘|\[ERROR\]/i.test(line)) {
        this.errors.push(line);
      }
    });
  }
}

interface PublishLog {
  job: string;
  currentWeek: string;
  published: { week: string; newPapers: number; themes: number }[];
  alreadyPublished: string[];
  delivery: { digests: string[]; enqueued: number; queueBatches: number; stale: string[] };
  d1Statements: number;
}

interface CronRun {
  ms: number;
  cpuMs: number | null;
  report: PublishLog | null;
}

async function fireCron(bot: LocalBot, log: BotLog, time: number, signal: AbortSignal): Promise<CronRun> {
  const before = log.reports.length;
  const cpuBefore = await workerdCpuMs(bot);
  const answer = await request(
    bot,
    `/cdn-cgi/handler/scheduled?cron=${CRON.replaceAll(" ", "+")}&time=${time}`,
    signal,
  );
  const cpuAfter = await workerdCpuMs(bot);
  if (answer.status !== 200)
    throw new Error(`the scheduled handler answered ${answer.status}: ${answer.body}`);
  // The handler's console.log reaches wrangler's output a moment after the answer.
  for (let wait = 0; wait < 50 && log.reports.length === before; wait++) await sleep(100);
  return {
    ms: answer.ms,
    cpuMs: cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null,
    report: log.reports[before] ?? null,
  };
}

interface DeliveriesAnswer {
  week: string;
  counts: Record<string, number>;
  deliveries: { id: number; target: string; status: string; attempts: number; lastError: string | null }[];
  nextAfter: number | null;
}

/** One page of GET /api/deliveries (`limit=1` is a cheap way to read the week's counts). */
async function readDeliveries(
  bot: LocalBot,
  week: string,
  signal: AbortSignal,
  page = "limit=1",
): Promise<{ answer: DeliveriesAnswer; ms: number; bytes: number }> {
  const got = await request(bot, `/api/deliveries?week=${week}&${page}`, signal, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  if (got.status !== 200)
    throw new Error(`GET /api/deliveries answered ${got.status}: ${got.body.slice(0, 300)}`);
  return { answer: JSON.parse(got.body) as DeliveriesAnswer, ms: got.ms, bytes: Buffer.byteLength(got.body) };
}

/** Every delivery of the week, page by page. */
async function readAllDeliveries(
  bot: LocalBot,
  week: string,
  signal: AbortSignal,
): Promise<DeliveriesAnswer> {
  let after = 0;
  const all: DeliveriesAnswer["deliveries"] = [];
  for (;;) {
    const { answer } = await readDeliveries(bot, week, signal, `limit=5000&after=${after}`);
    all.push(...answer.deliveries);
    if (answer.nextAfter === null) return { ...answer, deliveries: all };
    after = answer.nextAfter;
  }
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

// ---------------------------------------------------------------------------------------------
// 2. Subscriptions

interface Created {
  via: string;
  seconds: number;
  apiCount: number;
  apiSeconds: number;
  bulkCount: number;
  bulkSeconds: number;
  apiLatencyMs: number[];
}

/** Subscriptions `from`..`to`-1 through POST /api/subscriptions, `API_CONCURRENCY` at a time. */
async function subscribeThroughApi(
  withInterests: boolean,
  bot: LocalBot,
  receiver: Receiver,
  from: number,
  to: number,
  latencies: number[],
  signal: AbortSignal,
): Promise<void> {
  let next = from;
  const worker = async () => {
    while (next < to) {
      const n = next++;
      const got = await request(bot, "/api/subscriptions", signal, {
        method: "POST",
        // As the admin: the public subscription routes are rate-limited per client (10 a minute).
        headers: { "content-type": "application/json", authorization: `Bearer ${ADMIN_TOKEN}` },
        body: JSON.stringify({
          channel: "webhook",
          target: receiver.url(n),
          ...(withInterests ? { interests: INTERESTS } : {}),
        }),
      });
      if (got.status !== 201) throw new Error(`POST /api/subscriptions answered ${got.status}: ${got.body}`);
      const created = JSON.parse(got.body) as { status: string; webhookSecret?: string };
      if (created.status !== "active" || !created.webhookSecret?.startsWith("whsec_")) {
        throw new Error(`subscription ${n} is ${created.status} with no whsec_ secret: ${got.body}`);
      }
      receiver.secrets[n] = created.webhookSecret;
      latencies.push(got.ms);
    }
  };
  await Promise.all(Array.from({ length: API_CONCURRENCY }, worker));
}

const base64url = (bytes: Buffer) => bytes.toString("base64url");
const sqlText = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** With --interests, what every subscription says it cares about. */
const EXCLUDED_WORD = "speech";
const INTERESTS = {
  papers: ["2501.02173", "2412.10077", "2411.04996"],
  keywords: ["language model"],
  exclude: [EXCLUDED_WORD],
};

/**
 * Subscriptions `from`..`to`-1 as the API would store them (subscribe/subscriptions.ts): active,
 * confirmed now, hashed management token, unsubscribe token, a whsec_ secret each (with
 * --interests, their interests and seed rows too, as PUT …/interests stores them).
 */
async function subscribeInBulk(
  withInterests: boolean,
  worker: FrozenWorker,
  persistDir: string,
  sqlFile: string,
  receiver: Receiver,
  from: number,
  to: number,
): Promise<void> {
  const now = Date.now();
  const statements: string[] = [];
  for (let start = from; start < to; start += BULK_ROWS_PER_INSERT) {
    const rows: string[] = [];
    const interestRows: string[] = [];
    const seedRows: string[] = [];
    for (let n = start; n < Math.min(to, start + BULK_ROWS_PER_INSERT); n++) {
      const manageToken = `sub_${base64url(randomBytes(32))}`;
      const secret = `whsec_${randomBytes(32).toString("base64")}`;
      receiver.secrets[n] = secret;
      const id = randomUUID();
      if (withInterests) {
        interestRows.push(
          `(${[sqlText(id), "'[]'", sqlText(JSON.stringify(INTERESTS.keywords)), sqlText(JSON.stringify(INTERESTS.exclude)), now].join(", ")})`,
        );
        for (const paper of INTERESTS.papers) {
          seedRows.push(
            `(${[sqlText(id), sqlText(`arxiv:${paper}`), sqlText(paper), "'papers'", "NULL", now].join(", ")})`,
          );
        }
      }
      rows.push(
        `(${[
          sqlText(id),
          "'webhook'",
          sqlText(receiver.url(n)),
          "'[]'",
          "NULL",
          "'active'",
          sqlText(createHash("sha256").update(manageToken).digest("hex")),
          sqlText(`unsub_${base64url(randomBytes(32))}`),
          "NULL",
          sqlText(secret),
          "NULL",
          now,
          now,
          now,
        ].join(", ")})`,
      );
    }
    statements.push(
      `INSERT INTO subscriptions (id, channel, target, themes, query, status, manage_token_hash, unsubscribe_token, confirm_token_hash, webhook_secret, status_reason, created_at, confirmed_at, changed_at) VALUES\n${rows.join(",\n")};`,
    );
    if (interestRows.length > 0) {
      statements.push(
        `INSERT INTO subscription_interests (subscription_id, authors, keywords, exclude, updated_at) VALUES\n${interestRows.join(",\n")};`,
        `INSERT INTO subscription_seeds (subscription_id, ref, given, source, paper_key, added_at) VALUES\n${seedRows.join(",\n")};`,
      );
    }
  }
  await writeFile(sqlFile, `${statements.join("\n")}\n`);
  const target = frozenTarget(worker, persistDir);
  await runWrangler(
    [
      "d1",
      "execute",
      "DB",
      "--local",
      "--persist-to",
      persistDir,
      "--config",
      worker.configPath,
      "--file",
      sqlFile,
    ],
    target.cwd,
  );
}

// ---------------------------------------------------------------------------------------------

async function exampleRecords(): Promise<ParsedRecord[]> {
  const dir = path.join(REPO_ROOT, "examples");
  const records: ParsedRecord[] = [];
  for (const file of (await readdir(dir)).filter((f) => f.endsWith(".txt")).sort()) {
    const parsed = await parseInput(decodeBytes(new Uint8Array(await readFile(path.join(dir, file)))));
    if (parsed === null) throw new Error(`examples/${file}: format not recognised`);
    records.push(...parsed.records);
  }
  return records.map((r, index) => ({ ...r, index }));
}

/** Sets the delivery queue's consumer batch size in the generated config (not in wrangler.toml). */
async function overrideBatchSize(worker: FrozenWorker, size: number): Promise<void> {
  const config = JSON.parse(await readFile(worker.configPath, "utf8")) as {
    queues?: { consumers?: { queue: string; max_batch_size?: number }[] };
  };
  const consumer = config.queues?.consumers?.find((c) => c.queue === DELIVERY_QUEUE);
  if (!consumer) throw new Error(`the generated config has no consumer for ${DELIVERY_QUEUE}`);
  consumer.max_batch_size = size;
  await writeFile(worker.configPath, `${JSON.stringify(config, null, 2)}\n`);
}

interface ConsumerConfig {
  maxBatchSize: number | undefined;
  maxBatchTimeout: number | undefined;
}

/** The generated config must carry the queues and send_email settings of wrangler.toml. */
async function checkGeneratedConfig(worker: FrozenWorker): Promise<ConsumerConfig> {
  const config = JSON.parse(await readFile(worker.configPath, "utf8")) as {
    queues?: {
      producers?: { binding: string; queue: string }[];
      consumers?: {
        queue: string;
        max_batch_size?: number;
        max_batch_timeout?: number;
        dead_letter_queue?: string;
      }[];
    };
    send_email?: unknown[];
    vars?: Record<string, string>;
  };
  const producer = config.queues?.producers?.find((p) => p.binding === "DELIVERY_QUEUE");
  const consumer = config.queues?.consumers?.find((c) => c.queue === DELIVERY_QUEUE);
  const dlq = config.queues?.consumers?.find((c) => c.queue === consumer?.dead_letter_queue);
  if (!producer || !consumer?.dead_letter_queue || !dlq || !config.send_email?.length) {
    throw new Error(
      `the frozen bot's config lacks the queues or send_email of wrangler.toml: ${JSON.stringify(config.queues)}`,
    );
  }
  if (config.vars?.WEBHOOK_ALLOW_LOOPBACK !== "true") throw new Error("WEBHOOK_ALLOW_LOOPBACK is not set");
  return { maxBatchSize: consumer.max_batch_size, maxBatchTimeout: consumer.max_batch_timeout };
}

interface Figures {
  subscriptions: number;
  consumer: ConsumerConfig;
  created: Created;
  ingest: { records: number; newPapers: number; seconds: number };
  week: string;
  cronTime: number;
  first: CronRun;
  allSentS: number | null;
  receiverSpanS: number | null;
  lastSentS: number | null;
  consumerCpuMs: number | null;
  consumerWallS: number | null;
  benchCpuMs: number;
  polls: { ms: number[]; bytes: number; everyMs: number };
  digestBytes: number;
  /** 1-minute load average when cron 1 was fired and when all were sent. */
  load: [number, number];
  batches: QueueBatch[];
  second: CronRun;
  /** Ledger rows and webhook requests that appeared after the second cron. */
  afterSecond: { deliveries: number; requests: number };
  receiver: { requests: number; ids: number; duplicates: number; missing: number; verified: number };
}

interface RunOptions {
  subscriptions: number;
  /** The delivery consumer's max_batch_size in the generated config; null: wrangler.toml's. */
  batchSize: number | null;
  /** GET /api/deliveries is sent this long after the previous one was (never two at once). */
  pollMs: number;
  /** Insert the subscriptions after the API sample in bulk even when the API would be fast enough. */
  bulk: boolean;
  /** Every subscription with interests (issue #13). */
  interests: boolean;
}

async function run(
  { subscriptions, batchSize, pollMs, bulk, interests }: RunOptions,
  session: { signal: AbortSignal; tempDir: string; stopAtEnd(bot: LocalBot): LocalBot },
  receiver: Receiver,
): Promise<Figures> {
  const { signal, tempDir, stopAtEnd } = session;
  const worker = await bundleFrozenWorker(
    path.join(tempDir, "worker"),
    { ADMIN_TOKEN, WEBHOOK_ALLOW_LOOPBACK: "true" },
    { allSettings: true },
  );
  if (batchSize !== null) await overrideBatchSize(worker, batchSize);
  const consumer = await checkGeneratedConfig(worker);
  const persistDir = path.join(tempDir, "d1");
  let bot = stopAtEnd(await serveFrozenWorker(worker, persistDir, signal));
  currentBot = bot;
  let log = new BotLog(bot);
  console.log(
    `frozen bot up (consumer max_batch_size ${consumer.maxBatchSize}, max_batch_timeout ${consumer.maxBatchTimeout} s); receiver on 127.0.0.1:${receiver.port}`,
  );

  // 2. Subscriptions.
  const latencies: number[] = [];
  const sample = Math.min(API_SAMPLE, subscriptions);
  let started = performance.now();
  await subscribeThroughApi(interests, bot, receiver, 0, sample, latencies, signal);
  const sampleSeconds = (performance.now() - started) / 1000;
  const projected = (sampleSeconds / sample) * subscriptions;
  console.log(
    `  ${sample} subscriptions through the API in ${sampleSeconds.toFixed(2)} s (${fmt(sample / sampleSeconds)}/s, ${API_CONCURRENCY} at a time): all ${fmt(subscriptions)} projected at ${projected.toFixed(0)} s`,
  );
  const created: Created = {
    via: "",
    seconds: 0,
    apiCount: sample,
    apiSeconds: sampleSeconds,
    bulkCount: 0,
    bulkSeconds: 0,
    apiLatencyMs: latencies,
  };
  if (!bulk && projected <= API_BUDGET_S) {
    started = performance.now();
    await subscribeThroughApi(interests, bot, receiver, sample, subscriptions, latencies, signal);
    created.apiSeconds += (performance.now() - started) / 1000;
    created.apiCount = subscriptions;
    created.via = `all ${fmt(subscriptions)} through POST /api/subscriptions`;
  } else {
    // Too slow for a benchmark run: the rest straight into D1 (the bot is stopped meanwhile).
    await bot.stop();
    started = performance.now();
    await subscribeInBulk(
      interests,
      worker,
      persistDir,
      path.join(tempDir, "subscriptions.sql"),
      receiver,
      sample,
      subscriptions,
    );
    created.bulkSeconds = (performance.now() - started) / 1000;
    created.bulkCount = subscriptions - sample;
    created.via = `${fmt(sample)} through POST /api/subscriptions, ${fmt(subscriptions - sample)} by wrangler d1 execute --file`;
    bot = stopAtEnd(await serveFrozenWorker(worker, persistDir, signal));
    currentBot = bot;
    log = new BotLog(bot);
  }
  created.seconds = created.apiSeconds + created.bulkSeconds;
  console.log(`  subscriptions: ${created.via} in ${created.seconds.toFixed(1)} s`);

  // 3. Papers, then the cron at the Monday 08:00 UTC that ends this week.
  const records = await exampleRecords();
  const weekBefore = isoWeekOf(Date.now());
  const { seconds: ingestSeconds, sent } = await postToBot(bot, records, {
    benchmark: "fan-out",
    label: "examples",
    batchRecords: 500,
    signal,
  });
  const week = isoWeekOf(Date.now());
  if (week !== weekBefore)
    throw new Error(`the run crossed Monday 00:00 UTC (${weekBefore} → ${week}); run again`);
  const verdicts = countVerdicts(sent.outcomes);
  console.log(
    `  ingested examples/ (${records.length} records) in ${ingestSeconds.toFixed(2)} s: ${describeCounts(verdicts)}`,
  );
  check((verdicts.new ?? 0) > 0, "the examples gave no new paper: there is no digest to publish");
  receiver.week = week;
  const cronTime = weekRange(week).end + 8 * HOUR_MS;

  const digest = await request(bot, `/api/digests/${week}`, signal);
  if (interests) {
    // The bot excludes on the whole abstract; the digest shows a summary, so read each paper.
    const word = new RegExp(`\\b${EXCLUDED_WORD}s?\\b`, "i");
    const unfiltered = JSON.parse(digest.body) as { themes: Array<{ papers: Array<{ key: string }> }> };
    for (const t of unfiltered.themes) {
      for (const { key } of t.papers) {
        const paper = await request(bot, `/api/papers/${encodeURIComponent(key)}`, signal);
        const { title, abstractPlain } = JSON.parse(paper.body) as {
          title: string | null;
          abstractPlain: string;
        };
        if (word.test(`${title ?? ""} ${abstractPlain}`)) receiver.excluded.add(key);
      }
    }
    check(
      receiver.excluded.size > 0,
      `no paper of the week mentions "${EXCLUDED_WORD}": nothing to check the exclusion on`,
    );
    console.log(
      `  --interests: ${receiver.excluded.size} paper(s) of the week mention "${EXCLUDED_WORD}"; no payload may list them`,
    );
  }
  const loadBefore = os.loadavg()[0] ?? 0;
  const cpuBefore = await workerdCpuMs(bot);
  const benchCpuBefore = process.cpuUsage();
  const cronStarted = performance.now();
  const first = await fireCron(bot, log, cronTime, signal);
  console.log(
    `  cron at ${new Date(cronTime).toISOString()}: ${first.ms.toFixed(0)} ms, ${JSON.stringify(first.report)}`,
  );
  check(first.report !== null, "no publish-digests line in wrangler's output after the first cron");
  const report = first.report;
  check(
    report?.published.length === 1 && report.published[0]?.week === week,
    `the first cron published ${JSON.stringify(report?.published)}, not ${week}`,
  );
  check(
    report?.delivery.enqueued === subscriptions && report.delivery.digests.join() === week,
    `the first cron enqueued ${report?.delivery.enqueued} deliveries of ${report?.delivery.digests}, not ${subscriptions} of ${week}`,
  );
  check(
    report !== null && report.delivery.queueBatches === Math.ceil(subscriptions / 100),
    `the first cron made ${report?.delivery.queueBatches} sendBatch calls for ${subscriptions} messages (100 a call expected)`,
  );
  check(
    report !== null && report.d1Statements < D1_LIMIT,
    `the first cron used ${report?.d1Statements} D1 statements (limit ${D1_LIMIT})`,
  );

  // Until every delivery is sent (or nothing is left in flight), polling the admin list each second.
  const polls: number[] = [];
  let bytes = 0;
  let allSentS: number | null = null;
  let last: DeliveriesAnswer | null = null;
  const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    signal.throwIfAborted();
    const pollStarted = performance.now();
    const got = await readDeliveries(bot, week, signal);
    polls.push(got.ms);
    bytes = got.bytes;
    last = got.answer;
    const sentCount = last.counts.sent ?? 0;
    if (sentCount === subscriptions && total(last.counts) === subscriptions) {
      allSentS = (performance.now() - cronStarted) / 1000;
      break;
    }
    const inFlight = (last.counts.pending ?? 0) + (last.counts.sending ?? 0) + (last.counts.retrying ?? 0);
    if (total(last.counts) >= subscriptions && inFlight === 0) break;
    await sleep(Math.max(0, pollMs - (performance.now() - pollStarted)));
  }
  const cpuAfter = await workerdCpuMs(bot);
  const benchCpu = process.cpuUsage(benchCpuBefore);
  const loadAfter = os.loadavg()[0] ?? 0;
  console.log(
    allSentS === null
      ? `  not all sent: ${JSON.stringify(last?.counts)}`
      : `  all ${fmt(subscriptions)} sent ${allSentS.toFixed(1)} s after the cron was fired (${polls.length} polls)`,
  );
  check(allSentS !== null, `deliveries not all sent: ${JSON.stringify(last?.counts)}`);
  last = await readAllDeliveries(bot, week, signal);
  const failed = last?.deliveries.filter((d) => d.status !== "sent") ?? [];
  for (const d of failed.slice(0, 5)) console.log(`    delivery ${d.id} ${d.status}: ${d.lastError}`);
  const retried = last?.deliveries.filter((d) => d.attempts !== 1).length ?? 0;
  check(retried === 0, `${retried} deliveries took more than one attempt`);

  // The receiver: one request per webhook-id and per subscription, for exactly the ledger's ids.
  await sleep(500);
  const ids = new Set(last?.deliveries.map((d) => `msg_digest_${week}_${d.id}`) ?? []);
  const duplicates = [...receiver.byId.values()].filter((c) => c > 1).length;
  const unknownIds = [...receiver.byId.keys()].filter((id) => !ids.has(id)).length;
  let missing = 0;
  let hookDuplicates = 0;
  for (let n = 0; n < subscriptions; n++) {
    const count = receiver.byHook.get(n) ?? 0;
    if (count === 0) missing++;
    if (count > 1) hookDuplicates++;
  }
  const sampled = Math.ceil(subscriptions / VERIFY_EVERY);
  check(
    receiver.requests === subscriptions,
    `the receiver got ${receiver.requests} requests, not ${subscriptions}`,
  );
  check(
    duplicates === 0 && hookDuplicates === 0,
    `${duplicates} webhook-ids and ${hookDuplicates} targets got more than one request`,
  );
  check(missing === 0, `${missing} subscriptions got no request`);
  check(
    unknownIds === 0 && receiver.byId.size === subscriptions,
    `${unknownIds} webhook-ids are not in the ledger; ${receiver.byId.size} distinct`,
  );
  check(receiver.verified === sampled, `${receiver.verified} of ${sampled} sampled signatures verified`);
  check(receiver.bad.length === 0, `receiver: ${receiver.bad.slice(0, 3).join("; ")}`);
  const receiverState = {
    requests: receiver.requests,
    ids: receiver.byId.size,
    duplicates: duplicates + hookDuplicates,
    missing,
    verified: receiver.verified,
  };
  const firstAt = receiver.firstAt;
  const lastAt = receiver.lastAt;
  const receiverSpanS = firstAt !== null && lastAt !== null ? (lastAt - firstAt) / 1000 : null;
  const lastSentS = lastAt !== null ? (lastAt - cronStarted) / 1000 : null;
  const batches = [...log.batches];

  // 4. The cron again, same time: nothing to publish, nothing to enqueue, nothing sent.
  const requestsBefore = receiver.requests;
  const second = await fireCron(bot, log, cronTime, signal);
  console.log(`  second cron: ${second.ms.toFixed(0)} ms, ${JSON.stringify(second.report)}`);
  check(second.report !== null, "no publish-digests line in wrangler's output after the second cron");
  check(
    second.report !== null &&
      second.report.published.length === 0 &&
      second.report.delivery.digests.length === 0 &&
      second.report.delivery.enqueued === 0,
    `the second cron did something: ${JSON.stringify(second.report)}`,
  );
  check(
    second.report !== null && second.report.d1Statements < D1_LIMIT,
    `the second cron used ${second.report?.d1Statements} D1 statements`,
  );
  await sleep(QUIET_MS);
  const after = { answer: await readAllDeliveries(bot, week, signal) };
  check(
    after.answer.deliveries.length === subscriptions && (after.answer.counts.sent ?? 0) === subscriptions,
    `after the second cron the ledger holds ${JSON.stringify(after.answer.counts)}`,
  );
  check(
    receiver.requests === requestsBefore,
    `${receiver.requests - requestsBefore} requests after the second cron`,
  );
  check(log.errors.length === 0, `wrangler printed errors: ${log.errors.slice(0, 3).join(" | ")}`);

  return {
    subscriptions,
    consumer,
    created,
    ingest: { records: records.length, newPapers: verdicts.new ?? 0, seconds: ingestSeconds },
    week,
    cronTime,
    first,
    allSentS,
    receiverSpanS,
    lastSentS,
    consumerCpuMs: cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null,
    consumerWallS: allSentS,
    benchCpuMs: (benchCpu.user + benchCpu.system) / 1000,
    polls: { ms: polls, bytes, everyMs: pollMs },
    digestBytes: Buffer.byteLength(digest.body),
    load: [loadBefore, loadAfter],
    batches,
    second,
    afterSecond: {
      deliveries: after.answer.deliveries.length - (last?.deliveries.length ?? 0),
      requests: receiver.requests - requestsBefore,
    },
    receiver: receiverState,
  };
}

function printFigures(f: Figures): void {
  const c = f.created;
  console.log(`\nSubscriptions (${c.via}; not part of the fan-out)`);
  console.log(
    renderTable(
      ["how", "subscriptions", "seconds", "per second", "p50 ms", "p95 ms"],
      [
        [
          `POST /api/subscriptions, ${API_CONCURRENCY} at a time`,
          c.apiCount,
          c.apiSeconds,
          Math.round(c.apiCount / c.apiSeconds),
          Math.round(percentile(c.apiLatencyMs, 50)),
          Math.round(percentile(c.apiLatencyMs, 95)),
        ],
        ...(c.bulkCount > 0
          ? [
              [
                "wrangler d1 execute --file",
                c.bulkCount,
                c.bulkSeconds,
                Math.round(c.bulkCount / c.bulkSeconds),
                "-",
                "-",
              ],
            ]
          : []),
      ],
    ),
  );

  const b = f.batches;
  const batchMs = b.map((x) => x.ms);
  const dispatched = b.reduce((n, x) => n + x.size, 0);
  const busyMs = batchMs.reduce((n, x) => n + x, 0);
  const spanMs = b.length > 1 ? b.at(-1)!.at - b[0]!.at : 0;
  const fullBatches = b.filter((x) => x.size === f.consumer.maxBatchSize).length;
  const pollMs = f.polls.ms.reduce((n, x) => n + x, 0);
  const rate = (n: number, s: number | null) => (s === null || s <= 0 ? "-" : Math.round(n / s));
  const r1 = f.first.report;
  const r2 = f.second.report;
  console.log(`\nFan-out of ${f.week} to ${fmt(f.subscriptions)} webhook subscriptions`);
  console.log(
    renderTable(
      ["figure", "value"],
      [
        ["cron 1: wall ms (publish + ledger rows + enqueue)", Math.round(f.first.ms)],
        ["cron 1: workerd CPU ms", f.first.cpuMs ?? "-"],
        ["cron 1: D1 statements", r1?.d1Statements ?? "-"],
        ["cron 1: enqueued", r1?.delivery.enqueued ?? "-"],
        ["cron 1: sendBatch calls", r1?.delivery.queueBatches ?? "-"],
        [`all sent, s after cron 1 was fired (polls every ${f.polls.everyMs / 1000} s)`, f.allSentS ?? "-"],
        ["last webhook request, s after cron 1", f.lastSentS ?? "-"],
        ["first → last webhook request, s", f.receiverSpanS ?? "-"],
        ["consumer deliveries/s (first → last request)", rate(f.subscriptions, f.receiverSpanS)],
        ["deliveries/s end to end (cron fired → all sent)", rate(f.subscriptions, f.allSentS)],
        [`consumer batches (max_batch_size ${f.consumer.maxBatchSize})`, b.length],
        ["messages in them (full batches)", `${fmt(dispatched)} (${fmt(fullBatches)})`],
        [
          "batch ms p50 / p95 / max",
          `${percentile(batchMs, 50)} / ${percentile(batchMs, 95)} / ${Math.max(0, ...batchMs)}`,
        ],
        ["consumer time inside batches", spanMs > 0 ? `${((100 * busyMs) / spanMs).toFixed(0)} %` : "-"],
        [
          "workerd CPU, cron 1 → all sent",
          f.consumerCpuMs === null || f.consumerWallS === null
            ? "-"
            : `${fmt(f.consumerCpuMs)} ms (${((100 * f.consumerCpuMs) / 1000 / f.consumerWallS).toFixed(0)} % of one core)`,
        ],
        [
          "bench process CPU (receiver + polls)",
          f.consumerWallS === null
            ? "-"
            : `${fmt(f.benchCpuMs)} ms (${((100 * f.benchCpuMs) / 1000 / f.consumerWallS).toFixed(0)} % of one core)`,
        ],
        [
          `GET /api/deliveries every ${f.polls.everyMs / 1000} s: polls, p50 / max ms, bytes`,
          `${f.polls.ms.length}, ${Math.round(percentile(f.polls.ms, 50))} / ${Math.round(Math.max(0, ...f.polls.ms))}, ${fmt(f.polls.bytes)}`,
        ],
        [
          "time a poll was in flight, cron 1 → all sent",
          f.allSentS === null ? "-" : `${((100 * pollMs) / 1000 / f.allSentS).toFixed(0)} %`,
        ],
        ["digest JSON (GET /api/digests/{week}), bytes", f.digestBytes],
        ["1-min load average at cron 1 / at all sent", `${f.load[0].toFixed(1)} / ${f.load[1].toFixed(1)}`],
        ["webhook requests / distinct webhook-ids", `${fmt(f.receiver.requests)} / ${fmt(f.receiver.ids)}`],
        ["duplicates / missing", `${f.receiver.duplicates} / ${f.receiver.missing}`],
        ["signatures verified (every 50th subscription)", f.receiver.verified],
        ["cron 2 (same time): wall ms", Math.round(f.second.ms)],
        ["cron 2: D1 statements", r2?.d1Statements ?? "-"],
        [
          "cron 2: enqueued / new ledger rows / new webhook requests",
          `${r2?.delivery.enqueued ?? "-"} / ${f.afterSecond.deliveries} / ${f.afterSecond.requests}`,
        ],
      ],
    ),
  );
  const machine = {
    subscriptions: f.subscriptions,
    created: c.via,
    maxBatchSize: f.consumer.maxBatchSize,
    cron1Ms: Math.round(f.first.ms),
    cron1D1Statements: r1?.d1Statements ?? null,
    enqueued: r1?.delivery.enqueued ?? null,
    queueBatches: r1?.delivery.queueBatches ?? null,
    allSentS: f.allSentS === null ? null : Number(f.allSentS.toFixed(2)),
    consumerDeliveriesPerS: f.receiverSpanS === null ? null : Math.round(f.subscriptions / f.receiverSpanS),
    consumerBatches: b.length,
    batchMsP50: percentile(batchMs, 50),
    load: f.load.map((x) => Number(x.toFixed(1))),
    requests: f.receiver.requests,
    duplicates: f.receiver.duplicates,
    missing: f.receiver.missing,
    cron2D1Statements: r2?.d1Statements ?? null,
    cron2Enqueued: r2?.delivery.enqueued ?? null,
    cron2NewDeliveries: f.afterSecond.deliveries,
    cron2NewRequests: f.afterSecond.requests,
    ok: problems.length === 0,
  };
  console.log(`\nfan-out result: ${JSON.stringify(machine)}`);
}

/** The bot being measured: its output explains a failure. */
let currentBot: LocalBot | undefined;

async function main(): Promise<void> {
  console.log(machineLine());
  const subscriptions = option("subscriptions") ?? DEFAULT_SUBSCRIPTIONS;
  const batchSize = option("max-batch-size");
  const pollMs = option("poll-ms") ?? DEFAULT_POLL_MS;
  console.log(
    `Delivery fan-out to ${fmt(subscriptions)} webhook subscriptions${flag("interests") ? " with interests" : ""} (frozen local bot: local workerd + fresh local D1)`,
  );
  const receiver = new Receiver();
  await receiver.listen();
  let figures: Figures | undefined;
  try {
    await withBenchSession(TIME_LIMIT_MS, async (session) => {
      figures = await run(
        { subscriptions, batchSize, pollMs, bulk: flag("bulk"), interests: flag("interests") },
        session,
        receiver,
      );
    });
  } finally {
    await receiver.close();
  }
  if (figures) printFigures(figures);
  reportProblems(problems);
}

main().catch(failWith("fan-out", () => currentBot));
