/**
 * Slack deliveries of a digest too large for one message, and what Slack's errors do, with the
 * consumer called directly (deliverMessage, with the clock moved on instead of waiting for the
 * queue's delays): a thread or messages in order; a failure on part 2 retried from part 2 (never
 * part 1 again); gone channels and webhooks ending the subscription, the bot's own trouble not.
 * One file = one database: the subscriptions all exist before the week is published.
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
import { slackProblems } from "../standins/slack-rules";
import { ADMIN_TOKEN, call, fixtureText } from "../support/api";
import { db } from "../support/db";
import { deliveriesOf, subscribe } from "../support/deliveries";
import { ingestAt } from "../support/ingest-at";
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
const TARGETS = [THREAD, IN_ORDER, RATE_ON_PART_2, OUTAGE_ON_PART_2, ARCHIVED, NOT_IN, GONE, BAD_TOKEN];

const queued: DeliveryMessage[] = [];
/** Fan-out into a list instead of the real queue: this file runs the consumer itself. */
const captureQueue = {
  send: async (body: DeliveryMessage) => void queued.push(body),
  sendBatch: async (batch: Iterable<{ body: DeliveryMessage }>) => {
    for (const m of batch) queued.push(m.body);
  },
} as unknown as Queue<DeliveryMessage>;

const deliveryIds = new Map<string, number>();
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

/** Every paper of the digest exactly once across the messages, each message within the limits. */
function expectWholeDigest(taken: TakenMessage[]) {
  for (const message of taken) expect(slackProblems(message)).toEqual([]);
  const text = taken.map(messageText).join("\n");
  const papers = digest.themes.flatMap((t) => [...t.papers, ...t.updated]);
  for (const paper of papers) {
    const needle = paper.links ? `<${paper.links.abs}|` : paper.title.slice(0, 40);
    expect(text.split(needle).length - 1, paper.key).toBe(1);
  }
  taken.forEach((message, i) => {
    expect(message.text).toContain(`(part ${i + 1} of ${taken.length})`);
  });
}

beforeAll(async () => {
  // 80 real arXiv records first seen last week: a digest that needs several Slack messages.
  const lines = (await fixtureText("data/arxiv-metadata-oai-snapshot.head200.jsonl")).split("\n");
  await ingestAt(lines.slice(0, 80).join("\n"), Date.now() - WEEK_MS);
  for (const target of TARGETS) await subscribe({ channel: "slack", target }, ADMIN_TOKEN);
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

describe("a digest larger than one Slack message", () => {
  it("with the bot token: the first part in the channel, the rest as replies in its thread", async () => {
    expect(await deliver(THREAD)).toEqual({ ack: true });
    expect(await rowOf(THREAD)).toMatchObject({ status: "sent", attempts: 1 });
    const taken = await messages(THREAD);
    expect(taken.length).toBeGreaterThanOrEqual(3);
    const [first, ...replies] = taken;
    expect(first!.thread_ts).toBeUndefined();
    for (const reply of replies) expect(reply.thread_ts).toBe(first!.ts);
    expect(messageText(first!)).toContain("continued in the thread");
    expectWholeDigest(taken);
  });

  it("with an incoming webhook (no threads): the parts as messages in order", async () => {
    expect(await deliver(IN_ORDER)).toEqual({ ack: true });
    const taken = await messages(IN_ORDER);
    expect(taken.length).toBeGreaterThanOrEqual(3);
    for (const message of taken) expect(message.thread_ts).toBeUndefined();
    expect(messageText(taken[0]!)).toContain("continued below");
    expectWholeDigest(taken);
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
        `^slack: posted 1/\\d+ parts \\(thread ${first!.ts.replace(".", "\\.")}, render [0-9a-f]{8}\\); part 2: `,
      ),
    );
    expect(await messages(RATE_ON_PART_2)).toHaveLength(1);

    expect(await deliver(RATE_ON_PART_2, t0 + 31_000)).toEqual({ ack: true });
    expect(await rowOf(RATE_ON_PART_2)).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    const taken = await messages(RATE_ON_PART_2);
    expect(taken[0]).toEqual(first);
    for (const reply of taken.slice(1)) expect(reply.thread_ts).toBe(first!.ts);
    expectWholeDigest(taken);
    // Part 1 went out once; part 2 was asked twice (429, then taken); each later part once.
    const asked = (await requests(RATE_ON_PART_2)).map((r) => r.answeredStatus);
    expect(asked).toEqual([200, 429, ...taken.slice(1).map(() => 200)]);
  });

  it("an outage on part 2 of a webhook delivery: retried on the schedule, from part 2 on", async () => {
    await scriptSlack(OUTAGE_ON_PART_2, [{ pass: true }, { status: 500, body: "rollup_error" }]);
    const t0 = Date.now();
    expect(await deliver(OUTAGE_ON_PART_2, t0)).toEqual({ ack: false, delaySeconds: 5 });
    const waiting = await rowOf(OUTAGE_ON_PART_2);
    expect(waiting.lastError).toMatch(
      /^slack: posted 1\/\d+ parts \(render [0-9a-f]{8}\); part 2: incoming webhook: 500 rollup_error$/,
    );
    expect(await deliver(OUTAGE_ON_PART_2, t0 + 6_000)).toEqual({ ack: true });
    const taken = await messages(OUTAGE_ON_PART_2);
    expectWholeDigest(taken);
    expect((await requests(OUTAGE_ON_PART_2)).map((r) => r.answeredStatus)).toEqual([
      200,
      500,
      ...taken.slice(1).map(() => 200),
    ]);
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
