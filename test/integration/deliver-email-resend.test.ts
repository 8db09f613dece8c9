/**
 * E-mail through the HTTP provider (Resend, MAIL_PROVIDER=resend) end to end against the local
 * Resend stand-in: the senders are built with a Resend config (the tests' global one is the
 * Cloudflare binding) and the queue messages are handed to the same deliverMessage the queue
 * consumer runs. Checks what Resend receives (JSON: html, text, headers), retries, and exactly once.
 *
 * SEQUENTIAL SCENARIO: the `it` blocks below are the steps of one story (confirm, fan out, retry,
 * send, check the unconfirmed address) and run in order, each on the state the previous ones left
 * (the subscriptions and queued messages kept in the `let`s of the describe). A step run alone
 * (`-t`) fails by design; run the whole file.
 */
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { deliverMessage } from "../../src/deliver/deliver-message";
import { fanOutDigests } from "../../src/deliver/fan-out";
import { deliveryDeps } from "../../src/deliver/senders";
import type { DeliveryMessage } from "../../src/deliver/types";
import { isoWeekOf, publishDueWeeks } from "../../src/digest";
import { type DeliveryConfig, readConfig } from "../../src/env";
import { PUBLIC } from "../../src/security/subscribe-authority";
import { createSubscription } from "../../src/subscribe/subscriptions";
import type { AcceptedEmail } from "../standins/mail-api";
import type { ScriptedResponse } from "../standins/types";
import { ADMIN_TOKEN, call, fixtureText } from "../support/api";
import { db } from "../support/db";
import { capturingQueue, deliveriesOf } from "../support/deliveries";
import { ingestAt } from "../support/ingest-at";

const WEEK_MS = 7 * 86_400_000;
const lastWeek = isoWeekOf(Date.now() - WEEK_MS);
const RUN = crypto.randomUUID().slice(0, 8);
const API = `https://r-${RUN}.mail-api.standin.test`;
const BASE = "https://digest.example.org";

const config: DeliveryConfig = { ...readConfig(env).delivery, mailProvider: "resend", mailApiUrl: API };
const deps = () => deliveryDeps(db(), env, config);

async function accepted(to: string): Promise<AcceptedEmail[]> {
  const res = await env.STANDINS.fetch(`http://standins/mail-api/emails?to=${encodeURIComponent(to)}`);
  return res.json();
}

async function script(answers: ScriptedResponse[]) {
  await env.STANDINS.fetch(`http://standins/script?target=${encodeURIComponent(`${API}/emails`)}`, {
    method: "POST",
    body: JSON.stringify(answers),
  });
}

async function subscribeEmail(target: string, extra: { themes?: string[]; query?: string } = {}) {
  const { queue, messages } = capturingQueue();
  const createdOutcome = await createSubscription(
    db(),
    queue,
    { channel: "email", target, themes: extra.themes ?? [], query: extra.query },
    config,
    Date.now(),
    PUBLIC,
  );
  if (!createdOutcome.ok) throw new Error(createdOutcome.refusal.message);
  const created = createdOutcome.value;
  expect(messages).toHaveLength(1);
  return { id: created.subscription.id, confirm: messages[0]! };
}

