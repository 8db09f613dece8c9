/**
 * What each channel delivers for real weeks, and how big (issue #14): `npx tsx bench/digest-sizes.ts`.
 *
 * A frozen local bot (frozen-bot.ts, every wrangler.toml setting: its queue and consumer) on a
 * fresh D1 imports four real weeks of the daily-arXiv snapshots as history (`?receivedAt=`), each as
 * received in one of the last four weeks, so the bot publishes them as its own recent weeks (the
 * fan-out only delivers the last two weeks' digests: a bot back from an outage mails no old ones);
 * the two largest real weeks (2025-W41, 1,202 papers; 2025-W43, 1,116) are the two delivered,
 * 2025-W40 and 2025-W42 the history before them. Before publishing,
 * it gets subscriptions on every channel, pointed at one local receiver (this process): e-mail
 * through MAIL_PROVIDER=resend (MAIL_API_URL here; each address confirmed through the link of its
 * confirmation mail), Slack with a bot token (SLACK_API_URL here, a channel id target) and a
 * webhook (WEBHOOK_ALLOW_LOOPBACK). Each channel three times: no interests (10 picks), 5 seed
 * papers (10 picks), 5 seeds with size 50. Then the publish fans every week out through the queue
 * and the receiver keeps what arrives: the e-mail's HTML and text (and the MIME they make,
 * src/deliver/email/mime.ts), the Slack messages (count, blocks, block-text characters), the
 * webhook body. From the bot: the subscriber's page (/s/{id}), its Atom feed, the public week page.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { renderTable } from "../scripts/lib/text-table";
import { blockTextLength, type SlackMessage } from "../src/block-kit/limits";
import { toMime } from "../src/deliver/email/mime";
import { isoWeekOf, weekRange } from "../src/digest/iso-week";
import type { Digest } from "../src/digest/types";
import { readerTokenOf } from "../src/security/reader-token";
import { withBenchSession } from "./lib/bench-session";
import { callBot, labJsonLines } from "./lib/bot-api";
import { bundleFrozenWorker, serveFrozenWorker } from "./lib/frozen-bot";
import type { LocalBot } from "./lib/local-bot";
import { machineLine } from "./lib/machine";
import { ADMIN_TOKEN } from "./lib/post-to-bot";
import { loadLabData } from "./lib/relevance-protocol";

const TIME_LIMIT_MS = 25 * 60_000;
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const isoWeekStart = (at: number) => weekRange(isoWeekOf(at)).start;
const bytes = (s: string) => Buffer.byteLength(s, "utf8");

interface ResendMail {
  to: string | string[];
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
}

/** What arrived, by kind. */
class Receiver {
  readonly mails: ResendMail[] = [];
  readonly slack: Array<{ channel: string; thread_ts?: string; ts: string } & SlackMessage> = [];
  readonly webhooks: Array<{ path: string; body: string }> = [];
  private posted = 0;
  readonly server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const url = req.url ?? "";
      res.setHeader("content-type", "application/json");
      if (url.endsWith("/emails")) {
        this.mails.push(JSON.parse(body) as ResendMail);
        res.end(JSON.stringify({ id: `mail-${this.mails.length}` }));
      } else if (url.endsWith("/chat.postMessage")) {
        const ts = `1700000000.${String(++this.posted).padStart(6, "0")}`;
        this.slack.push({ ...JSON.parse(body), ts });
        res.end(JSON.stringify({ ok: true, ts }));
      } else {
        this.webhooks.push({ path: url, body });
        res.end("{}");
      }
    });
  });
  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
}

