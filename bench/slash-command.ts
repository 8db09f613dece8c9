/**
 * Slack `/paper` latency (issue #6): a fresh frozen local bot (local workerd + D1) is
 * loaded with 100,000 papers (bench/lib/paper-corpus.ts: the corpus of bench/dedup-scale.ts),
 * then POST /slack/commands is hit by 50 concurrent clients with signed requests built as
 * Slack builds them (form body, v0 HMAC, a unique trigger_id each, so the replay guard sees
 * every one as new): paper lookups (`/paper <id | URL>`) and searches (`/paper search <words>`,
 * 1–3 words of a stored title). Reports requests/s and p50/p90/p99/max latency per workload,
 * and checks every answer (a card, results, or an acknowledgement that missed the 2 s budget).
 * Aim: p99 ≤ 300 ms locally. A one-client run first gives the uncontended latency, and each
 * workload is repeated through the JSON API (GET /api/papers/{id}, GET /api/search?limit=5: the
 * same D1 queries without signature checking and Block Kit) to show what the Slack layer adds
 * and what the local stack (wrangler's proxy, workerd, local D1) costs by itself; a 404
 * (no D1 at all) gives the local server's ceiling on the machine.
 *
 *   npx tsx bench/slash-command.ts [--papers N] [--requests N] [--concurrency 50[,10,…]]
 *
 * --concurrency: the client counts to measure, each a separate run of every workload (the
 * aim is for 50; a smaller count shows where the local stack stops queueing).
 */
import os from "node:os";
import path from "node:path";
import { type Random, seededRandom } from "../scripts/lib/perturb";
import { renderTable } from "../scripts/lib/text-table";
import type { LocalBot } from "../scripts/lib/wrangler-process";
import type { ParsedRecord } from "../src/ingest/types";
import { withBenchSession } from "./lib/bench-session";
import { startFrozenBot } from "./lib/frozen-bot";
import { hammer, type Probe, type RunResult, row } from "./lib/hammer";
import { machineLine } from "./lib/machine";
import { buildCorpus, loadRealRecords } from "./lib/paper-corpus";
import { ADMIN_TOKEN, postToBot } from "./lib/post-to-bot";
import { slackSigned } from "./lib/slack-sign";
import { percentile } from "./lib/stats";

const SIGNING_SECRET = "bench-slack-signing-secret";
const BATCH_RECORDS = 500;
const TIME_LIMIT_MS = 25 * 60 * 1000;
const AIM_P99_MS = 300;
const WARMUP_REQUESTS = 300;
const SEQUENTIAL_REQUESTS = 200;
const STOP_WORDS = new Set(
  "about above after also among based between both from have into more most only other over such than that their them then there these they this those through under using very what when where which while with within without".split(
    " ",
  ),
);

interface Options {
  papers: number;
  requests: number;
  concurrency: number[];
}

function parseArgs(argv: string[]): Options {
  const options: Options = { papers: 100_000, requests: 3_000, concurrency: [50] };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i]!.split("=", 2) as [string, string | undefined];
    const values = (inline ?? argv[++i] ?? "").split(",").map(Number);
    if (
      !["--papers", "--requests", "--concurrency"].includes(name) ||
      values.some((v) => !Number.isInteger(v) || v < 1) ||
      (name !== "--concurrency" && values.length !== 1)
    ) {
      throw new Error(
        `usage: slash-command.ts [--papers N] [--requests N] [--concurrency N[,N…]] (got ${argv[i]})`,
      );
    }
    if (name === "--papers") options.papers = values[0]!;
    else if (name === "--requests") options.requests = values[0]!;
    else options.concurrency = values;
  }
  return options;
}

let sequence = 0;

/** A slash-command request exactly as Slack sends it, signed now. */
function signedRequest(text: string): { body: string; headers: Record<string, string> } {
  sequence += 1;
  const body = new URLSearchParams({
    token: "benchtoken",
    team_id: "T0BENCH",
    team_domain: "bench",
    channel_id: "C0BENCH0001",
    channel_name: "papers",
    user_id: `U0BENCH${sequence % 50}`,
    user_name: "bench",
    command: "/paper",
    text,
    api_app_id: "A0BENCH",
    is_enterprise_install: "false",
    response_url: `https://hooks.slack.com/commands/T0BENCH/${sequence}/bench`,
    trigger_id: `${Date.now()}.${sequence}.${Math.random().toString(16).slice(2)}`,
  }).toString();
  return slackSigned(body, SIGNING_SECRET);
}

