/**
 * Webhook deliveries end to end, through the real local queue and the real local D1, to a real
 * Standard Webhooks receiver (test/standins/webhook-receiver.ts verifies every request with the
 * `standardwebhooks` library). One file = one database: the steps build on each other.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { deliverMessage } from "../../src/deliver/deliver-message";
import { publishAndFanOut } from "../../src/deliver/publish-and-fan-out";
import { deliveryDeps } from "../../src/deliver/senders";
import type { DigestPublishedEvent } from "../../src/deliver/webhook";
import { isoWeekOf } from "../../src/digest";
import type { Digest, DigestPaper } from "../../src/digest/types";
import { readConfig } from "../../src/env";
import type { RecordedRequest, ScriptedResponse } from "../standins/types";
import type { WebhookVerdict } from "../standins/webhook-receiver";
import { ADMIN_TOKEN, call, fixtureText, freshClientIp } from "../support/api";
import { db } from "../support/db";
import { type DeliveryView, deliveriesOf, subscribe, waitForDeliveries } from "../support/deliveries";
import { ingestAt } from "../support/ingest-at";

const WEEK_MS = 7 * 86_400_000;
const lastWeek = isoWeekOf(Date.now() - WEEK_MS);
const thisWeek = isoWeekOf(Date.now());
const RUN = crypto.randomUUID().slice(0, 8);

const hookUrl = (name: string) => `https://${name}-${RUN}.receiver.example.com/hook`;
const standins = (path: string, init?: RequestInit) => env.STANDINS.fetch(`http://standins${path}`, init);

async function verdicts(url: string): Promise<WebhookVerdict[]> {
  return (await standins(`/webhook/verified?contains=${encodeURIComponent(new URL(url).host)}`)).json();
}
async function requests(url: string): Promise<RecordedRequest[]> {
  return (await standins(`/webhook/requests?contains=${encodeURIComponent(new URL(url).host)}`)).json();
}
async function script(url: string, answers: ScriptedResponse[]) {
  await standins(`/script?target=${encodeURIComponent(url)}`, {
    method: "POST",
    body: JSON.stringify(answers),
  });
}

interface Endpoint {
  url: string;
  id: string;
  manageToken: string;
}

/** Subscribes a webhook and registers its secret with the receiver. */
async function endpoint(name: string, extra: Record<string, unknown> = {}): Promise<Endpoint> {
  const url = hookUrl(name);
  const created = await subscribe({ channel: "webhook", target: url, ...extra });
  expect(created.webhookSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  await standins("/webhook/register", {
    method: "POST",
    body: JSON.stringify({ url, secret: created.webhookSecret }),
  });
  return { url, id: created.id, manageToken: created.manageToken };
}

const terminal = (d: DeliveryView) => ["sent", "failed", "skipped"].includes(d.status);
const deliveryOf = (rows: DeliveryView[], e: Endpoint) => rows.find((r) => r.subscription === e.id)!;

async function digestJson(week: string): Promise<Digest> {
  const res = await call(`/api/digests/${week}`);
  expect(res.status).toBe(200);
  return res.json();
}

async function subscriptionOf(e: Endpoint) {
  const res = await call("/api/subscriptions", { headers: { authorization: `Bearer ${e.manageToken}` } });
  return ((await res.json()) as { subscriptions: Record<string, unknown>[] }).subscriptions[0]!;
}

const papers = (d: Digest): DigestPaper[] => d.themes.flatMap((t) => [...t.papers, ...t.updated]);

describe("subscribing a webhook", () => {
  it("returns the whsec_ secret once; the subscriber's own listing never shows it", async () => {
    const created = await subscribe({ channel: "webhook", target: hookUrl("once") });
    expect(created).toMatchObject({ status: "active", webhookSecret: expect.stringMatching(/^whsec_/) });
    const listed = await call("/api/subscriptions", {
      headers: { authorization: `Bearer ${created.manageToken}` },
    });
    expect(listed.status).toBe(200);
    const text = await listed.text();
    expect(text).toContain(created.id);
    expect(text).not.toContain("whsec_");
    expect(text).not.toContain(created.webhookSecret!.slice(6, 30));
  });

  it("refuses targets that invite SSRF with 400 invalid_target, and stores nothing", async () => {
    const count = async () =>
      (await env.DB.prepare("SELECT count(*) AS n FROM subscriptions").first<{ n: number }>())!.n;
    const before = await count();
    for (const target of [
      "http://hooks.example.com/in",
      "https://127.0.0.1/in",
      "https://2130706433/in",
      "https://0x7f.1/in",
      "https://10.0.0.8/in",
      "https://169.254.169.254/latest/meta-data",
      "https://[::1]/in",
      "https://[fd00::1]/in",
      "https://localhost/in",
      "https://localhost:8787/in",
      "https://api.localhost/in",
      "https://metadata.google.internal/in",
      "https://printer.local/in",
      "https://intranet/in",
      "https://user:pw@hooks.example.com/in",
      "https://token@hooks.example.com/in",
      "file:///etc/passwd",
      "gopher://hooks.example.com/",
      "not a url",
    ]) {
      const res = await call("/api/subscriptions", {
        method: "POST",
        headers: { "content-type": "application/json", "cf-connecting-ip": freshClientIp() },
        body: JSON.stringify({ channel: "webhook", target }),
      });
      expect(res.status, target).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code, target).toBe("invalid_target");
      expect(body.error.message, target).toMatch(/^The webhook URL is refused: /);
    }
    expect(await count()).toBe(before);
  });
});

