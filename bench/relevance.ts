/**
 * Relevance, measured side by side with the peers (issue #13): the bot ranks nine weeks of daily
 * arXiv for ten simulated readers through its real HTTP API, on a frozen local bot with a fresh
 * D1, and arxiv-sanity-lite's and zotero-arxiv-daily's methods (Debian's python3-sklearn) rank
 * the same texts in the same run (bench/lib/relevance-protocol.ts has the protocol).
 *
 * Through the API, per week: the week's papers are imported as received then
 * (`POST /api/ingest?receivedAt=`, JSON lines without `categories`), the week is published
 * (`POST /api/digests/publish`), each reader's digest is read
 * (`GET /api/subscriptions/{id}/digest?week=…&limit=20000`) and its first ten picks are marked
 * (`POST …/feedback`). A reader is an e-mail subscription left unconfirmed (nothing is ever sent
 * to it) whose interests are its five seed papers. A paper of the week the bot does not list as
 * new (a near-duplicate of an earlier one) is ranked last.
 *
 *   npx tsx bench/relevance.ts            # the API, our engine in-process, the peers (~6 min)
 *   npx tsx bench/relevance.ts --no-peers
 */
import path from "node:path";
import { withBenchSession } from "./lib/bench-session";
import { callBot, labJsonLines } from "./lib/bot-api";
import { bundleFrozenWorker, serveFrozenWorker } from "./lib/frozen-bot";
import type { LocalBot } from "./lib/local-bot";
import { machineLine } from "./lib/machine";
import { ADMIN_TOKEN } from "./lib/post-to-bot";
import { EngineRanker, table } from "./lib/relevance-engine";
import { RandomRanker, SanityRanker, sklearnVersion, ZoteroRanker } from "./lib/relevance-peers";
import { type LabPaper, loadLabData, type Ranker, runProtocol, type Vote } from "./lib/relevance-protocol";

const TIME_LIMIT_MS = 40 * 60_000;
const RECORDS_PER_REQUEST = 400;

class ApiRanker implements Ranker {
  readonly name = "arxiv-digest (HTTP API)";
  private readonly subscriptions = new Map<string, string>();
  /** Requests by route, and the time the digest answers took (ms). */
  readonly digestMs: number[] = [];
  requests = 0;

  constructor(private readonly bot: LocalBot) {}

  private call(method: string, route: string, body?: string): Promise<unknown> {
    this.requests++;
    return callBot(this.bot, method, route, body);
  }

  async addWeek(_week: string, papers: readonly LabPaper[], at: number): Promise<void> {
    const receivedAt = encodeURIComponent(new Date(at).toISOString());
    for (let i = 0; i < papers.length; i += RECORDS_PER_REQUEST) {
      const lines = labJsonLines(papers.slice(i, i + RECORDS_PER_REQUEST));
      await this.call("POST", `/api/ingest?source=bench:relevance&receivedAt=${receivedAt}`, lines);
    }
    await this.call("POST", "/api/digests/publish");
  }

  async seed(reader: string, keys: readonly string[]): Promise<void> {
    const target = `reader-${reader.replace(/\W+/g, "-").toLowerCase()}@bench.example.org`;
    const created = (await this.call(
      "POST",
      "/api/subscriptions",
      JSON.stringify({ channel: "email", target, interests: { papers: keys } }),
    )) as { id: string; unmatched: string[] };
    if (created.unmatched.length > 0)
      throw new Error(`${reader}: seeds not matched: ${created.unmatched.join(", ")}`);
    this.subscriptions.set(reader, created.id);
  }

  async rank(reader: string, week: string, keys: readonly string[]): Promise<string[]> {
    const started = performance.now();
    const digest = (await this.call(
      "GET",
      `/api/subscriptions/${this.subscriptions.get(reader)}/digest?week=${week}&limit=20000`,
    )) as { picks: Array<{ key: string }> };
    this.digestMs.push(performance.now() - started);
    const wanted = new Set(keys);
    const order = digest.picks.map((p) => p.key.replace(/^arxiv:/, "")).filter((k) => wanted.has(k));
    const listed = new Set(order);
    return [...order, ...keys.filter((k) => !listed.has(k))];
  }

  async feedback(reader: string, key: string, vote: Vote): Promise<void> {
    await this.call(
      "POST",
      `/api/subscriptions/${this.subscriptions.get(reader)}/feedback`,
      JSON.stringify({ paper: key, signal: vote }),
    );
  }
}

async function main(): Promise<void> {
  console.log(machineLine());
  const withPeers = !process.argv.includes("--no-peers");
  const data = loadLabData();
  console.log(`weeks: ${data.weeks.map((w) => `${w.week} (${w.papers.length})`).join(", ")}`);
  const version = withPeers ? sklearnVersion() : null;
  if (withPeers && !version)
    throw new Error("/usr/bin/python3 cannot import sklearn (apt-get install python3-sklearn)");
  if (version) console.log(`peers: scikit-learn ${version}`);
  await withBenchSession(TIME_LIMIT_MS, async ({ signal, tempDir, stopAtEnd }) => {
    const worker = await bundleFrozenWorker(
      path.join(tempDir, "worker"),
      { ADMIN_TOKEN },
      { allSettings: true },
    );
    const bot = stopAtEnd(await serveFrozenWorker(worker, path.join(tempDir, "d1"), signal));
    const api = new ApiRanker(bot);
    const engine = new EngineRanker();
    const rankers: Ranker[] = [api, engine];
    if (withPeers)
      rankers.push(new SanityRanker(0.5), new SanityRanker(0.1), new ZoteroRanker(), new RandomRanker());
    const started = Date.now();
    const cells = await Promise.all(rankers.map((r) => runProtocol(r, data)));
    console.log(`protocol: ${((Date.now() - started) / 1000).toFixed(0)} s, ${api.requests} API requests`);
    table(
      rankers.map((r, i) => ({ name: r.name, cells: cells[i]! })),
      [api.name, engine.name],
    );
    const sorted = [...api.digestMs].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(0);
    console.log(
      `\nGET …/digest (a whole week ranked, every pick listed): p50 ${at(0.5)} ms, p99 ${at(0.99)} ms over ${sorted.length} requests`,
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
