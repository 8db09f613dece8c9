/**
 * Slack deliveries end to end, through the real local queue and D1, to the Slack stand-in
 * (test/standins/slack.ts: checks the bot token and the Block Kit limits, gives ts values): a
 * channel id posted with the bot token, an incoming webhook, and a 429 with Retry-After: 1 on
 * each, waited out and delivered once. A ten-paper week: ten picks, one message. One file = one database: the steps build on each other.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { publishAndFanOut } from "../../src/deliver/publish-and-fan-out";
import { isoWeekOf } from "../../src/digest";
import type { Digest } from "../../src/digest/types";
import { slackProblems } from "../standins/slack-rules";
import type { ScriptedResponse } from "../standins/types";
import { ADMIN_TOKEN, call, fixtureText } from "../support/api";
import { db } from "../support/db";
import { type DeliveryView, deliveriesOf, subscribe, waitForDeliveries } from "../support/deliveries";
import { ingestAt } from "../support/ingest-at";
import { expectSlackDigest, linkedArxivIds } from "../support/slack-digest";
import {
  messages,
  messageText,
  requests,
  scriptSlack,
  slackTargets,
  standins,
} from "../support/slack-standin";

const WEEK_MS = 7 * 86_400_000;
const lastWeek = isoWeekOf(Date.now() - WEEK_MS);
const { channelId, webhookUrl } = slackTargets();

/** The registry's own per-URL script (what any stand-in supports). */
async function scriptUrl(url: string, answers: ScriptedResponse[]) {
  const res = await standins(`/script?target=${encodeURIComponent(url)}`, {
    method: "POST",
    body: JSON.stringify(answers),
  });
  expect(res.status).toBe(200);
}

const BOT = channelId("BOT");
const HOOK = webhookUrl("HOOK");
const BOT_RATE = channelId("RATE");
const HOOK_RATE = webhookUrl("RATE");
const ids = new Map<string, string>();
let rows: DeliveryView[] = [];
let digest: Digest;

const rowOf = (target: string) => rows.find((r) => r.subscription === ids.get(target))!;

beforeAll(async () => {
  await ingestAt(await fixtureText("seeds/000_6a4379718c0c1abb.txt"), Date.now() - WEEK_MS);
  for (const target of [BOT, HOOK, BOT_RATE, HOOK_RATE]) {
    const created = await subscribe({ channel: "slack", target }, ADMIN_TOKEN);
    expect(created.status).toBe("active");
    ids.set(target, created.id);
  }
  await scriptSlack(BOT_RATE, [
    {
      status: 429,
      headers: { "retry-after": "1", "content-type": "application/json" },
      body: JSON.stringify({ ok: false, error: "ratelimited" }),
    },
  ]);
  await scriptUrl(HOOK_RATE, [{ status: 429, headers: { "retry-after": "1" }, body: "rate_limited" }]);

  const report = await publishAndFanOut(db(), env.DELIVERY_QUEUE, Date.now());
  expect(report.published.map((p) => p.week)).toEqual([lastWeek]);
  expect(report.delivery).toMatchObject({ digests: [lastWeek], enqueued: 4 });
  rows = await waitForDeliveries(lastWeek);
  digest = await (await call(`/api/digests/${lastWeek}`)).json();
});

