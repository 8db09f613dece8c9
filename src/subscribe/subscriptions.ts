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
  findByUnsubscribeForms,
  type SubscriptionRow,
  upsertEmailSubscription,
  upsertLiveSubscription,
} from "../db/queries/subscriptions";
import { loadStoredThemes } from "../db/queries/themes";
import type { DeliveryMessage } from "../deliver/types";
import { DEFAULT_PICKS } from "../digest/subscriber-digest";
import type { DeliveryConfig } from "../env";
import { ApiError } from "../errors";
import {
  mayPostToSlackChannel,
  mayReadUnsubscribeLink,
  type SubscribeAuthority,
  updateScope,
} from "../security/subscribe-authority";
import { hashToken, looksLikeToken, newToken, newWebhookSecret } from "../security/tokens";
import {
  issueUnsubscribeToken,
  storedFormsOf,
  UNSUBSCRIBE_PREFIX,
  unsubscribeTokenOf,
} from "../security/unsubscribe-token";
import { checkTarget, isSlackChannelId, type SubscriptionInput } from "./subscription-input";

export const MANAGE_PREFIX = "sub";
export const CONFIRM_PREFIX = "confirm";

/** At most this many confirmation mails to one address per UTC day (later ones answer the same). */
export const CONFIRMATION_MAILS_PER_DAY = 3;

export interface CreatedSubscription {
  subscription: SubscriptionRow;
  /** False: the target already had a live subscription, which was updated instead. */
  created: boolean;
  /** Only for a new subscription: shown this once. */
  manageToken: string | null;
  /** For a new subscription, and to the admin or the subscription's manager. */
  unsubscribeToken: string | null;
  /** Only for a new webhook: the signing secret, shown this once. */
  webhookSecret: string | null;
}

/**
 * Why a subscription was not made, in the domain's words; each caller says it its own way (the API
 * as an error code and status, the form as a field's problem, Slack as a note).
 */
export type SubscribeRefusal =
  | { reason: "invalid_target"; message: string }
  | { reason: "unknown_theme"; message: string }
  | { reason: "forbidden_target"; message: string }
  | { reason: "already_subscribed"; message: string };

export type SubscribeOutcome =
  | { ok: true; value: CreatedSubscription }
  | { ok: false; refusal: SubscribeRefusal };

const refuse = (reason: SubscribeRefusal["reason"], message: string): SubscribeOutcome => ({
  ok: false,
  refusal: { reason, message },
});

/** The wanted theme ids without repeats, or the ones the bot does not know. */
async function checkThemes(
  db: Database,
  wanted: string[],
): Promise<{ ok: true; themes: string[] } | { ok: false; unknown: string[] }> {
  if (wanted.length === 0) return { ok: true, themes: [] };
  const stored = await loadStoredThemes(db);
  const known = new Set(stored.rows.filter((r) => r.retiredAt === null).map((r) => r.id));
  const unknown = wanted.filter((t) => !known.has(t));
  return unknown.length > 0 ? { ok: false, unknown } : { ok: true, themes: [...new Set(wanted)] };
}

/** The stored unsubscribe hash no longer matches what the key derives: the operator changed the key. */
export function tokenSecretChanged(): ApiError {
  return new ApiError(
    500,
    "misconfigured",
    "TOKEN_SECRET (or ADMIN_TOKEN, when TOKEN_SECRET is unset) changed since this subscription was made: its unsubscribe link cannot be rebuilt. Restore the old value.",
  );
}

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Subscribes `input.target`, or updates its live subscription (one per channel and target). What
 * the caller may do depends on `authority` (security/subscribe-authority.ts).
 */
