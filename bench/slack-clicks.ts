/**
 * Slack button clicks (issue #15): `npx tsx bench/slack-clicks.ts [--papers N] [--clicks N]`.
 *
 * A fresh frozen local bot (local workerd + D1) is loaded with 100,000 papers (the corpus of
 * bench/slash-command.ts) and 1,000 Slack channel subscriptions (channel ids, through the API with
 * the admin token). Then POST /slack/interactions gets the digest's button clicks as Slack sends
 * them (a form body whose `payload` is the documented `block_actions` JSON, v0-signed, a unique
 * trigger_id each): 👍 / 👎 / save on random papers of the store, by 200 different members, each
 * in its subscription's channel; first one client at a time, then 50 concurrent clients. The
 * clicks carry no `message` (as a click in an ephemeral message does): the redraw through the
 * response_url would go to hooks.slack.com, which this machine cannot reach; it runs after the
 * acknowledgement in any case. Reported: the acknowledgement's p50/p90/p99 (aim: p99 ≤ 300 ms),
 * and, checked after, that every click of a sample was recorded (or undone by a second click).
 */
import os from "node:os";
import path from "node:path";
import { seededRandom } from "../scripts/lib/perturb";
import { renderTable } from "../scripts/lib/text-table";
import type { LocalBot } from "../scripts/lib/wrangler-process";
import { withBenchSession } from "./lib/bench-session";
import { callBot } from "./lib/bot-api";
import { startFrozenBot } from "./lib/frozen-bot";
import { hammer, type Probe, row } from "./lib/hammer";
import { machineLine } from "./lib/machine";
import { buildCorpus, loadRealRecords } from "./lib/paper-corpus";
import { ADMIN_TOKEN, postToBot } from "./lib/post-to-bot";
import { slackSigned } from "./lib/slack-sign";
import { percentile } from "./lib/stats";

const SIGNING_SECRET = "bench-slack-signing-secret";
const TIME_LIMIT_MS = 30 * 60_000;
const AIM_P99_MS = 300;
const SUBSCRIPTIONS = 1_000;
const MEMBERS = 200;
const WARMUP = 200;
const SEQUENTIAL = 200;

function parseArgs(argv: string[]): { papers: number; clicks: number } {
  const options = { papers: 100_000, clicks: 3_000 };
  for (let i = 0; i < argv.length; i += 2) {
    const value = Number(argv[i + 1]);
    if (!Number.isInteger(value) || value < 1 || !["--papers", "--clicks"].includes(argv[i]!)) {
      throw new Error(`usage: slack-clicks.ts [--papers N] [--clicks N] (got ${argv[i]})`);
    }
    if (argv[i] === "--papers") options.papers = value;
    else options.clicks = value;
  }
  return options;
}

interface Channel {
  id: string;
  subscription: string;
}

let sequence = 0;

