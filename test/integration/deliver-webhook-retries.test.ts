/**
 * Webhook delivery under failure, step by step: the consumer's code (deliverMessage) is called
 * directly with a clock the test moves, so the retry schedule's hours pass at once. Fan-out goes
 * to a capturing queue here, so the real queue consumer does not race the test.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { type DeliveryDeps, deliverMessage } from "../../src/deliver/deliver-message";
import { publishAndFanOut } from "../../src/deliver/publish-and-fan-out";
import { deliveryDeps } from "../../src/deliver/senders";
import type { DeliveryMessage } from "../../src/deliver/types";
import { createWebhookSender } from "../../src/deliver/webhook";
import { isoWeekOf } from "../../src/digest";
import { readConfig } from "../../src/env";
import type { RecordedRequest, ScriptedResponse } from "../standins/types";
import type { WebhookVerdict } from "../standins/webhook-receiver";
import { fixtureText } from "../support/api";
import { db } from "../support/db";
import { type DeliveryView, deliveriesOf, subscribe } from "../support/deliveries";
import { ingestAt } from "../support/ingest-at";

const WEEK_MS = 7 * 86_400_000;
const lastWeek = isoWeekOf(Date.now() - WEEK_MS);
const RUN = crypto.randomUUID().slice(0, 8);
const TIMEOUT_MS = 200;

const standins = (path: string, init?: RequestInit) => env.STANDINS.fetch(`http://standins${path}`, init);
const hostOf = (url: string) => encodeURIComponent(new URL(url).host);
async function verdicts(url: string): Promise<WebhookVerdict[]> {
  return (await standins(`/webhook/verified?contains=${hostOf(url)}`)).json();
}
async function requests(url: string): Promise<RecordedRequest[]> {
  return (await standins(`/webhook/requests?contains=${hostOf(url)}`)).json();
}
async function script(url: string, answers: ScriptedResponse[]) {
  await standins(`/script?target=${encodeURIComponent(url)}`, {
    method: "POST",
    body: JSON.stringify(answers),
  });
}

/** Subscribes a webhook; registers `secret` (default: its own) with the receiver. */
async function endpoint(name: string, secret?: string) {
  const url = `https://${name}-${RUN}.receiver.example.com/hook`;
  const created = await subscribe({ channel: "webhook", target: url });
  await standins("/webhook/register", {
    method: "POST",
    body: JSON.stringify({ url, secret: secret ?? created.webhookSecret }),
  });
  return { url, id: created.id };
}

/** The consumer's dependencies with a test clock for the ledger and a short send timeout. */
function depsAt(clock: { now: number }): DeliveryDeps {
  const config = readConfig(env).delivery;
  const base = deliveryDeps(db(), env, config);
  // The sender signs with the real time (receivers check it); the ledger runs on the test clock.
  const webhook = createWebhookSender({ config, env, now: () => Date.now() }, { timeoutMs: TIMEOUT_MS });
  return { ...base, senders: { ...base.senders, webhook }, now: () => clock.now };
}

