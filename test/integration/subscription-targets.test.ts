/**
 * Who may subscribe what, and one live subscription per (channel, target) (issue #11): Slack
 * channel ids need the channel's own signed command or the admin token; subscribing a target
 * again updates its subscription (200, `updated`) instead of adding a second one, so each digest
 * reaches it once and one unsubscribe ends it; confirmation mails are capped per address and day.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { publishAndFanOut } from "../../src/deliver/publish-and-fan-out";
import { isoWeekOf } from "../../src/digest";
import { CONFIRMATION_MAILS_PER_DAY } from "../../src/subscribe/subscriptions";
import { ADMIN_TOKEN, call, fixtureText, postSubscription } from "../support/api";
import { db } from "../support/db";
import { capturingQueue, subscribeAsPublic, waitForDeliveries } from "../support/deliveries";
import { ingestAt } from "../support/ingest-at";

const WEEK_MS = 7 * 86_400_000;

const post = postSubscription;

const rowsOf = async (target: string) =>
  (
    await env.DB.prepare(
      "SELECT id, status, themes, query FROM subscriptions WHERE target = ? ORDER BY created_at",
    )
      .bind(target)
      .all<{ id: string; status: string; themes: string; query: string | null }>()
  ).results;

describe("who may subscribe a Slack channel", () => {
  it("refuses a channel id without the admin token (403), storing nothing", async () => {
    for (const token of [undefined, `sub_${"A".repeat(43)}`]) {
      const res = await post({ channel: "slack", target: "C0NOTMINE1" }, token);
      expect(res.status).toBe(token ? 401 : 403);
      expect(await res.json()).toEqual({
        error: { code: token ? "invalid_token" : "forbidden_target", message: expect.any(String) },
      });
    }
    expect(await rowsOf("C0NOTMINE1")).toEqual([]);
  });

  it("lets the admin subscribe a channel id, and anyone an incoming-webhook URL", async () => {
    const byAdmin = await post({ channel: "slack", target: "C0ADMINSUB" }, ADMIN_TOKEN);
    expect(byAdmin.status).toBe(201);
    const hook = "https://hooks.slack.com/services/T0TEST/B0TEST/anyonecanposthere";
    const byWebhook = await post({ channel: "slack", target: hook });
    expect(byWebhook.status).toBe(201);
    expect((await rowsOf(hook)).map((r) => r.status)).toEqual(["active"]);
  });

  it("does not let a subscriber's management token subscribe a channel id", async () => {
    const mine = (await (
      await post({ channel: "webhook", target: "https://mine.receiver.example.com/in" })
    ).json()) as {
      manageToken: string;
    };
    const res = await post({ channel: "slack", target: "C0NOTMINE2" }, mine.manageToken);
    expect(res.status).toBe(403);
    expect(await rowsOf("C0NOTMINE2")).toEqual([]);
  });
});

describe("one live subscription per target", () => {
  beforeAll(async () => {
    await ingestAt(await fixtureText("seeds/000_6a4379718c0c1abb.txt"), Date.now() - WEEK_MS);
  });

  it("updates the live subscription when the same target subscribes again: one delivery, one unsubscribe ends it", async () => {
    const target = "https://twice.receiver.example.com/in";
    const first = await post({ channel: "webhook", target });
    expect(first.status).toBe(201);
    const created = (await first.json()) as { id: string; manageToken: string; webhookSecret: string };
    expect(created.webhookSecret).toMatch(/^whsec_/);

    // Again, with its management token: the same subscription, new filters, no secret re-shown.
    const again = await post({ channel: "webhook", target, query: "graph" }, created.manageToken);
    expect(again.status).toBe(200);
    const updated = (await again.json()) as Record<string, unknown>;
    expect(updated).toMatchObject({ id: created.id, updated: true, query: "graph", status: "active" });
    expect(updated.message).toEqual(expect.stringContaining("already had a subscription"));
    expect(updated).not.toHaveProperty("webhookSecret");
    expect(updated).not.toHaveProperty("manageToken");
    expect((await rowsOf(target)).map((r) => r.status)).toEqual(["active"]);

    // The admin may update it too.
    const byAdmin = await post({ channel: "webhook", target }, ADMIN_TOKEN);
    expect(byAdmin.status).toBe(200);
    expect(await byAdmin.json()).toMatchObject({ id: created.id, updated: true, query: null });

    const week = isoWeekOf(Date.now() - WEEK_MS);
    await publishAndFanOut(db(), env.DELIVERY_QUEUE, Date.now());
    const deliveries = (await waitForDeliveries(week)).filter((d) => d.subscription === created.id);
    expect(deliveries).toHaveLength(1);
    const { n } = (await env.DB.prepare(
      "SELECT count(*) AS n FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id WHERE s.target = ?",
    )
      .bind(target)
      .first<{ n: number }>())!;
    expect(n).toBe(1);

    const del = await call(`/api/subscriptions/${created.id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${created.manageToken}` },
    });
    expect(del.status).toBe(204);
    expect((await rowsOf(target)).filter((r) => r.status === "active" || r.status === "pending")).toEqual([]);
  });

  it("refuses (409) a stranger changing someone's live webhook subscription, changing nothing", async () => {
    const target = "https://owned.receiver.example.com/in";
    expect((await post({ channel: "webhook", target })).status).toBe(201);
    const before = await rowsOf(target);
    const res = await post({ channel: "webhook", target, query: "hijack" });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: "already_subscribed", message: expect.any(String) } });
    expect(await rowsOf(target)).toEqual(before);
  });

  it("refreshes a pending e-mail subscription for anyone, without handing out its tokens", async () => {
    const target = "refresh-me@example.org";
    const first = await post({ channel: "email", target });
    expect(first.status).toBe(201);
    const { id } = (await first.json()) as { id: string };
    const again = await post({ channel: "email", target, query: "diffusion" });
    expect(again.status).toBe(200);
    const body = (await again.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ id, updated: true, status: "pending", query: "diffusion" });
    expect(body).not.toHaveProperty("manageToken");
    expect(body).not.toHaveProperty("unsubscribeUrl");
    expect((await rowsOf(target)).map((r) => r.status)).toEqual(["pending"]);
  });
});

describe("managing a confirmed e-mail subscription", () => {
  it("takes the management token away from whoever subscribed the address once its owner confirms", async () => {
    const target = "victim@example.org";
    const { queue, messages: sent } = capturingQueue();
    const madeOutcome = await subscribeAsPublic(queue, { channel: "email", target, themes: [] });
    if (!madeOutcome.ok) throw new Error(madeOutcome.refusal.message);
    const made = madeOutcome.value;
    const stranger = made.manageToken!;
    const mail = sent[0];
    if (mail?.kind !== "confirm-email") throw new Error("no confirmation queued");
    const list = (token: string) =>
      call("/api/subscriptions", { headers: { authorization: `Bearer ${token}` } });
    expect((await list(stranger)).status).toBe(200); // manages it while it is only a request

    const page = await call(`/subscriptions/confirm?token=${mail.confirmToken}`, { method: "POST" });
    expect(page.status).toBe(200);
    const owner = /(sub_[\w-]{43})/.exec(await page.text())?.[1];
    expect(owner).toBeDefined();
    expect((await list(stranger)).status).toBe(401);
    const del = await call(`/api/subscriptions/${made.subscription.id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${stranger}` },
    });
    expect(del.status).toBe(401);
    expect((await rowsOf(target)).map((r) => r.status)).toEqual(["active"]);
    expect((await list(owner!)).status).toBe(200);
    // A second click shows no token again.
    const again = await call(`/subscriptions/confirm?token=${mail.confirmToken}`, { method: "POST" });
    expect(await again.text()).not.toMatch(/sub_[\w-]{43}/);
  });
});

describe("confirmation mails per address", () => {
  it(`queues at most ${CONFIRMATION_MAILS_PER_DAY} a day for one address, however often it is subscribed`, async () => {
    const { queue, messages: sent } = capturingQueue();
    const target = "flooded@example.org";
    for (let i = 0; i < 25; i++) {
      await subscribeAsPublic(queue, {
        channel: "email",
        target,
        themes: [],
        query: `please read this ${i}`,
      });
    }
    expect(sent.filter((m) => m.kind === "confirm-email")).toHaveLength(CONFIRMATION_MAILS_PER_DAY);
    expect((await rowsOf(target)).map((r) => r.status)).toEqual(["pending"]);
  });

  it("keeps the last mailed confirm link valid when later requests get no mail", async () => {
    const { queue, messages: sent } = capturingQueue();
    const target = "still-confirmable@example.org";
    const again = () => subscribeAsPublic(queue, { channel: "email", target, themes: [] });
    for (let i = 0; i < 10; i++) await again();
    const last = sent.at(-1);
    if (last?.kind !== "confirm-email") throw new Error("no confirmation queued");
    expect(sent).toHaveLength(CONFIRMATION_MAILS_PER_DAY);
    const res = await call(`/subscriptions/confirm?token=${last.confirmToken}`, { method: "POST" });
    expect(res.status).toBe(200);
    expect((await rowsOf(target)).map((r) => r.status)).toEqual(["active"]);
  });

  it("answers every request alike, past the cap too, so the caller cannot tell", async () => {
    const target = "flooded-api@example.org";
    const answers: Array<{ status: number; body: Record<string, unknown> }> = [];
    for (let i = 0; i < 6; i++) {
      const res = await post({ channel: "email", target });
      answers.push({ status: res.status, body: (await res.json()) as Record<string, unknown> });
    }
    expect(answers[0]!.status).toBe(201);
    const later = answers.slice(1);
    expect(new Set(later.map((a) => a.status))).toEqual(new Set([200]));
    // Mails 2 and 3 were sent, 4 to 6 not: the answers are the same apart from nothing.
    const shape = (b: Record<string, unknown>) => JSON.stringify({ ...b, createdAt: null });
    expect(new Set(later.map((a) => shape(a.body))).size).toBe(1);
    expect(later[0]!.body.message).toEqual(expect.stringContaining("a confirmation mail is on its way"));
  });
});