async function statusOf(id: string): Promise<string> {
  const res = await call("/api/subscriptions", { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  const { subscriptions } = (await res.json()) as { subscriptions: { id: string; status: string }[] };
  return subscriptions.find((s) => s.id === id)!.status;
}

describe.sequential("scenario: e-mail through Resend, step by step", () => {
  const reader = `reader-${RUN}@example.com`;
  const flaky = `flaky-${RUN}@example.com`;
  const pending = `pending-${RUN}@example.com`;
  let readerId: string;
  let flakyId: string;
  let digestMessages: DeliveryMessage[];

  beforeAll(async () => {
    await ingestAt(await fixtureText("seeds/000_6a4379718c0c1abb.txt"), Date.now() - WEEK_MS);
  });

  it("sends the confirmation mail as Resend JSON; confirming through its link activates", async () => {
    const sub = await subscribeEmail(reader);
    readerId = sub.id;
    expect(await deliverMessage(sub.confirm, deps())).toEqual({ ack: true });
    // The queue delivers a message again now and then: the same mail is not sent twice.
    expect(await deliverMessage(sub.confirm, deps())).toEqual({ ack: true });
    const [mail, ...more] = await accepted(reader);
    expect(more).toEqual([]);
    expect(mail!.idempotencyKey).toBe(`confirm/${readerId}`);
    expect(mail!.body).toMatchObject({
      from: "arxiv-digest <digest@example.org>",
      to: [reader],
      subject: "Confirm your subscription to the weekly arXiv digest",
      headers: {},
    });
    expect(mail!.body.text).toContain("Nothing is sent to this address before you confirm.");
    const link = /https:\/\/digest\.example\.org\/subscriptions\/confirm\?token=[\w%-]+/.exec(
      mail!.body.text!,
    )![0];
    expect(mail!.body.html).toContain(`href="${link}"`);

    const confirmed = await exports.default.fetch(new Request(link, { method: "POST" }));
    expect(confirmed.status).toBe(200);
    expect(await statusOf(readerId)).toBe("active");

    const other = await subscribeEmail(flaky, { query: "the" });
    flakyId = other.id;
    expect(await deliverMessage(other.confirm, deps())).toEqual({ ack: true });
    const token = /confirm\?token=([\w%-]+)/.exec((await accepted(flaky))[0]!.body.text!)![1]!;
    const ok = await exports.default.fetch(
      new Request(`${BASE}/subscriptions/confirm?token=${token}`, { method: "POST" }),
    );
    expect(ok.status).toBe(200);

    const never = await subscribeEmail(pending);
    expect(await deliverMessage(never.confirm, deps())).toEqual({ ack: true });
    expect(await statusOf(never.id)).toBe("pending");
  });

  it("fans the digest out to confirmed addresses only", async () => {
    const now = Date.now();
    const published = await publishDueWeeks(db(), now);
    expect(published.published.map((p) => p.week)).toContain(lastWeek);
    const { queue, messages } = capturingQueue();
    await fanOutDigests(db(), queue, now, published.currentWeek);
    digestMessages = messages;
    const rows = await deliveriesOf(lastWeek);
    expect(rows.map((r) => r.subscription).sort()).toEqual([readerId, flakyId].sort());
    expect(messages).toHaveLength(2);
  });

  it("retries a delivery Resend could not take (429 with Retry-After, then 503), then sends it once", async () => {
    const rows = await deliveriesOf(lastWeek);
    const flakyRow = rows.find((r) => r.subscription === flakyId)!;
    const message = digestMessages.find((m) => m.kind === "digest" && m.deliveryId === flakyRow.id)!;
    await script([
      {
        status: 429,
        headers: { "retry-after": "900" },
        body: JSON.stringify({ statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests." }),
      },
      { status: 503, body: JSON.stringify({ statusCode: 503, name: "application_error", message: "down" }) },
    ]);
    let clock = Date.now();
    const at = () => ({ ...deps(), now: () => clock });
    const row = async () => (await deliveriesOf(lastWeek)).find((r) => r.id === flakyRow.id)!;

    // Resend's Retry-After (900 s) beats the schedule's first step (5 s).
    expect(await deliverMessage(message, at())).toEqual({ ack: false, delaySeconds: 900 });
    expect(await row()).toMatchObject({
      status: "retrying",
      attempts: 1,
      lastError: "Resend 429 rate_limit_exceeded: Too many requests.",
    });
    // Redelivered before it is due: it waits again, nothing is sent.
    expect(await deliverMessage(message, at())).toEqual({ ack: false, delaySeconds: 900 });
    clock += 900_000;
    expect(await deliverMessage(message, at())).toEqual({ ack: false, delaySeconds: 300 });
    expect(await row()).toMatchObject({ attempts: 2, lastError: "Resend 503 application_error: down" });
    clock += 300_000;
    expect(await deliverMessage(message, at())).toEqual({ ack: true });
    expect(await row()).toMatchObject({ status: "sent", attempts: 3 });
    expect((await accepted(flaky)).filter((m) => m.body.subject.startsWith("arXiv digest"))).toHaveLength(1);
  });

  it("sends the digest with both parts complete and the unsubscribe headers; a repeat is a no-op", async () => {
    const row = (await deliveriesOf(lastWeek)).find((r) => r.subscription === readerId)!;
    const message = digestMessages.find((m) => m.kind === "digest" && m.deliveryId === row.id)!;
    expect(await deliverMessage(message, deps())).toEqual({ ack: true });
    expect(await deliverMessage(message, deps())).toEqual({ ack: true });

    const mails = (await accepted(reader)).filter((m) => m.body.subject.startsWith("arXiv digest"));
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.idempotencyKey).toBe(`digest/${lastWeek}/${row.id}`);
    // The subscriber's digest (issue #14): every pick, with its links, in both parts.
    const brief = (await (
      await call(`/api/subscriptions/${readerId}/digest?week=${lastWeek}`, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      })
    ).json()) as { picks: Array<{ title: string; links: { abs: string } | null }> };
    expect(brief.picks.length).toBeGreaterThan(0);
    for (const pick of brief.picks) {
      expect(mail.body.text).toContain(pick.title);
      if (pick.links) {
        expect(mail.body.text).toContain(pick.links.abs);
        expect(mail.body.html).toContain(`href="${pick.links.abs}"`);
      }
    }
    expect(mail.body.text).toContain(`The full week: ${BASE}/digests/${lastWeek}`);
    const headers = mail.body.headers!;
    expect(headers["List-Id"]).toBe("<digest.digest.example.org>");
    expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const https =
      /^<(https:\/\/digest\.example\.org\/unsubscribe\?token=unsub_[\w-]{43})>, <mailto:unsubscribe@example\.org\?subject=unsubscribe%20unsub_[\w-]{43}>$/.exec(
        headers["List-Unsubscribe"]!,
      )![1]!;
    expect(mail.body.html).toContain(`href="${https}"`);

    const res = await exports.default.fetch(
      new Request(https, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
      }),
    );
    expect(res.status).toBe(200);
    expect(await statusOf(readerId)).toBe("unsubscribed");
  });

  it("never mailed the unconfirmed address anything but its confirmation", async () => {
    expect((await accepted(pending)).map((m) => m.body.subject)).toEqual([
      "Confirm your subscription to the weekly arXiv digest",
    ]);
  });
});