describe("Slack deliveries through the queue", () => {
  it("posts the digest to a channel id with the bot token: one message within the limits, once", async () => {
    expect(rowOf(BOT)).toMatchObject({ channel: "slack", status: "sent", attempts: 1, lastError: null });
    const sent = await requests(BOT);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.headers.authorization).toBe("Bearer xoxb-test-token");
    expect(sent[0]!.headers["content-type"]).toContain("application/json");
    const body = JSON.parse(sent[0]!.body);
    expect(body).toMatchObject({ channel: BOT, unfurl_links: false });
    expect(body.thread_ts).toBeUndefined();

    // Ten papers and ten picks: every paper is a pick, nothing is left for a second message.
    const [message, ...more] = await messages(BOT);
    expect(more).toEqual([]);
    expect(slackProblems(message)).toEqual([]);
    expect(message!.ts).toMatch(/^\d+\.\d{6}$/);
    expect(message!.text).toBe(`arXiv digest, week ${lastWeek}: 10 picks of 10 new papers`);
    const id = ids.get(BOT)!;
    const picked = expectSlackDigest([message!], id, 10);
    // Every paper of the week once, linked to arXiv, with its three buttons.
    const papers = digest.themes.flatMap((t) => t.papers);
    expect(papers).toHaveLength(10);
    expect(new Set(picked)).toEqual(new Set(papers.map((p) => p.key)));
    expect(linkedArxivIds([message!]).sort()).toEqual(papers.map((p) => p.arxivId).sort());
    const text = messageText(message!);
    expect(text).toContain(`*10 new papers* in `);
    expect(text).toMatch(
      new RegExp(
        `<https://digest\\.example\\.org/s/${id}\\?token=rd_[^|]+&amp;week=${lastWeek}\\|All 10 papers and your picks on the web>`,
      ),
    );
    expect(text).toContain(`<https://digest.example.org/feeds/subscriptions/${id}.atom?token=rd_`);
    expect(text).toMatch(/<https:\/\/digest\.example\.org\/unsubscribe\?token=unsub_[^|]+\|Unsubscribe>/);
  });

  it("posts the digest to an incoming webhook: one message within the limits, once", async () => {
    expect(rowOf(HOOK)).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    const sent = await requests(HOOK);
    expect(sent.map((r) => [r.method, r.answeredStatus])).toEqual([["POST", 200]]);
    expect(sent[0]!.headers.authorization).toBeUndefined();
    const taken = await messages(HOOK);
    expect(taken).toHaveLength(1);
    expect(slackProblems(taken[0])).toEqual([]);
    expect(taken[0]!.unfurl_links).toBe(false);
    expectSlackDigest(taken, ids.get(HOOK)!, 10);
    // The same picks as the channel got (the buttons and links name each its own subscription).
    const picks = (blocks: unknown[]) =>
      (blocks as Array<{ type: string; block_id?: string }>).filter(
        (b) => b.type !== "actions" && b.block_id?.startsWith("pick-"),
      );
    const bot = picks((await messages(BOT))[0]!.blocks);
    expect(bot.length).toBeGreaterThanOrEqual(10);
    expect(picks(taken[0]!.blocks)).toEqual(bot);
  });

  it("waits out a 429 with Retry-After: 1 and then delivers once (bot token and webhook)", async () => {
    for (const target of [BOT_RATE, HOOK_RATE]) {
      expect(rowOf(target), target).toMatchObject({ status: "sent", attempts: 1, lastError: null });
      const sent = await requests(target);
      expect(sent.map((r) => r.answeredStatus)).toEqual([429, 200]);
      expect(sent[1]!.at - sent[0]!.at).toBeGreaterThanOrEqual(950);
      expect(await messages(target)).toHaveLength(1);
    }
  });

  it("sends nothing twice: the weekly job again, and the queue message redelivered", async () => {
    const again = await publishAndFanOut(db(), env.DELIVERY_QUEUE, Date.now());
    expect(again.delivery.enqueued).toBe(0);
    await env.DELIVERY_QUEUE.send({ kind: "digest", deliveryId: rowOf(BOT).id });
    await env.DELIVERY_QUEUE.send({ kind: "digest", deliveryId: rowOf(HOOK).id });
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await messages(BOT)).toHaveLength(1);
    expect(await messages(HOOK)).toHaveLength(1);
    const after = await deliveriesOf(lastWeek);
    expect(after.map((r) => [r.status, r.attempts])).toEqual(rows.map(() => ["sent", 1]));
  });
});