describe("webhook retries, timeouts and exactly-once", () => {
  const captured: DeliveryMessage[] = [];
  const queue = {
    send: async (body: DeliveryMessage) => void captured.push(body),
    sendBatch: async (batch: Iterable<{ body: DeliveryMessage }>) => {
      for (const m of batch) captured.push(m.body);
    },
  } as unknown as Queue<DeliveryMessage>;

  let twice: { url: string; id: string };
  let flaky: { url: string; id: string };
  let slow: { url: string; id: string };
  let busy: { url: string; id: string };
  let down: { url: string; id: string };
  let wrongSecret: { url: string; id: string };
  let changed: { url: string; id: string };
  let rows: DeliveryView[];
  const idOf = (e: { id: string }) => rows.find((r) => r.subscription === e.id)!.id;
  const row = async (e: { id: string }) =>
    (await deliveriesOf(lastWeek)).find((r) => r.subscription === e.id)!;

  beforeAll(async () => {
    await ingestAt(await fixtureText("seeds/000_6a4379718c0c1abb.txt"), Date.now() - WEEK_MS);
    twice = await endpoint("twice");
    flaky = await endpoint("flaky");
    slow = await endpoint("slow");
    busy = await endpoint("busy");
    down = await endpoint("down");
    wrongSecret = await endpoint("wrong-secret", `whsec_${btoa("not the endpoint's secret, 32 b!")}`);
    changed = await endpoint("changed");
    await publishAndFanOut(db(), queue, Date.now());
    rows = await deliveriesOf(lastWeek);
    expect(rows.map((r) => r.status)).toEqual(rows.map(() => "pending"));
    expect(captured).toHaveLength(rows.length);
  });

  it("sends once when the same message is handled twice, even at the same moment", async () => {
    const clock = { now: Date.now() };
    const message: DeliveryMessage = { kind: "digest", deliveryId: idOf(twice) };
    const [a, b] = await Promise.all([
      deliverMessage(message, depsAt(clock)),
      deliverMessage(message, depsAt(clock)),
    ]);
    // One sent it; the other found the claim taken (and would look again after it) or the row done.
    expect([a, b]).toContainEqual({ ack: true });
    expect(await deliverMessage(message, depsAt(clock))).toEqual({ ack: true });
    expect(await requests(twice.url)).toHaveLength(1);
    expect((await verdicts(twice.url)).filter((v) => v.verified)).toHaveLength(1);
    expect(await row(twice)).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("500 then 200: retried after the schedule's 5 s, delivered once", async () => {
    await script(flaky.url, [{ status: 500, body: "database is restarting" }]);
    const clock = { now: Date.now() };
    const message: DeliveryMessage = { kind: "digest", deliveryId: idOf(flaky) };
    expect(await deliverMessage(message, depsAt(clock))).toEqual({ ack: false, delaySeconds: 5 });
    expect(await row(flaky)).toMatchObject({
      status: "retrying",
      attempts: 1,
      lastError: "HTTP 500: database is restarting",
    });
    clock.now += 5_000;
    expect(await deliverMessage(message, depsAt(clock))).toEqual({ ack: true });
    expect(await row(flaky)).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    const seen = await requests(flaky.url);
    expect(seen.map((r) => r.answeredStatus)).toEqual([500, 204]);
    expect(seen[1]!.headers["webhook-id"]).toBe(seen[0]!.headers["webhook-id"]);
    expect((await verdicts(flaky.url)).filter((v) => v.verified)).toHaveLength(1);
    // A late copy of the message changes nothing.
    clock.now += 3_600_000;
    expect(await deliverMessage(message, depsAt(clock))).toEqual({ ack: true });
    expect(await requests(flaky.url)).toHaveLength(2);
  });

  it("a receiver slower than the timeout is retried", async () => {
    await script(slow.url, [{ status: 200, delayMs: TIMEOUT_MS + 800 }]);
    const clock = { now: Date.now() };
    const message: DeliveryMessage = { kind: "digest", deliveryId: idOf(slow) };
    const started = Date.now();
    expect(await deliverMessage(message, depsAt(clock))).toEqual({ ack: false, delaySeconds: 5 });
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 700);
    expect(await row(slow)).toMatchObject({ status: "retrying", lastError: "no answer within 0.2 s" });
    clock.now += 5_000;
    expect(await deliverMessage(message, depsAt(clock))).toEqual({ ack: true });
    expect(await row(slow)).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("honours Retry-After (seconds or an HTTP date) up to a day, chaining queue delays of 12 h", async () => {
    const at = new Date(Date.now() + 2 * 3_600_000).toUTCString();
    await script(busy.url, [
      { status: 429, headers: { "retry-after": "120" } },
      { status: 503, headers: { "retry-after": at } },
      { status: 503, headers: { "retry-after": String(3 * 86_400) } },
    ]);
    const clock = { now: Date.now() };
    const message: DeliveryMessage = { kind: "digest", deliveryId: idOf(busy) };
    expect(await deliverMessage(message, depsAt(clock))).toEqual({ ack: false, delaySeconds: 120 });
    clock.now += 120_000;
    const second = await deliverMessage(message, depsAt(clock));
    // About two hours (the date has second precision and the clock moved on while sending).
    expect(second.ack).toBe(false);
    expect(Math.abs((second as { delaySeconds: number }).delaySeconds - 7_200)).toBeLessThanOrEqual(5);
    clock.now += 7_200_000;
    // Three days asked, one day honoured: two 12 h queue delays, the first return only waits again.
    expect(await deliverMessage(message, depsAt(clock))).toEqual({ ack: false, delaySeconds: 43_200 });
    clock.now += 43_200_000;
    expect(await deliverMessage(message, depsAt(clock))).toEqual({ ack: false, delaySeconds: 43_200 });
    expect(await row(busy)).toMatchObject({ status: "retrying", attempts: 3 });
    clock.now += 43_200_000;
    expect(await deliverMessage(message, depsAt(clock))).toEqual({ ack: true });
    expect(await row(busy)).toMatchObject({ status: "sent", attempts: 4 });
  });

  it("gives up after the whole schedule (8 attempts over about 27.6 h)", async () => {
    await script(
      down.url,
      Array.from({ length: 8 }, () => ({ status: 503, body: "down for maintenance" })),
    );
    const clock = { now: Date.now() };
    const message: DeliveryMessage = { kind: "digest", deliveryId: idOf(down) };
    const delays: number[] = [];
    for (;;) {
      const verdict = await deliverMessage(message, depsAt(clock));
      if (verdict.ack) break;
      delays.push(verdict.delaySeconds);
      clock.now += verdict.delaySeconds * 1000;
    }
    expect(delays).toEqual([5, 300, 1_800, 7_200, 18_000, 36_000, 36_000]);
    expect(await row(down)).toMatchObject({
      status: "failed",
      attempts: 8,
      lastError: expect.stringMatching(/^gave up after 8 attempts: HTTP 503/),
    });
    expect(await requests(down.url)).toHaveLength(8);
  });

  it("a receiver that cannot verify the signature answers 401: a failure, not retried", async () => {
    const message: DeliveryMessage = { kind: "digest", deliveryId: idOf(wrongSecret) };
    expect(await deliverMessage(message, depsAt({ now: Date.now() }))).toEqual({ ack: true });
    const [verdict] = await verdicts(wrongSecret.url);
    expect(verdict).toMatchObject({ verified: false, error: "No matching signature found" });
    expect(await row(wrongSecret)).toMatchObject({
      status: "failed",
      attempts: 1,
      lastError: expect.stringMatching(/^HTTP 401.*No matching signature found/),
    });
  });

  it("checks the target again before sending: a stored URL that is now refused is never called", async () => {
    await env.DB.prepare("UPDATE subscriptions SET target = ? WHERE id = ?")
      .bind(changed.url.replace("https:", "http:"), changed.id)
      .run();
    const message: DeliveryMessage = { kind: "digest", deliveryId: idOf(changed) };
    expect(await deliverMessage(message, depsAt({ now: Date.now() }))).toEqual({ ack: true });
    expect(await row(changed)).toMatchObject({
      status: "failed",
      lastError: "webhook URL refused: only https URLs are allowed",
    });
    expect(await requests(changed.url)).toEqual([]);
  });
});
