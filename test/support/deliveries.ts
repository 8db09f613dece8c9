/** Helpers for delivery tests: subscribe through the API, wait for the queue consumer. */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import type { DeliveryMessage } from "../../src/deliver/types";
import { readConfig } from "../../src/env";
import { PUBLIC } from "../../src/security/subscribe-authority";
import type { SubscriptionInput } from "../../src/subscribe/subscription-input";
import { createSubscription } from "../../src/subscribe/subscriptions";
import { ADMIN_TOKEN, call, postSubscription } from "./api";
import { db } from "./db";

/** A queue that keeps what is sent to it, for tests that read the confirmation mails queued. */
export function capturingQueue(): { queue: Queue<DeliveryMessage>; messages: DeliveryMessage[] } {
  const messages: DeliveryMessage[] = [];
  const queue = {
    send: async (body: DeliveryMessage) => {
      messages.push(body);
    },
    sendBatch: async (batch: Iterable<MessageSendRequest<DeliveryMessage>>) => {
      for (const m of batch) messages.push(m.body);
    },
  } as unknown as Queue<DeliveryMessage>;
  return { queue, messages };
}

/** createSubscription as a member of the public would call it, with the deployment's settings. */
export function subscribeAsPublic(queue: Queue<DeliveryMessage>, input: SubscriptionInput) {
  return createSubscription(db(), queue, input, readConfig(env).delivery, Date.now(), PUBLIC);
}

/**
 * An e-mail subscription created as the API creates it, with the tokens its confirmation mail
 * would carry (taken from the queued message instead of a mailbox).
 */
export async function emailSubscription(target: string, themes: string[] = [], query?: string) {
  const { queue, messages } = capturingQueue();
  const outcome = await subscribeAsPublic(queue, {
    channel: "email",
    target,
    themes,
    ...(query ? { query } : {}),
  });
  if (!outcome.ok) throw new Error(outcome.refusal.message);
  const created = outcome.value;
  const message = messages[0];
  if (message?.kind !== "confirm-email") throw new Error("no confirmation queued");
  return {
    id: created.subscription.id,
    confirmToken: message.confirmToken,
    unsubscribeToken: message.unsubscribeToken,
  };
}

export async function subscriptionStatus(id: string): Promise<string> {
  const row = await env.DB.prepare("SELECT status FROM subscriptions WHERE id = ?")
    .bind(id)
    .first<{ status: string }>();
  return row!.status;
}

export interface CreatedSubscription {
  id: string;
  status: string;
  manageToken: string;
  unsubscribeUrl: string;
  webhookSecret?: string;
}

/** POST /api/subscriptions from a client of its own; `token` as the bearer (the admin's for Slack channel ids). */
export async function subscribe(body: Record<string, unknown>, token?: string): Promise<CreatedSubscription> {
  const res = await postSubscription(body, token);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as CreatedSubscription;
}

export interface DeliveryView {
  id: number;
  subscription: string;
  channel: string;
  status: string;
  attempts: number;
  lastError: string | null;
}

export async function deliveriesOf(week: string): Promise<DeliveryView[]> {
  const res = await call(`/api/deliveries?week=${week}`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { deliveries: DeliveryView[] }).deliveries;
}

/** Polls until every delivery of the week has left pending/sending (the queue consumer runs in the background). */
export async function waitForDeliveries(
  week: string,
  done: (d: DeliveryView) => boolean = (d) => !["pending", "sending"].includes(d.status),
  timeoutMs = 20_000,
): Promise<DeliveryView[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await deliveriesOf(week);
    if (rows.length > 0 && rows.every(done)) return rows;
    if (Date.now() > deadline) throw new Error(`deliveries of ${week} not done: ${JSON.stringify(rows)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
