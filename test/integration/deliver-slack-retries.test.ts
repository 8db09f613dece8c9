/**
 * Slack deliveries of a week with more to say than its picks (two messages: the picks, then the
 * week's themes and more), and what Slack's errors do, with the consumer called directly
 * (deliverMessage, with the clock moved on instead of waiting for the queue's delays): a thread or
 * messages in order; a failure on part 2 retried from part 2 (never part 1 again); 50 picks still
 * two messages; a filtered subscription sees only its papers; gone channels and webhooks ending the
 * subscription, the bot's own trouble not. One file = one database: the subscriptions all exist
 * before the week is published.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { deliverMessage } from "../../src/deliver/deliver-message";
import { publishAndFanOut } from "../../src/deliver/publish-and-fan-out";
import { deliveryDeps } from "../../src/deliver/senders";
import type { DeliveryMessage } from "../../src/deliver/types";
import { isoWeekOf } from "../../src/digest";
import type { Digest } from "../../src/digest/types";
import { readConfig } from "../../src/env";
import type { TakenMessage } from "../standins/slack";
import { ADMIN_TOKEN, call, fixtureText } from "../support/api";
import { db } from "../support/db";
import { deliveriesOf, subscribe } from "../support/deliveries";
import { ingestAt } from "../support/ingest-at";
import { expectSlackDigest, feedbackByPaper, linkedArxivIds } from "../support/slack-digest";
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

async function control(action: "state", conversation: string, init: RequestInit, query = "") {
  const res = await standins(
    `/slack/${action}?conversation=${encodeURIComponent(conversation)}${query}`,
    init,
  );
  expect(res.status).toBe(200);
}
const setState = (conversation: string, state: string) =>
  control("state", conversation, { method: "POST" }, `&state=${state}`);

async function subscriptionStatus(target: string): Promise<{ status: string; status_reason: string | null }> {
  return (await env.DB.prepare("SELECT status, status_reason FROM subscriptions WHERE target = ?")
    .bind(target)
    .first())!;
}

const THREAD = channelId("THREAD");
const IN_ORDER = webhookUrl("ORDER");
const RATE_ON_PART_2 = channelId("RATE");
const OUTAGE_ON_PART_2 = webhookUrl("OUTAGE");
const ARCHIVED = channelId("ARCHIVED");
const NOT_IN = channelId("NOTIN");
const GONE = webhookUrl("GONE");
const BAD_TOKEN = channelId("TOKEN");
const FIFTY = channelId("FIFTY");
const QUANTUM = webhookUrl("QUANTUM");
const TARGETS = [
  THREAD,
  IN_ORDER,
  RATE_ON_PART_2,
  OUTAGE_ON_PART_2,
  ARCHIVED,
  NOT_IN,
  GONE,
  BAD_TOKEN,
  FIFTY,
  QUANTUM,
];
/** What a subscription asks for beyond its target: 50 picks, or only papers that mention "quantum". */
const SETTINGS: Record<string, Record<string, unknown>> = {
  [FIFTY]: { size: 50 },
  [QUANTUM]: { query: "quantum" },
};

const queued: DeliveryMessage[] = [];
/** Fan-out into a list instead of the real queue: this file runs the consumer itself. */
const captureQueue = {
  send: async (body: DeliveryMessage) => void queued.push(body),
  sendBatch: async (batch: Iterable<{ body: DeliveryMessage }>) => {
    for (const m of batch) queued.push(m.body);
  },
} as unknown as Queue<DeliveryMessage>;

const deliveryIds = new Map<string, number>();
const subscriptionIds = new Map<string, string>();
let digest: Digest;

function deliver(target: string, now = Date.now(), token?: string) {
  const config = readConfig(env).delivery;
  const deps = deliveryDeps(db(), env, token ? { ...config, slackBotToken: token } : config);
  return deliverMessage(
    { kind: "digest", deliveryId: deliveryIds.get(target)! },
    { ...deps, now: () => now },
  );
}

async function rowOf(target: string) {
  return (await deliveriesOf(lastWeek)).find((r) => r.id === deliveryIds.get(target))!;
}

/**
 * The week's digest as Slack got it: two messages within the limits (the stand-in's rules), the ten
 * picks in the first, each with its three buttons naming the subscription and a paper of the week,
 * and the week's themes in the second.
 */