/** A `block_actions` request as Slack sends it for a click on a digest's button, signed now. */
function clickRequest(channel: Channel, paperKey: string, signal: "up" | "down" | "save", user: string) {
  sequence += 1;
  const now = Date.now();
  const payload = {
    type: "block_actions",
    user: { id: user, username: "bench", name: "bench", team_id: "T0BENCH" },
    api_app_id: "A0BENCH",
    token: "benchtoken",
    container: {
      type: "message",
      message_ts: "1700000000.000100",
      channel_id: channel.id,
      is_ephemeral: true,
    },
    trigger_id: `${now}.${sequence}.${Math.random().toString(16).slice(2)}`,
    team: { id: "T0BENCH", domain: "bench" },
    channel: { id: channel.id, name: "papers" },
    response_url: `https://hooks.slack.com/actions/T0BENCH/${sequence}/bench`,
    actions: [
      {
        action_id: `feedback_${signal}`,
        block_id: "pick-1-feedback",
        text: { type: "plain_text", text: signal, emoji: true },
        value: JSON.stringify({ s: channel.subscription, p: paperKey }),
        type: "button",
        action_ts: `${now / 1000}`,
      },
    ],
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return slackSigned(body, SIGNING_SECRET, now);
}

interface Click {
  channel: Channel;
  paper: string;
  signal: "up" | "down" | "save";
  user: string;
}

function clickProbe(bot: LocalBot, click: Click): () => Probe {
  return () => ({
    url: `${bot.url}/slack/interactions`,
    init: { method: "POST", ...clickRequest(click.channel, click.paper, click.signal, click.user) },
    judge: (status) => (status === 200 ? "acknowledged" : "error"),
  });
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  console.log(machineLine());
  await withBenchSession(TIME_LIMIT_MS, async ({ signal, tempDir, stopAtEnd }) => {
    process.env.WRANGLER_REGISTRY_PATH = path.join(tempDir, "registry");
    const { corpus } = buildCorpus(options.papers, await loadRealRecords(), "spliced");
    const bot = stopAtEnd(
      await startFrozenBot(
        path.join(tempDir, "worker"),
        path.join(tempDir, "state"),
        { ADMIN_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: "xoxb-bench" },
        signal,
      ),
    );
    const loadStarted = performance.now();
    await postToBot(bot, corpus, { benchmark: "slack-clicks", label: "load", batchRecords: 500, signal });
    console.log(
      `  ${corpus.length.toLocaleString("en-US")} papers loaded in ${((performance.now() - loadStarted) / 1000).toFixed(0)} s`,
    );
    const channels: Channel[] = [];
    for (let i = 0; i < SUBSCRIPTIONS; i++) {
      const id = `C0CLICK${String(i).padStart(5, "0")}`;
      const created = (await callBot(
        bot,
        "POST",
        "/api/subscriptions",
        JSON.stringify({ channel: "slack", target: id }),
      )) as { id: string };
      channels.push({ id, subscription: created.id });
    }
    console.log(`  ${SUBSCRIPTIONS} channel subscriptions`);
    const random = seededRandom(15);
    const keys = corpus.filter((r) => r.arxivId).map((r) => `arxiv:${r.arxivId}`);
    const clicks = (n: number): Click[] =>
      Array.from({ length: n }, () => ({
        channel: channels[Math.floor(random() * channels.length)]!,
        paper: keys[Math.floor(random() * keys.length)]!,
        signal: (["up", "up", "save", "down"] as const)[Math.floor(random() * 4)]!,
        user: `U0MEMBER${String(Math.floor(random() * MEMBERS)).padStart(3, "0")}`,
      }));
    await hammer(
      clicks(WARMUP).map((c) => clickProbe(bot, c)),
      10,
      signal,
    );
    const load = () =>
      os
        .loadavg()
        .map((n) => n.toFixed(1))
        .join(" ");
    console.log(`  load average before measuring: ${load()}`);
    const one = await hammer(
      clicks(SEQUENTIAL).map((c) => clickProbe(bot, c)),
      1,
      signal,
    );
    const measured = clicks(options.clicks);
    const fifty = await hammer(
      measured.map((c) => clickProbe(bot, c)),
      50,
      signal,
    );
    console.log(`  load average after: ${load()}`);
    console.log(
      renderTable(
        ["workload", "clients", "clicks", "clicks/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "answers"],
        [row("button click (ack)", 1, one), row("button click (ack)", 50, fifty)],
      ),
    );
    // Every click of the 50-client run is in the store: the last signal of each (channel, paper,
    // member) stands, or nothing when its last click repeated the one before (an undo).
    const last = new Map<string, Click[]>();
    for (const c of measured) {
      const k = `${c.channel.subscription} ${c.paper} ${c.user}`;
      last.set(k, [...(last.get(k) ?? []), c]);
    }
    let checked = 0;
    let agree = 0;
    for (const [k, list] of [...last].slice(0, 100)) {
      const [subscription, paper, user] = k.split(" ") as [string, string, string];
      let current: string | null = null;
      for (const c of list) current = current === c.signal ? null : c.signal;
      const { signals } = (await callBot(bot, "GET", `/api/subscriptions/${subscription}/feedback`)) as {
        signals: Array<{ paper: string; signal: string; by: string | null }>;
      };
      const stored = signals.find((s) => s.paper === paper && s.by === user)?.signal ?? null;
      checked++;
      if (stored === current) agree++;
    }
    console.log(`  recorded as clicked: ${agree} of ${checked} sampled (channel, paper, member) triples`);
    const p99 = percentile(fifty.latenciesMs, 99);
    console.log(
      `  aim p99 ≤ ${AIM_P99_MS} ms at 50 clients: ${p99 <= AIM_P99_MS ? "met" : "NOT met"} (${Math.round(p99)} ms)`,
    );
  });
}

await main();