type Outcome = "card" | "not found" | "results" | "no results" | "acknowledged (over budget)" | "error";

interface Reply {
  response_type?: string;
  text?: string;
  blocks?: Array<{ type: string }>;
}

function classify(status: number, reply: Reply | null): Outcome {
  if (status !== 200 || !reply?.text) return "error";
  if (reply.text.startsWith("Looking the paper up") || reply.text.startsWith("Searching…")) {
    return "acknowledged (over budget)";
  }
  if (reply.blocks?.[0]?.type === "header") return "card";
  if (reply.text.startsWith("No paper is known")) return "not found";
  if (/^\d+ papers for /.test(reply.text)) return "results";
  if (reply.text.startsWith("No paper matches")) return "no results";
  return "error";
}

function slashProbe(bot: LocalBot, text: string): () => Probe {
  return () => {
    const { body, headers } = signedRequest(text);
    return {
      url: `${bot.url}/slack/commands`,
      init: { method: "POST", headers, body },
      judge: (status, raw) => {
        try {
          return classify(status, JSON.parse(raw) as Reply);
        } catch {
          return "error";
        }
      },
    };
  };
}

/** The same D1 work through the JSON API, without the Slack layer (no signature, no Block Kit). */
function apiProbe(bot: LocalBot, path: string): () => Probe {
  return () => ({
    url: `${bot.url}${path}`,
    init: {},
    judge: (status) => (status === 200 ? "200" : status === 404 ? "404" : "error"),
  });
}

function pick<T>(items: readonly T[], random: Random): T {
  return items[Math.floor(random() * items.length)]!;
}

/** `/paper <ref>` texts: stored ids, as a bare id, an abs URL with version or an `arXiv:` id. */
function lookupTexts(corpus: readonly ParsedRecord[], count: number, random: Random): string[] {
  return Array.from({ length: count }, () => {
    const id = pick(corpus, random).arxivId!;
    const form = random();
    if (form < 0.7) return id;
    if (form < 0.85) return `https://arxiv.org/abs/${id}v1`;
    return `arXiv:${id}`;
  });
}

/**
 * `/paper search …` texts: 1–3 consecutive content words of a real paper's title (what people
 * type; the generated papers' titles are their abstracts' first words, far more generic).
 */