function expectTwoPartDigest(taken: TakenMessage[], target: string) {
  expect(taken).toHaveLength(2);
  const keys = expectSlackDigest(taken, subscriptionIds.get(target)!, 10);
  const week = new Set(digest.themes.flatMap((t) => t.papers.map((p) => p.key)));
  for (const key of keys) expect(week.has(key), key).toBe(true);
  expect(feedbackByPaper([taken[0]!], subscriptionIds.get(target)!).size).toBe(10);
  expect(taken[0]!.text).toBe(
    `arXiv digest, week ${lastWeek}: 10 picks of ${digest.stats.newPapers} new papers`,
  );
  expect(messageText(taken[1]!)).toContain("The week’s themes");
}

beforeAll(async () => {
  // 80 real arXiv records first seen last week: ten picks, and themes with more to show.
  const lines = (await fixtureText("data/arxiv-metadata-oai-snapshot.head200.jsonl")).split("\n");
  await ingestAt(lines.slice(0, 80).join("\n"), Date.now() - WEEK_MS);
  for (const target of TARGETS) {
    const created = await subscribe({ channel: "slack", target, ...SETTINGS[target] }, ADMIN_TOKEN);
    subscriptionIds.set(target, created.id);
  }
  const report = await publishAndFanOut(db(), captureQueue, Date.now());
  expect(report.published.map((p) => p.week)).toEqual([lastWeek]);
  expect(queued).toHaveLength(TARGETS.length);
  const rows = await deliveriesOf(lastWeek);
  for (const target of TARGETS) {
    const row = rows.find((r) => (r as unknown as { target: string }).target === target);
    deliveryIds.set(target, row!.id);
  }
  digest = await (await call(`/api/digests/${lastWeek}`)).json();
  expect(digest.stats.newPapers).toBeGreaterThanOrEqual(75);
});

describe("a week with more to say than its picks: two Slack messages", () => {
  it("with the bot token: the picks in the channel, the rest of the week in its thread", async () => {
    expect(await deliver(THREAD)).toEqual({ ack: true });
    expect(await rowOf(THREAD)).toMatchObject({ status: "sent", attempts: 1 });
    const taken = await messages(THREAD);
    const [first, reply] = taken;
    expect(first!.thread_ts).toBeUndefined();
    expect(reply!.thread_ts).toBe(first!.ts);
    expect(messageText(first!)).toContain("The week’s themes, updates and more in the thread");
    expectTwoPartDigest(taken, THREAD);
  });

  it("with an incoming webhook (no threads): the two messages in order", async () => {
    expect(await deliver(IN_ORDER)).toEqual({ ack: true });
    const taken = await messages(IN_ORDER);
    for (const message of taken) expect(message.thread_ts).toBeUndefined();
    expect(messageText(taken[0]!)).toContain("The week’s themes, updates and more below");
    expectTwoPartDigest(taken, IN_ORDER);
  });

  it("50 picks: still two messages within the limits, every pick with its three buttons", async () => {
    expect(await deliver(FIFTY)).toEqual({ ack: true });
    expect(await rowOf(FIFTY)).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    const taken = await messages(FIFTY);
    expect(taken).toHaveLength(2);
    expect(taken[1]!.thread_ts).toBe(taken[0]!.ts);
    const keys = expectSlackDigest(taken, subscriptionIds.get(FIFTY)!, 50);
    const week = new Set(digest.themes.flatMap((t) => t.papers.map((p) => p.key)));
    for (const key of keys) expect(week.has(key), key).toBe(true);
  });

  it("a subscription filtered to one word: every paper it shows mentions it", async () => {
    expect(await deliver(QUANTUM)).toEqual({ ack: true });
    const taken = await messages(QUANTUM);
    const all = [
      ...digest.themes.flatMap((t) => [...t.papers, ...t.updated]),
      ...digest.seenBefore.map((e) => ({ ...e, summary: "" })),
    ];
    const mentions = (p: { title: string; summary: string }) => /quantum/i.test(`${p.title} ${p.summary}`);
    const matching = all.filter(mentions);
    expect(matching.length).toBeGreaterThanOrEqual(5);
    expect(matching.length).toBeLessThan(all.length);
    const byId = new Map(all.map((p) => [p.key.replace(/^arxiv:/, ""), p]));
    const shown = linkedArxivIds(taken);
    expect(shown.length).toBeGreaterThanOrEqual(Math.min(10, matching.length));
    for (const id of shown) expect(mentions(byId.get(id)!), id).toBe(true);
    const picks = expectSlackDigest(taken, subscriptionIds.get(QUANTUM)!, Math.min(10, matching.length));
    for (const key of picks) expect(mentions(all.find((p) => p.key === key)!), key).toBe(true);
    expect(messageText(taken[0]!)).toContain(`pass your filters (of ${digest.stats.newPapers} this week)`);
  });

  it("a long rate limit on part 2 goes back to the queue; the retry posts the rest, never part 1 again", async () => {
    await scriptSlack(RATE_ON_PART_2, [
      { pass: true },
      {
        status: 429,
        headers: { "retry-after": "30" },
        body: JSON.stringify({ ok: false, error: "ratelimited" }),
      },
    ]);
    const t0 = Date.now();
    expect(await deliver(RATE_ON_PART_2, t0)).toEqual({ ack: false, delaySeconds: 30 });
    const waiting = await rowOf(RATE_ON_PART_2);
    expect(waiting).toMatchObject({ status: "retrying", attempts: 1 });
    const [first] = await messages(RATE_ON_PART_2);
    expect(waiting.lastError).toMatch(
      new RegExp(
        `^slack: posted 1/2 parts \\(thread ${first!.ts.replace(".", "\\.")}, render [0-9a-f]{8}\\); part 2: `,
      ),
    );
    expect(await messages(RATE_ON_PART_2)).toHaveLength(1);

    expect(await deliver(RATE_ON_PART_2, t0 + 31_000)).toEqual({ ack: true });
    expect(await rowOf(RATE_ON_PART_2)).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    const taken = await messages(RATE_ON_PART_2);
    expect(taken[0]).toEqual(first);
    expect(taken[1]!.thread_ts).toBe(first!.ts);
    expectTwoPartDigest(taken, RATE_ON_PART_2);
    // Part 1 went out once; part 2 was asked twice (429, then taken).
    const asked = (await requests(RATE_ON_PART_2)).map((r) => r.answeredStatus);
    expect(asked).toEqual([200, 429, 200]);
  });

  it("an outage on part 2 of a webhook delivery: retried on the schedule, from part 2 on", async () => {
    await scriptSlack(OUTAGE_ON_PART_2, [{ pass: true }, { status: 500, body: "rollup_error" }]);
    const t0 = Date.now();
    expect(await deliver(OUTAGE_ON_PART_2, t0)).toEqual({ ack: false, delaySeconds: 5 });
    const waiting = await rowOf(OUTAGE_ON_PART_2);
    expect(waiting.lastError).toMatch(
      /^slack: posted 1\/2 parts \(render [0-9a-f]{8}\); part 2: incoming webhook: 500 rollup_error$/,
    );
    expect(await deliver(OUTAGE_ON_PART_2, t0 + 6_000)).toEqual({ ack: true });
    const taken = await messages(OUTAGE_ON_PART_2);
    expectTwoPartDigest(taken, OUTAGE_ON_PART_2);
    expect((await requests(OUTAGE_ON_PART_2)).map((r) => r.answeredStatus)).toEqual([200, 500, 200]);
  });
});

