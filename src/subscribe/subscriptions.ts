/**
 * Subscribing, confirming and leaving. E-mail is double opt-in: the subscription starts `pending`
 * and only a click on the mailed link makes it `active`; webhooks and Slack start `active` (their
 * owner proves control by receiving). Every step is idempotent.
 */
import type { Database } from "../db/client";
import {
  confirmSubscription,
  endSubscription,
  findByToken,
  insertSubscription,
  type SubscriptionRow,
} from "../db/queries/subscriptions";
import { loadStoredThemes } from "../db/queries/themes";
import type { DeliveryMessage } from "../deliver/types";
import type { DeliveryConfig } from "../env";
import { ApiError } from "../errors";
import { hashToken, looksLikeToken, newToken, newWebhookSecret } from "../security/tokens";
import { checkTarget, type SubscriptionInput } from "./subscription-input";

export const MANAGE_PREFIX = "sub";
export const CONFIRM_PREFIX = "confirm";
export const UNSUBSCRIBE_PREFIX = "unsub";

export interface CreatedSubscription {
  subscription: SubscriptionRow;
  manageToken: string;
  /** Only for webhooks: the signing secret, shown this once. */
  webhookSecret: string | null;
}

async function checkThemes(db: Database, wanted: string[]): Promise<string[]> {
  if (wanted.length === 0) return [];
  const stored = await loadStoredThemes(db);
  const known = new Set(stored.rows.filter((r) => r.retiredAt === null).map((r) => r.id));
  const unknown = wanted.filter((t) => !known.has(t));
  if (unknown.length > 0) {
    throw new ApiError(
      400,
      "unknown_theme",
      `Unknown theme ids: ${unknown.join(", ")}. GET /api/themes lists them (provisional ones cannot be chosen until published).`,
    );
  }
  return [...new Set(wanted)];
}

export async function createSubscription(
  db: Database,
  queue: Queue<DeliveryMessage>,
  input: SubscriptionInput,
  config: DeliveryConfig,
  now: number,
): Promise<CreatedSubscription> {
  const target = checkTarget(input, config);
  const themes = await checkThemes(db, input.themes);
  const manageToken = newToken(MANAGE_PREFIX);
  const unsubscribeToken = newToken(UNSUBSCRIBE_PREFIX);
  const confirmToken = input.channel === "email" ? newToken(CONFIRM_PREFIX) : null;
  const webhookSecret = input.channel === "webhook" ? newWebhookSecret() : null;
  const subscription = await insertSubscription(db, {
    id: crypto.randomUUID(),
    channel: input.channel,
    target,
    themes,
    query: input.query ? input.query : null,
    status: confirmToken ? "pending" : "active",
    manageTokenHash: await hashToken(manageToken),
    unsubscribeToken,
    confirmTokenHash: confirmToken ? await hashToken(confirmToken) : null,
    webhookSecret,
    createdAt: now,
    confirmedAt: confirmToken ? null : now,
    changedAt: now,
  });
  if (confirmToken) {
    // The confirmation mail goes through the queue too: retried if the mail provider is down.
    await queue.send({
      kind: "confirm-email",
      subscriptionId: subscription.id,
      confirmToken,
      unsubscribeToken,
    });
  }
  return { subscription, manageToken, webhookSecret };
}

export async function subscriptionByConfirmToken(db: Database, token: string | undefined) {
  return looksLikeToken(token, CONFIRM_PREFIX)
    ? findByToken(db, "confirmHash", await hashToken(token))
    : null;
}

export async function subscriptionByUnsubscribeToken(db: Database, token: string | undefined) {
  return looksLikeToken(token, UNSUBSCRIBE_PREFIX) ? findByToken(db, "unsubscribe", token) : null;
}

export async function subscriptionByManageToken(db: Database, token: string | null) {
  return looksLikeToken(token, MANAGE_PREFIX) ? findByToken(db, "manageHash", await hashToken(token)) : null;
}

export type TokenStepResult = "done" | "already" | "unknown";

export async function confirmByToken(
  db: Database,
  token: string | undefined,
  now: number,
): Promise<TokenStepResult> {
  const sub = await subscriptionByConfirmToken(db, token);
  if (!sub) return "unknown";
  if (sub.status !== "pending") return "already";
  return (await confirmSubscription(db, sub.id, now)) ? "done" : "already";
}

export async function unsubscribeByToken(
  db: Database,
  token: string | undefined,
  now: number,
): Promise<TokenStepResult> {
  const sub = await subscriptionByUnsubscribeToken(db, token);
  if (!sub) return "unknown";
  return (await endSubscription(db, sub.id, "unsubscribed", "unsubscribed by the subscriber", now))
    ? "done"
    : "already";
}

/** The public view of a subscription (never a token hash or the webhook secret). */
export function subscriptionView(s: SubscriptionRow) {
  return {
    id: s.id,
    channel: s.channel,
    target: s.target,
    themes: s.themes,
    query: s.query,
    status: s.status,
    statusReason: s.statusReason,
    createdAt: new Date(s.createdAt).toISOString(),
    confirmedAt: s.confirmedAt === null ? null : new Date(s.confirmedAt).toISOString(),
  };
}
