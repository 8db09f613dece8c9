/**
 * The delivery ledger. Fan-out creates rows with one INSERT … SELECT per digest (no bound
 * parameter per subscription, however many there are); the consumer claims a row before sending
 * and records the outcome after, so a message delivered twice by the queue sends once.
 */
import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Database } from "../client";
import { deliveries, digests, subscriptions } from "../schema";

export type DeliveryRow = typeof deliveries.$inferSelect;

/** How long a claim holds: longer than the slowest send (webhook timeout 15 s, Slack splits). */
export const CLAIM_MS = 120_000;

/** Published digests whose deliveries have not been created yet, oldest first. */
export function digestsToFanOut(db: Database) {
  return db
    .select({ week: digests.week, publishedAt: digests.publishedAt })
    .from(digests)
    .where(isNull(digests.fannedOutAt))
    .orderBy(asc(digests.week));
}

/**
 * One ledger row per subscription active when the digest was published (later subscribers start
 * with the next digest), and the digest marked fanned out, in one transaction.
 */
export function fanOutStatements(d1: D1Database, week: string, publishedAt: number, now: number) {
  return [
    d1
      .prepare(
        `INSERT INTO deliveries (subscription_id, week, channel, status, attempts, created_at)
         SELECT id, ?1, channel, 'pending', 0, ?3 FROM subscriptions
         WHERE status = 'active' AND confirmed_at <= ?2
         ON CONFLICT(subscription_id, week, channel) DO NOTHING`,
      )
      .bind(week, publishedAt, now),
    d1
      .prepare("UPDATE digests SET fanned_out_at = ?2 WHERE week = ?1 AND fanned_out_at IS NULL")
      .bind(week, now),
  ];
}

/** Ledger rows not yet handed to the queue, oldest first (a crashed fan-out resumes here). */
/** A digest too old to send: marked as fanned out with no deliveries (it stays on the web). */
export async function markFannedOutUnsent(db: Database, week: string, now: number): Promise<void> {
  await db.$client
    .prepare("UPDATE digests SET fanned_out_at = ?2 WHERE week = ?1 AND fanned_out_at IS NULL")
    .bind(week, now)
    .run();
}

export function unqueuedDeliveries(db: Database, limit: number) {
  return db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(and(isNull(deliveries.enqueuedAt), eq(deliveries.status, "pending")))
    .orderBy(asc(deliveries.id))
    .limit(limit);
}

export function markEnqueued(d1: D1Database, ids: number[], now: number) {
  return d1
    .prepare("UPDATE deliveries SET enqueued_at = ?2 WHERE id IN (SELECT value FROM json_each(?1))")
    .bind(JSON.stringify(ids), now);
}

/**
 * Takes the row for sending: only when it is pending, due for its retry, or its previous claim
 * expired. Returns the row and its subscription, or null when another consumer has it or it is done.
 */
export async function claimDelivery(db: Database, id: number, now: number) {
  const [claimed] = await db
    .update(deliveries)
    .set({ status: "sending", attempts: sql`${deliveries.attempts} + 1`, claimedUntil: now + CLAIM_MS })
    .where(
      and(
        eq(deliveries.id, id),
        sql`(${deliveries.status} = 'pending'
          OR (${deliveries.status} = 'retrying' AND ${deliveries.nextAttemptAt} <= ${now})
          OR (${deliveries.status} = 'sending' AND ${deliveries.claimedUntil} < ${now}))`,
      ),
    )
    .returning();
  if (!claimed) return null;
  const [subscription] = await db
    .select()
    .from(subscriptions)
    .where(eq(subscriptions.id, claimed.subscriptionId))
    .limit(1);
  return subscription ? { delivery: claimed, subscription } : null;
}

export type DeliveryResult =
  | { status: "sent" }
  | { status: "skipped"; reason: string }
  | { status: "retrying"; error: string; nextAttemptAt: number }
  | { status: "failed"; error: string };

export async function recordDeliveryResult(db: Database, id: number, result: DeliveryResult, now: number) {
  await db
    .update(deliveries)
    .set({
      status: result.status,
      claimedUntil: null,
      sentAt: result.status === "sent" ? now : null,
      lastError: "error" in result ? result.error.slice(0, 1000) : "reason" in result ? result.reason : null,
      nextAttemptAt: result.status === "retrying" ? result.nextAttemptAt : null,
    })
    .where(eq(deliveries.id, id));
}

export async function findDelivery(db: Database, id: number): Promise<DeliveryRow | null> {
  const [row] = await db.select().from(deliveries).where(eq(deliveries.id, id)).limit(1);
  return row ?? null;
}

export const DELIVERY_STATUSES = ["pending", "sending", "sent", "retrying", "failed", "skipped"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** A page of a week's deliveries for the admin (by id, after a cursor, optionally one status), with counts for all. */
export async function deliveriesOfWeek(
  db: Database,
  week: string,
  page: { status?: DeliveryStatus; afterId: number; limit: number },
) {
  const [rows, counts] = await db.batch([
    db
      .select({
        id: deliveries.id,
        subscriptionId: deliveries.subscriptionId,
        channel: deliveries.channel,
        target: subscriptions.target,
        status: deliveries.status,
        attempts: deliveries.attempts,
        lastError: deliveries.lastError,
        nextAttemptAt: deliveries.nextAttemptAt,
        sentAt: deliveries.sentAt,
        createdAt: deliveries.createdAt,
      })
      .from(deliveries)
      .innerJoin(subscriptions, eq(subscriptions.id, deliveries.subscriptionId))
      .where(
        and(
          eq(deliveries.week, week),
          gt(deliveries.id, page.afterId),
          page.status ? eq(deliveries.status, page.status) : undefined,
        ),
      )
      .orderBy(asc(deliveries.id))
      .limit(page.limit),
    db
      .select({ status: deliveries.status, n: sql<number>`count(*)` })
      .from(deliveries)
      .where(eq(deliveries.week, week))
      .groupBy(deliveries.status),
  ]);
  return { rows, counts: Object.fromEntries(counts.map((c) => [c.status, c.n])) as Record<string, number> };
}