describe("what Slack's errors do to the delivery and the subscription", () => {
  it("an archived channel: the delivery fails and the subscription ends", async () => {
    await setState(ARCHIVED, "archived");
    expect(await deliver(ARCHIVED)).toEqual({ ack: true });
    expect(await rowOf(ARCHIVED)).toMatchObject({
      status: "failed",
      lastError: "chat.postMessage: is_archived",
    });
    expect(await subscriptionStatus(ARCHIVED)).toEqual({
      status: "disabled",
      status_reason: "chat.postMessage: is_archived",
    });
  });

  it("a webhook Slack no longer knows: the delivery fails and the subscription ends", async () => {
    await setState(GONE, "gone");
    expect(await deliver(GONE)).toEqual({ ack: true });
    expect(await rowOf(GONE)).toMatchObject({
      status: "failed",
      lastError: "incoming webhook: 404 no_service",
    });
    expect((await subscriptionStatus(GONE)).status).toBe("disabled");
    expect(await messages(GONE)).toEqual([]);
  });

  it("the bot not in the channel: this delivery fails, the subscription stays for next week", async () => {
    await setState(NOT_IN, "not_in_channel");
    expect(await deliver(NOT_IN)).toEqual({ ack: true });
    const row = await rowOf(NOT_IN);
    expect(row.status).toBe("failed");
    expect(row.lastError).toContain("not_in_channel (invite the bot to the channel");
    expect((await subscriptionStatus(NOT_IN)).status).toBe("active");
  });

  it("a refused bot token: this delivery fails, no subscription is ended for the operator's secret", async () => {
    expect(await deliver(BAD_TOKEN, Date.now(), "xoxb-revoked")).toEqual({ ack: true });
    const row = await rowOf(BAD_TOKEN);
    expect(row.status).toBe("failed");
    expect(row.lastError).toBe("chat.postMessage: invalid_auth (check SLACK_BOT_TOKEN and its scopes)");
    expect((await subscriptionStatus(BAD_TOKEN)).status).toBe("active");
    expect(await messages(BAD_TOKEN)).toEqual([]);
  });
});
