/**
 * One queue message → at most one send. The ledger row is claimed first (db/queries/deliveries.ts),
 * so the same message delivered twice, or two consumers at once, still send once; the outcome is
 * recorded before the message is acknowledged.
 */
import type { Database } from "../db/client";
import { claimDelivery, findDelivery, recordDeliveryResult } from "../db/queries/deliveries";
import { endSubscription } from "../db/queries/subscriptions";
import { isEmptyDigest } from "../digest/filter-digest";
import { publishedDigest } from "../digest/published-digest-cache";
import { readerLinks } from "../digest/reader-links";
import { briefOf, DEFAULT_PICKS } from "../digest/subscriber-digest";
import { orderedDigest, rankForSubscription } from "../digest/subscriber-ranking";
import { logError } from "../log";
import { readerTokenOf } from "../security/reader-token";
import { unsubscribeTokenOf } from "../security/unsubscribe-token";
import { nextRetryDelaySeconds, queueDelaySeconds } from "./retry-schedule";
import type { ChannelSender, DeliveryMessage, SendOutcome } from "./types";

export type Channel = "email" | "webhook" | "slack";

export interface DeliveryDeps {
  db: Database;
  senders: Record<Channel, ChannelSender>;
  sendConfirmation: (
    subscriptionId: string,
    confirmToken: string,
    unsubscribeToken: string,
  ) => Promise<SendOutcome>;
  publicBaseUrl: string;
  /** Key of the derived unsubscribe tokens (security/unsubscribe-token.ts). */
  tokenSecret: string;
  now: () => number;
}

/** What to do with the queue message: acknowledge it, or have the queue redeliver it after a delay. */
export type MessageVerdict = { ack: true } | { ack: false; delaySeconds: number };

const ACK: MessageVerdict = { ack: true };

export async function deliverMessage(body: DeliveryMessage, deps: DeliveryDeps): Promise<MessageVerdict> {
  if (body.kind === "confirm-email") {
    const outcome = await deps.sendConfirmation(
      body.subscriptionId,
      body.confirmToken,
      body.unsubscribeToken,
    );
    return outcome.kind === "retry" ? { ack: false, delaySeconds: 30 } : ACK;
  }
  return deliverDigest(body.deliveryId, deps);
}

async function deliverDigest(deliveryId: number, deps: DeliveryDeps): Promise<MessageVerdict> {
  const { db } = deps;
  const now = deps.now();
  const claimed = await claimDelivery(db, deliveryId, now);
  if (!claimed) {
    // Done already (a redelivered message), or another consumer is on it: check again after its claim.
    const row = await findDelivery(db, deliveryId);
    if (row?.status === "sending" && row.claimedUntil !== null) {
      return { ack: false, delaySeconds: queueDelaySeconds((row.claimedUntil - now) / 1000) };
    }
    // Not due yet: a wait longer than a queue delay allows (chained), or a clock ahead of ours.
    if (row?.status === "retrying" && row.nextAttemptAt !== null && row.nextAttemptAt > now) {
      return { ack: false, delaySeconds: queueDelaySeconds((row.nextAttemptAt - now) / 1000) };
    }
    return ACK;
  }
  const { delivery, subscription } = claimed;
  if (subscription.status !== "active") {
    await recordDeliveryResult(
      db,
      deliveryId,
      { status: "skipped", reason: `subscription ${subscription.status}` },
      now,
    );
    return ACK;
  }
  const published = await publishedDigest(db, delivery.week);
  if (!published) {
    await recordDeliveryResult(db, deliveryId, { status: "failed", error: "digest not found" }, now);
    return ACK;
  }
  const picks = subscription.digestSize ?? DEFAULT_PICKS;
  const ranking = await rankForSubscription(db, published, subscription, { explain: picks });
  const digest = orderedDigest(ranking);
  if (isEmptyDigest(digest)) {
    await recordDeliveryResult(
      db,
      deliveryId,
      { status: "skipped", reason: "nothing matched the filters" },
      now,
    );
    return ACK;
  }

  // Rebuilt from the id and the key (D1 holds only its hash); never send a message whose
  // unsubscribe link would not work.
  const unsubscribeToken = await unsubscribeTokenOf(subscription, deps.tokenSecret);
  if (unsubscribeToken === null) {
    const error =
      "the unsubscribe link cannot be rebuilt: TOKEN_SECRET (or ADMIN_TOKEN) changed since subscribing";
    await recordDeliveryResult(db, deliveryId, { status: "failed", error }, now);
    return ACK;
  }
  const links = readerLinks({
    publicBaseUrl: deps.publicBaseUrl,
    subscriptionId: subscription.id,
    readerToken: await readerTokenOf(subscription.id, deps.tokenSecret),
    week: delivery.week,
    unsubscribe: `${deps.publicBaseUrl}/unsubscribe?token=${encodeURIComponent(unsubscribeToken)}`,
  });
  const brief = briefOf(ranking, picks, deps.publicBaseUrl, digest);
  let outcome: SendOutcome;
  try {
    outcome = await deps.senders[subscription.channel].sendDigest({
      deliveryId,
      subscription,
      digest,
      brief,
      links,
      unsubscribeToken,
    });
  } catch (error) {
    // A bug or an unexpected runtime error: retried like any transient failure, and logged.
    logError("delivery-sender-threw", error, { deliveryId });
    outcome = { kind: "retry", error: error instanceof Error ? error.message : String(error) };
  }
  return recordOutcome(deps, deliveryId, subscription.id, delivery.attempts, outcome);
}

async function recordOutcome(
  deps: DeliveryDeps,
  deliveryId: number,
  subscriptionId: string,
  attempts: number,
  outcome: SendOutcome,
): Promise<MessageVerdict> {
  const { db } = deps;
  const now = deps.now();
  switch (outcome.kind) {
    case "sent":
      await recordDeliveryResult(db, deliveryId, { status: "sent" }, now);
      return ACK;
    case "failed":
      await recordDeliveryResult(db, deliveryId, { status: "failed", error: outcome.error }, now);
      return ACK;
    case "disable":
      await recordDeliveryResult(db, deliveryId, { status: "failed", error: outcome.error }, now);
      await endSubscription(db, subscriptionId, "disabled", outcome.error, now);
      return ACK;
    case "retry": {
      const delay = nextRetryDelaySeconds(attempts, outcome.retryAfterMs);
      if (delay === null) {
        const error = `gave up after ${attempts} attempts: ${outcome.error}`;
        await recordDeliveryResult(db, deliveryId, { status: "failed", error }, now);
        return ACK;
      }
      await recordDeliveryResult(
        db,
        deliveryId,
        { status: "retrying", error: outcome.error, nextAttemptAt: now + delay * 1000 },
        now,
      );
      return { ack: false, delaySeconds: queueDelaySeconds(delay) };
    }
  }
}

/** Dead-letter queue: the queue gave up on a message (consumer crashes); record it for the admin. */
export async function recordDeadLetter(body: DeliveryMessage, deps: Pick<DeliveryDeps, "db" | "now">) {
  if (body.kind !== "digest") {
    logError("confirmation-dead-lettered", "the confirmation mail kept failing", {
      subscriptionId: body.subscriptionId,
    });
    return;
  }
  const row = await findDelivery(deps.db, body.deliveryId);
  if (row && row.status !== "sent" && row.status !== "skipped") {
    await recordDeliveryResult(
      deps.db,
      body.deliveryId,
      {
        status: "failed",
        error: `dead-lettered after repeated consumer failures; last error: ${row.lastError ?? "none"}`,
      },
      deps.now(),
    );
  }
}
