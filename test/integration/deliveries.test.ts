/**
 * The delivery pipeline whatever the channel: subscriptions API, fan-out into the ledger and the
 * real local queue, exactly-once under redelivery, and the admin's view. Channel specifics (what a
 * mail, a Slack message or a webhook looks like) are tested in deliver-*.test.ts.
 *
 * Every test starts from empty tables (beforeEach) and builds what it needs itself: the fan-out
 * tests subscribe, ingest last week's seed and publish through `publishedWithDeliveries`, so each
 * test can run alone.
 */
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { deliverMessage } from "../../src/deliver/deliver-message";
import { publishAndFanOut } from "../../src/deliver/publish-and-fan-out";
import { deliveryDeps } from "../../src/deliver/senders";
import { isoWeekOf } from "../../src/digest";
import { readConfig } from "../../src/env";
import { ADMIN_TOKEN, call, fixtureText, postSubscription, tableCounts } from "../support/api";
import { db, wipeData } from "../support/db";
import { deliveriesOf, subscribe, waitForDeliveries } from "../support/deliveries";
import { ingestAt } from "../support/ingest-at";

const WEEK_MS = 7 * 86_400_000;
const lastWeek = isoWeekOf(Date.now() - WEEK_MS);

beforeEach(wipeData);

/**
 * Last week's seed ingested, two active subscriptions and one unconfirmed e-mail, then the weekly
 * job: the digest published and fanned out, the queue consumer done with every delivery.
 */
async function publishedWithDeliveries() {
  await ingestAt(await fixtureText("seeds/000_6a4379718c0c1abb.txt"), Date.now() - WEEK_MS);
  await subscribe({ channel: "email", target: "pending-reader@lab.example.org" });
  await subscribe({ channel: "webhook", target: "https://api-3.receiver.example.com/in" });
  await subscribe({ channel: "slack", target: "C0123456790" }, ADMIN_TOKEN);
  const report = await publishAndFanOut(db(), env.DELIVERY_QUEUE, Date.now());
  const rows = await waitForDeliveries(lastWeek);
  return { report, rows };
}