function searchTexts(corpus: readonly ParsedRecord[], count: number, random: Random): string[] {
  const texts: string[] = [];
  while (texts.length < count) {
    const words = (pick(corpus, random).title ?? "")
      .toLowerCase()
      .split(/[^\p{L}\p{N}-]+/u)
      .filter((w) => w.length >= 4 && !STOP_WORDS.has(w));
    if (words.length === 0) continue;
    const n = 1 + Math.floor(random() * Math.min(3, words.length));
    const start = Math.floor(random() * (words.length - n + 1));
    texts.push(`search ${words.slice(start, start + n).join(" ")}`);
  }
  return texts;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const runStarted = performance.now();
  console.log(machineLine());
  console.log(
    `Slack /paper latency (frozen local bot: local workerd + D1, ${options.papers.toLocaleString("en-US")} papers, ${options.concurrency.join(" and ")} concurrent clients, signed requests)`,
  );
  await withBenchSession(TIME_LIMIT_MS, async ({ signal, tempDir, stopAtEnd }) => {
    // A private dev registry: another wrangler dev starting or stopping on the machine (tests, other
    // benchmarks) then cannot make this one reload mid-run ("Your worker restarted mid-request").
    process.env.WRANGLER_REGISTRY_PATH = path.join(tempDir, "registry");
    const real = await loadRealRecords();
    const { corpus, realUsed } = buildCorpus(options.papers, real, "spliced");
    const realPapers = corpus.slice(0, realUsed);
    console.log(
      `  corpus: ${realUsed.toLocaleString("en-US")} real + ${(corpus.length - realUsed).toLocaleString("en-US")} generated papers, built in ${((performance.now() - runStarted) / 1000).toFixed(1)} s`,
    );
    const bot = stopAtEnd(
      await startFrozenBot(
        path.join(tempDir, "worker"),
        path.join(tempDir, "state"),
        { ADMIN_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET },
        signal,
      ),
    );
    const loadStarted = performance.now();
    const { sent } = await postToBot(bot, corpus, {
      benchmark: "slash-command",
      label: "load",
      batchRecords: BATCH_RECORDS,
      signal,
    });
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const stored = sent.outcomes.filter((o) => o.verdict === "new").length;
    console.log(
      `  loaded in ${loadSeconds.toFixed(1)} s (${Math.round(corpus.length / loadSeconds)} records/s): ${stored.toLocaleString("en-US")} new papers`,
    );

    // Other work on the machine shows in every figure: say how busy it was.
    const load = () =>
      os
        .loadavg()
        .map((n) => n.toFixed(1))
        .join(" ");
    console.log(`  load average before measuring: ${load()} (1, 5, 15 min)`);
    const random = seededRandom(6);
    const lookupRef = (text: string) => encodeURIComponent(text.replace(/^arXiv:/, ""));
    const workloads = [
      {
        name: "ceiling: GET /nope (404, no D1)",
        probes: (n: number) => Array.from({ length: n }, () => apiProbe(bot, "/nope")),
        slack: false,
      },
      {
        name: "lookup `/paper <id | URL>`",
        probes: (n: number) => lookupTexts(corpus, n, random).map((t) => slashProbe(bot, t)),
        slack: true,
      },
      {
        name: "  same D1 work: GET /api/papers/{id}",
        probes: (n: number) =>
          lookupTexts(corpus, n, random).map((t) => apiProbe(bot, `/api/papers/${lookupRef(t)}`)),
        slack: false,
      },
      {
        name: "search `/paper search <1–3 words>`",
        probes: (n: number) => searchTexts(realPapers, n, random).map((t) => slashProbe(bot, t)),
        slack: true,
      },
      {
        name: "  same D1 work: GET /api/search?limit=5",
        probes: (n: number) =>
          searchTexts(realPapers, n, random).map((t) =>
            apiProbe(bot, `/api/search?limit=5&q=${encodeURIComponent(t.replace(/^search /, ""))}`),
          ),
        slack: false,
      },
    ];
    const rows: Array<Array<string | number>> = [];
    const p99s: Array<[string, number]> = [];
    const report = (name: string, clients: number, r: RunResult) => {
      rows.push(row(name, clients, r));
      if (r.firstError) console.log(`  first error (${name}, ${clients} clients): ${r.firstError}`);
      const ms = (p: number) => Math.round(percentile(r.latenciesMs, p));
      console.log(`  ${name.trim()}, ${clients} clients: p50 ${ms(50)} ms, p99 ${ms(99)} ms`);
    };
    for (const w of workloads) {
      await hammer(w.probes(WARMUP_REQUESTS), options.concurrency[0]!, signal);
      report(w.name, 1, await hammer(w.probes(SEQUENTIAL_REQUESTS), 1, signal));
      for (const clients of options.concurrency) {
        const loaded = await hammer(w.probes(options.requests), clients, signal);
        report(w.name, clients, loaded);
        if (w.slack)
          p99s.push([`${w.name.split(" ")[0]} at ${clients} clients`, percentile(loaded.latenciesMs, 99)]);
      }
    }
    console.log(`  load average after measuring: ${load()}`);
    console.log();
    console.log(
      renderTable(
        ["workload", "clients", "requests", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "answers"],
        rows,
      ),
    );
    if (rows.some((r) => String(r.at(-1)).includes("error"))) {
      console.log(`\n  the local server's last lines:\n${(bot.output?.() ?? []).slice(-15).join("\n")}`);
    }
    const verdicts = p99s
      .map(([name, p99]) => `${name}: p99 ${Math.round(p99)} ms (${p99 <= AIM_P99_MS ? "met" : "NOT met"})`)
      .join("; ");
    console.log(
      `\nSummary at ${options.papers.toLocaleString("en-US")} papers: ${verdicts}; aim p99 ≤ ${AIM_P99_MS} ms; total run ${((performance.now() - runStarted) / 1000).toFixed(0)} s`,
    );
  });
}

main().catch((error: unknown) => {
  console.error(`slash-command failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