async function fetchText(bot: LocalBot, route: string): Promise<string> {
  const res = await fetch(`${bot.url}${route}`);
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${route} answered ${res.status}: ${text.slice(0, 200)}`);
  return text;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(bot: LocalBot, what: string, done: () => boolean, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) {
      throw new Error(
        `timed out waiting for ${what}; the bot said:\n${(bot.output?.() ?? []).slice(-40).join("\n")}`,
      );
    }
    await sleep(250);
  }
}

const PROFILES = [
  { label: "default, 10 picks", seeds: false, size: 10 },
  { label: "5 seeds, 10 picks", seeds: true, size: 10 },
  { label: "5 seeds, 50 picks", seeds: true, size: 50 },
] as const;
const CHANNELS = ["email", "slack", "webhook"] as const;

interface Sub {
  id: string;
  channel: (typeof CHANNELS)[number];
  target: string;
  profile: (typeof PROFILES)[number];
}

const receiver = new Receiver();

async function main(): Promise<void> {
  console.log(machineLine());
  const lab = new Map(loadLabData().weeks.map((w) => [w.week, w]));
  const now = Date.now();
  // History first, then the two weeks delivered, one a week, ending last week (Wednesdays, noon UTC).
  const weeks = ["2025-W40", "2025-W42", "2025-W41", "2025-W43"].map((name, i) => {
    const real = lab.get(name)!;
    const at = isoWeekStart(now) - (4 - i) * WEEK_MS + 2.5 * DAY_MS;
    return { real: name, week: isoWeekOf(at), at, papers: real.papers };
  });
  const delivered = weeks.slice(2);
  const here = await receiver.listen();
  await withBenchSession(TIME_LIMIT_MS, async ({ signal, tempDir, stopAtEnd }) => {
    const worker = await bundleFrozenWorker(
      path.join(tempDir, "worker"),
      {
        ADMIN_TOKEN,
        MAIL_PROVIDER: "resend",
        MAIL_API_KEY: "re_bench",
        MAIL_API_URL: here,
        SLACK_BOT_TOKEN: "xoxb-bench",
        SLACK_API_URL: here,
        WEBHOOK_ALLOW_LOOPBACK: "true",
      },
      { allSettings: true },
    );
    const bot = stopAtEnd(await serveFrozenWorker(worker, path.join(tempDir, "d1"), signal));
    for (const w of weeks) {
      const at = encodeURIComponent(new Date(w.at).toISOString());
      for (let i = 0; i < w.papers.length; i += 400) {
        const body = labJsonLines(w.papers.slice(i, i + 400));
        await callBot(bot, "POST", `/api/ingest?source=bench:digest-sizes&receivedAt=${at}`, body);
      }
    }
    const seeds = weeks[0]!.papers.slice(0, 5).map((p) => p.key);
    const subs: Sub[] = [];
    for (const profile of PROFILES) {
      for (const channel of CHANNELS) {
        const n = subs.length;
        const target =
          channel === "email"
            ? `sizes-${n}@bench.example.org`
            : channel === "slack"
              ? `C0BENCH${String(n).padStart(4, "0")}`
              : `${here}/hook/${n}`;
        const created = (await callBot(
          bot,
          "POST",
          "/api/subscriptions",
          JSON.stringify({
            channel,
            target,
            size: profile.size,
            ...(profile.seeds ? { interests: { papers: seeds } } : {}),
          }),
        )) as { id: string };
        subs.push({ id: created.id, channel, target, profile });
      }
    }
    // Double opt-in: confirm each address through its confirmation mail's link.
    const addresses = subs.filter((s) => s.channel === "email");
    console.log(`imported ${weeks.length} weeks; ${subs.length} subscriptions`);
    await until(bot, "the confirmation mails", () => receiver.mails.length >= addresses.length, 120_000);
    for (const mail of receiver.mails.splice(0)) {
      const link = /https?:\/\/\S+\/subscriptions\/confirm\?token=[\w%-]+/.exec(mail.text)![0];
      const res = await fetch(`${bot.url}${new URL(link).pathname}${new URL(link).search}`, {
        method: "POST",
      });
      if (!res.ok) throw new Error(`confirming answered ${res.status}`);
    }
    // A catch-up publishes at most 8 weeks a run (the cron's bound): run it until nothing is left.
    for (let run = 0; run < 4; run++) {
      const report = (await callBot(bot, "POST", "/api/digests/publish")) as { published?: unknown[] };
      if (!report.published || report.published.length === 0) break;
    }
    const expected = delivered.length * subs.length;
    const firstSlack = () => receiver.slack.filter((m) => !m.thread_ts).length;
    console.log(`published; waiting for ${expected} deliveries`);
    await until(
      bot,
      `${expected} deliveries`,
      () => receiver.mails.length + receiver.webhooks.length + firstSlack() >= expected,
    );
    await sleep(3_000); // the threads' second messages

    const weekRows: string[][] = [];
    const rows: string[][] = [];
    for (const w of delivered) {
      const digestJson = await fetchText(bot, `/api/digests/${w.week}`);
      const digest = JSON.parse(digestJson) as Digest;
      const papers = digest.themes.reduce((n, t) => n + t.papers.length, 0);
      const page = await fetchText(bot, `/digests/${w.week}`);
      weekRows.push([
        w.week,
        String(papers),
        String(digest.themes.length),
        kb(bytes(digestJson)),
        kb(bytes(page)),
      ]);
      for (const profile of PROFILES) {
        const mine = subs.filter((s) => s.profile === profile);
        const email = mine.find((s) => s.channel === "email")!;
        const slack = mine.find((s) => s.channel === "slack")!;
        const hook = mine.find((s) => s.channel === "webhook")!;
        const mail = receiver.mails.find(
          (m) => [m.to].flat().includes(email.target) && m.subject.includes(w.week),
        );
        const mime = mail
          ? toMime({
              from: { name: "arxiv-digest", address: "digest@example.com" },
              to: email.target,
              subject: mail.subject,
              html: mail.html,
              text: mail.text,
              messageId: "<bench@example.com>",
              date: Date.now(),
              headers: mail.headers ?? {},
              idempotencyKey: "bench",
            })
          : "";
        const first = receiver.slack.find(
          (m) => m.channel === slack.target && !m.thread_ts && m.text.includes(w.week),
        );
        const messages = first
          ? [first, ...receiver.slack.filter((m) => m.thread_ts && m.thread_ts === first.ts)]
          : [];
        const body =
          receiver.webhooks.find(
            (h) => h.path === new URL(hook.target).pathname && h.body.includes(`"week":"${w.week}"`),
          )?.body ?? "";
        const token = await readerTokenOf(email.id, ADMIN_TOKEN);
        const reader = await fetchText(bot, `/s/${email.id}?token=${token}&week=${w.week}`);
        const feed = await fetchText(bot, `/feeds/subscriptions/${email.id}.atom?token=${token}`);
        rows.push([
          w.real,
          profile.label,
          mail ? mail.subject : "(no mail)",
          mail ? `${kb(bytes(mail.html))} (${(mail.html.match(/signal=up"/g) ?? []).length} picks)` : "–",
          mail ? kb(bytes(mime)) : "–",
          messages.length > 0
            ? `${messages.length}: ${messages.map((m) => `${m.blocks.length} blocks/${blockTextLength(m.blocks)} ch`).join(", ")}`
            : "(none)",
          body ? kb(bytes(body)) : "–",
          kb(bytes(reader)),
          kb(bytes(feed)),
        ]);
      }
    }
    console.log(
      `\nThe weeks (published; ${receiver.mails.length} digest mails, ${receiver.slack.length} Slack messages, ${receiver.webhooks.length} webhook calls arrived):`,
    );
    console.log(
      renderTable(
        ["week", "new papers", "themes", "GET /api/digests/{week}", "GET /digests/{week}"],
        weekRows,
      ),
    );
    console.log("\nWhat each subscriber receives (sizes in KB = 1,000 bytes):");
    console.log(
      renderTable(
        [
          "week",
          "subscription",
          "e-mail subject",
          "e-mail HTML",
          "e-mail MIME",
          "Slack messages",
          "webhook body",
          "page /s/{id}",
          "Atom feed",
        ],
        rows,
      ),
    );
  });
}

const kb = (n: number) => (n / 1000).toFixed(1);

try {
  await main();
} finally {
  receiver.server.close();
}