describe("subscriptions API", () => {
  it("creates e-mail subscriptions pending confirmation, others active; secrets shown once", async () => {
    const mail = await subscribe({ channel: "email", target: "Reader@Lab.Example.ORG" });
    expect(mail).toMatchObject({ status: "pending", target: "Reader@lab.example.org", channel: "email" });
    expect(mail.manageToken).toMatch(/^sub_[A-Za-z0-9_-]{43}$/);
    expect(mail.unsubscribeUrl).toMatch(/^https:\/\/digest\.example\.org\/unsubscribe\?token=unsub_/);
    expect(mail.webhookSecret).toBeUndefined();

    const hook = await subscribe({ channel: "webhook", target: "https://api-1.receiver.example.com/in" });
    expect(hook.status).toBe("active");
    expect(hook.webhookSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    // The management token lists its own subscription, without any secret.
    const res = await call("/api/subscriptions", {
      headers: { authorization: `Bearer ${hook.manageToken}` },
    });
    const listed = (await res.json()) as { subscriptions: Record<string, unknown>[] };
    expect(listed.subscriptions).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain("whsec_");
    expect(JSON.stringify(listed)).not.toContain("unsub_");
    // The admin sees all of them.
    const all = await call("/api/subscriptions", { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(((await all.json()) as { subscriptions: unknown[] }).subscriptions.length).toBeGreaterThanOrEqual(
      2,
    );
  });

  it("refuses bad subscriptions with the contract's error shape and stores nothing", async () => {
    const before = await tableCounts();
    const cases: [unknown, string][] = [
      [{ channel: "fax", target: "x" }, "invalid_subscription"],
      [{ channel: "email" }, "invalid_subscription"],
      [{ channel: "email", target: "not-an-address" }, "invalid_target"],
      [{ channel: "webhook", target: "http://hooks.example.com/" }, "invalid_target"],
      [{ channel: "webhook", target: "https://169.254.169.254/latest" }, "invalid_target"],
      [{ channel: "slack", target: "https://evil.example.com/services/x" }, "invalid_target"],
      [{ channel: "email", target: "a@example.org", themes: ["t999"] }, "unknown_theme"],
      [{ channel: "email", target: "a@example.org", query: "x".repeat(201) }, "invalid_subscription"],
      ["[]", "invalid_subscription"],
    ];
    for (const [body, code] of cases) {
      const res = await postSubscription(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await res.json()).toEqual({ error: { code, message: expect.any(String) } });
    }
    expect(await tableCounts()).toEqual(before);
  });

  it("lets a subscriber delete only their own subscription, idempotently", async () => {
    const mine = await subscribe({ channel: "slack", target: "C0123456789" }, ADMIN_TOKEN);
    const other = await subscribe({ channel: "webhook", target: "https://api-2.receiver.example.com/in" });
    const del = (id: string, token?: string) =>
      call(`/api/subscriptions/${id}`, {
        method: "DELETE",
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    expect((await del(mine.id)).status).toBe(401);
    expect((await del(other.id, mine.manageToken)).status).toBe(404);
    expect((await del(mine.id, mine.manageToken)).status).toBe(204);
    expect((await del(mine.id, mine.manageToken)).status).toBe(204);
    expect((await del("no-such-id", ADMIN_TOKEN)).status).toBe(404);
    const row = await env.DB.prepare("SELECT status FROM subscriptions WHERE id = ?").bind(mine.id).first();
    expect(row).toEqual({ status: "unsubscribed" });
  });
});

describe("fan-out through the queue", () => {
  it("creates one delivery per active subscription and none for unconfirmed e-mail", async () => {
    const { report, rows } = await publishedWithDeliveries();
    const active = (await env.DB.prepare(
      "SELECT count(*) AS n FROM subscriptions WHERE status = 'active'",
    ).first<{
      n: number;
    }>())!.n;
    expect(active).toBe(2);
    expect(report.published.map((p) => p.week)).toEqual([lastWeek]);
    expect(report.delivery).toMatchObject({ digests: [lastWeek], enqueued: active });
    expect(rows).toHaveLength(active);
    expect(rows.every((r) => r.attempts >= 1)).toBe(true);
    const pendingMail = await env.DB.prepare(
      "SELECT count(*) AS n FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id WHERE s.status = 'pending'",
    ).first<{ n: number }>();
    expect(pendingMail!.n).toBe(0);
  });

  it("running the job again creates and enqueues nothing", async () => {
    await publishedWithDeliveries();
    const before = await tableCounts();
    const report = await publishAndFanOut(db(), env.DELIVERY_QUEUE, Date.now());
    expect(report.published).toEqual([]);
    expect(report.delivery).toEqual({ digests: [], enqueued: 0, queueBatches: 0, stale: [] });
    expect(await tableCounts()).toEqual(before);
  });

  it("a message delivered twice is handled once", async () => {
    await publishedWithDeliveries();
    const [first] = await deliveriesOf(lastWeek);
    const deps = deliveryDeps(db(), env, readConfig(env).delivery);
    const again = await deliverMessage({ kind: "digest", deliveryId: first!.id }, deps);
    expect(again).toEqual({ ack: true });
    const [after] = await deliveriesOf(lastWeek);
    expect(after).toEqual(first);
  });

  it("shows deliveries to the admin only, by week, a page at a time", async () => {
    await publishedWithDeliveries();
    expect((await call(`/api/deliveries?week=${lastWeek}`)).status).toBe(401);
    const get = (query: string) =>
      call(`/api/deliveries?${query}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    for (const query of ["week=soon", `week=${lastWeek}&limit=0`, `week=${lastWeek}&status=lost`]) {
      const bad = await get(query);
      expect(bad.status, query).toBe(400);
      expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("invalid_query");
    }
    const all = await deliveriesOf(lastWeek);
    expect(all.length).toBeGreaterThanOrEqual(2);
    type Page = {
      counts: Record<string, number>;
      deliveries: { id: number; status: string }[];
      nextAfter: number | null;
    };
    const pages: Page[] = [];
    let after = 0;
    do {
      const page = (await (await get(`week=${lastWeek}&limit=1&after=${after}`)).json()) as Page;
      pages.push(page);
      after = page.nextAfter ?? -1;
    } while (after >= 0 && pages.length <= all.length);
    expect(pages.flatMap((p) => p.deliveries.map((d) => d.id))).toEqual(all.map((d) => d.id));
    // Counts cover the whole week whatever the page.
    expect(Object.values(pages[0]!.counts).reduce((a, b) => a + b, 0)).toBe(all.length);
    const status = all[0]!.status;
    const filtered = (await (await get(`week=${lastWeek}&status=${status}`)).json()) as Page;
    expect(filtered.deliveries.every((d) => d.status === status)).toBe(true);
    expect(filtered.deliveries).toHaveLength(all.filter((d) => d.status === status).length);
  });
});