describe("a week's digest to webhook receivers", () => {
  const QUERY = "ferroelectric";
  let ok: Endpoint;
  let flaky: Endpoint;
  let gone: Endpoint;
  let moved: Endpoint;
  let filtered: Endpoint;
  const elsewhere = `https://elsewhere-${RUN}.receiver.example.com/steal`;
  let rows: DeliveryView[];

  beforeAll(async () => {
    await ingestAt(await fixtureText("seeds/000_6a4379718c0c1abb.txt"), Date.now() - WEEK_MS);
    ok = await endpoint("ok");
    flaky = await endpoint("flaky");
    gone = await endpoint("gone");
    moved = await endpoint("moved");
    filtered = await endpoint("filtered", { query: QUERY });
    await script(flaky.url, [{ status: 500, body: "temporarily broken" }]);
    await script(gone.url, [{ status: 410, body: "this endpoint was deleted" }]);
    await script(moved.url, [{ status: 302, headers: { location: elsewhere } }]);
    const report = await publishAndFanOut(db(), env.DELIVERY_QUEUE, Date.now());
    expect(report.published.map((p) => p.week)).toContain(lastWeek);
    // The retried one waits for the schedule's first step (5 s) on the real queue.
    rows = await waitForDeliveries(lastWeek, terminal, 40_000);
  }, 60_000);

  it("delivers one signed digest.published event that the receiver verifies", async () => {
    const [verdict, ...more] = await verdicts(ok.url);
    expect(more).toEqual([]);
    expect(verdict).toMatchObject({ verified: true, duplicate: false });
    const event = verdict!.payload as DigestPublishedEvent;
    expect(event.type).toBe("digest.published");
    expect(event.data.week).toBe(lastWeek);
    expect(event.timestamp).toBe(event.data.generatedAt);
    // The data is the week's published digest (no filters: everything), plus the subscription's
    // ranked picks: the same as its GET …/digest (issue #14).
    const { picks, ranking, ...whole } = event.data;
    expect(whole).toEqual(await digestJson(lastWeek));
    const brief = await call(`/api/subscriptions/${ok.id}/digest?week=${lastWeek}`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    const expected = (await brief.json()) as { picks: unknown[]; ranking: string };
    expect(picks).toEqual(expected.picks);
    expect(ranking).toBe(expected.ranking);
    expect(picks.length).toBeGreaterThan(0);

    const delivery = deliveryOf(rows, ok);
    expect(delivery).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    const [request] = await requests(ok.url);
    expect(request!.method).toBe("POST");
    expect(request!.headers).toMatchObject({
      "content-type": "application/json",
      "user-agent": expect.stringMatching(/^arxiv-digest-webhooks\//),
      "webhook-id": `msg_digest_${lastWeek}_${delivery.id}`,
      "webhook-signature": expect.stringMatching(/^v1,[A-Za-z0-9+/]{43}=$/),
    });
    expect(Math.abs(Number(request!.headers["webhook-timestamp"]) - Date.now() / 1000)).toBeLessThan(120);
  });

  it("sends once when the same queue message arrives twice", async () => {
    const delivery = deliveryOf(rows, ok);
    await env.DELIVERY_QUEUE.send({ kind: "digest", deliveryId: delivery.id });
    // And once more straight to the consumer's code, while the queue's copy is on its way.
    const deps = deliveryDeps(db(), env, readConfig(env).delivery);
    expect(await deliverMessage({ kind: "digest", deliveryId: delivery.id }, deps)).toEqual({ ack: true });
    await new Promise((r) => setTimeout(r, 3_000)); // the queue's batch timeout is 1 s
    expect(await requests(ok.url)).toHaveLength(1);
    expect(deliveryOf(await deliveriesOf(lastWeek), ok)).toEqual(delivery);
  });

  it("retries after a 500 and delivers once, with the same webhook-id", async () => {
    const delivery = deliveryOf(rows, flaky);
    expect(delivery).toMatchObject({ status: "sent", attempts: 2 });
    const [first, second, ...more] = await requests(flaky.url);
    expect(more).toEqual([]);
    expect(first!.answeredStatus).toBe(500);
    expect(second!.answeredStatus).toBe(204);
    expect(second!.headers["webhook-id"]).toBe(first!.headers["webhook-id"]);
    expect(second!.body).toBe(first!.body);
    // The schedule's first step: 5 s.
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(4_900);
    const ok = (await verdicts(flaky.url)).filter((v) => v.verified);
    expect(ok).toHaveLength(1);
  });

  it("disables the endpoint when it answers 410", async () => {
    const delivery = deliveryOf(rows, gone);
    expect(delivery).toMatchObject({ status: "failed", attempts: 1 });
    expect(delivery.lastError).toMatch(/^HTTP 410.*this endpoint was deleted/);
    expect(await subscriptionOf(gone)).toMatchObject({
      status: "disabled",
      statusReason: expect.stringContaining("410"),
    });
  });

  it("does not follow a redirect: 302 is a failure and Location is never fetched", async () => {
    const delivery = deliveryOf(rows, moved);
    expect(delivery).toMatchObject({ status: "failed", attempts: 1 });
    expect(delivery.lastError).toContain("redirects are not followed");
    expect(delivery.lastError).toContain(elsewhere);
    expect(await requests(moved.url)).toHaveLength(1);
    expect(await requests(elsewhere)).toEqual([]);
    expect(await subscriptionOf(moved)).toMatchObject({ status: "active" });
  });

  it("sends only what matches the subscription's query", async () => {
    const full = await digestJson(lastWeek);
    const [verdict] = await verdicts(filtered.url);
    expect(verdict?.verified).toBe(true);
    const sent = (verdict!.payload as DigestPublishedEvent).data;
    expect(sent.week).toBe(lastWeek);
    const wanted = papers(full).filter((p) => `${p.title} ${p.summary}`.toLowerCase().includes(QUERY));
    expect(wanted.length).toBeGreaterThan(0);
    expect(wanted.length).toBeLessThan(papers(full).length);
    expect(
      papers(sent)
        .map((p) => p.key)
        .sort(),
    ).toEqual(wanted.map((p) => p.key).sort());
    expect(sent.seenBefore).toEqual([]);
  });

  describe("the next week", () => {
    let themed: Endpoint;
    let chosen: Set<string>;
    let next: DeliveryView[];

    beforeAll(async () => {
      // Themes exist once a week is published: follow the first week's themes only.
      const first = await digestJson(lastWeek);
      chosen = new Set(first.themes.filter((t) => t.kind !== "other").map((t) => t.id));
      themed = await endpoint("themed", { themes: [...chosen] });
      await ingestAt(await fixtureText("seeds/002_3a1a5da40a18a229.txt"), Date.now());
      // Publish this week as the cron would next Monday.
      await publishAndFanOut(db(), env.DELIVERY_QUEUE, Date.now() + WEEK_MS);
      next = await waitForDeliveries(thisWeek, terminal, 30_000);
    }, 60_000);

    it("sends nothing more to the disabled endpoint", async () => {
      expect(next.find((r) => r.subscription === gone.id)).toBeUndefined();
      expect(await requests(gone.url)).toHaveLength(1);
      // The others get it, under a new webhook-id.
      expect(deliveryOf(next, ok)).toMatchObject({ status: "sent", attempts: 1 });
      const ids = (await requests(ok.url)).map((r) => r.headers["webhook-id"]);
      expect(ids).toEqual([
        `msg_digest_${lastWeek}_${deliveryOf(rows, ok).id}`,
        `msg_digest_${thisWeek}_${deliveryOf(next, ok).id}`,
      ]);
      expect(deliveryOf(next, moved)).toMatchObject({ status: "sent" });
    });

    it("sends only the chosen themes", async () => {
      const full = await digestJson(thisWeek);
      const expected = full.themes.filter((t) => chosen.has(t.id));
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(full.themes.length);
      const [verdict] = await verdicts(themed.url);
      expect(verdict?.verified).toBe(true);
      const sent = (verdict!.payload as DigestPublishedEvent).data;
      expect(sent.week).toBe(thisWeek);
      expect(sent.themes).toEqual(expected);
      expect(sent.stats).toEqual(full.stats);
    });
  });
});