export async function createSubscription(
  db: Database,
  queue: Queue<DeliveryMessage>,
  input: SubscriptionInput,
  config: DeliveryConfig,
  now: number,
  authority: SubscribeAuthority,
): Promise<SubscribeOutcome> {
  const checked = checkTarget(input, config);
  if (!checked.ok) return refuse("invalid_target", checked.message);
  const { target } = checked;
  if (input.channel === "slack" && isSlackChannelId(target) && !mayPostToSlackChannel(authority, target)) {
    return refuse(
      "forbidden_target",
      "Only the channel itself (`/paper subscribe` in it) or the admin token can subscribe a Slack channel by id; an incoming-webhook URL needs neither.",
    );
  }
  const themeCheck = await checkThemes(db, input.themes);
  if (!themeCheck.ok) {
    return refuse(
      "unknown_theme",
      `Unknown theme ids: ${themeCheck.unknown.join(", ")}. GET /api/themes lists them (provisional ones cannot be chosen until published).`,
    );
  }
  const { themes } = themeCheck;
  const id = crypto.randomUUID();
  const manageToken = newToken(MANAGE_PREFIX);
  const unsubscribe = await issueUnsubscribeToken(id, config.tokenSecret);
  const confirmToken = input.channel === "email" ? newToken(CONFIRM_PREFIX) : null;
  const webhookSecret = input.channel === "webhook" ? newWebhookSecret() : null;
  const row = {
    id,
    channel: input.channel,
    target,
    themes,
    query: input.query ? input.query : null,
    digestSize: input.size ?? null,
    status: confirmToken ? ("pending" as const) : ("active" as const),
    manageTokenHash: await hashToken(manageToken),
    unsubscribeTokenStored: unsubscribe.stored,
    confirmTokenHash: confirmToken ? await hashToken(confirmToken) : null,
    webhookSecret,
    createdAt: now,
    confirmedAt: confirmToken ? null : now,
    changedAt: now,
  };
  const scope = updateScope(authority);
  const { outcome, mayMail } =
    input.channel === "email"
      ? await upsertEmailSubscription(db, row, scope, {
          day: utcDay(now),
          oldestKept: utcDay(now - 86_400_000),
          max: CONFIRMATION_MAILS_PER_DAY,
        })
      : { outcome: await upsertLiveSubscription(db, row, scope), mayMail: false };
  if (!outcome) {
    return refuse(
      "already_subscribed",
      "This target already has a subscription. Change it with its management token (Authorization: Bearer <manageToken>), or end it with the unsubscribe link of any message.",
    );
  }
  const { row: subscription, created } = outcome;
  // The kept row's own token (its id, or as issued before migration 0008).
  const unsubscribeToken = created
    ? unsubscribe.token
    : await unsubscribeTokenOf(subscription, config.tokenSecret);
  if (unsubscribeToken === null) throw tokenSecretChanged();
  // With a mail slot the pending row now carries the new confirmation token: mail it. Over the
  // daily quota nothing is sent (the old links stay valid) and the answer is the same, so it does
  // not tell the caller.
  if (confirmToken && mayMail && subscription.status === "pending") {
    // The confirmation mail goes through the queue too: retried if the mail provider is down.
    await queue.send({
      kind: "confirm-email",
      subscriptionId: subscription.id,
      confirmToken,
      unsubscribeToken,
    });
  }
  return {
    ok: true,
    value: {
      subscription,
      created,
      manageToken: created ? manageToken : null,
      unsubscribeToken: created || mayReadUnsubscribeLink(authority) ? unsubscribeToken : null,
      webhookSecret: created ? webhookSecret : null,
    },
  };
}

export async function subscriptionByConfirmToken(db: Database, token: string | undefined) {
  return looksLikeToken(token, CONFIRM_PREFIX)
    ? findByToken(db, "confirmHash", await hashToken(token))
    : null;
}

export async function subscriptionByUnsubscribeToken(db: Database, token: string | undefined) {
  return looksLikeToken(token, UNSUBSCRIBE_PREFIX)
    ? findByUnsubscribeForms(db, await storedFormsOf(token))
    : null;
}

export async function subscriptionByManageToken(db: Database, token: string | null) {
  return looksLikeToken(token, MANAGE_PREFIX) ? findByToken(db, "manageHash", await hashToken(token)) : null;
}

export type TokenStepResult = "done" | "already" | "unknown";

/**
 * What confirming did: `done` with the subscription's new management token (the address's owner
 * now manages it; the token from the subscribe answer stops working), or why nothing changed
 * (`ended`: cancelled or disabled before the click).
 */
export type ConfirmResult = { kind: "done"; manageToken: string } | { kind: "already" | "unknown" | "ended" };

export async function confirmByToken(
  db: Database,
  token: string | undefined,
  now: number,
): Promise<ConfirmResult> {
  const sub = await subscriptionByConfirmToken(db, token);
  if (!sub) return { kind: "unknown" };
  if (sub.status === "unsubscribed" || sub.status === "disabled") return { kind: "ended" };
  if (sub.status !== "pending") return { kind: "already" };
  const manageToken = newToken(MANAGE_PREFIX);
  if (await confirmSubscription(db, sub.id, await hashToken(manageToken), now)) {
    return { kind: "done", manageToken };
  }
  // Lost a race: another click confirmed it, or an unsubscribe ended it in between.
  const after = await subscriptionByConfirmToken(db, token);
  return { kind: after?.status === "active" ? "already" : "ended" };
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
    size: s.digestSize ?? DEFAULT_PICKS,
    status: s.status,
    statusReason: s.statusReason,
    createdAt: new Date(s.createdAt).toISOString(),
    confirmedAt: s.confirmedAt === null ? null : new Date(s.confirmedAt).toISOString(),
  };
}
