/** Subscriptions: created by the API, confirmed/unsubscribed by token, listed by the admin. */
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../client";
import { subscriptions } from "../schema";

export type SubscriptionRow = typeof subscriptions.$inferSelect;
export type NewSubscription = typeof subscriptions.$inferInsert;

export async function insertSubscription(db: Database, row: NewSubscription): Promise<SubscriptionRow> {
  const [saved] = await db.insert(subscriptions).values(row).returning();
  return saved!;
}

export async function findSubscription(db: Database, id: string): Promise<SubscriptionRow | null> {
  const [row] = await db.select().from(subscriptions).where(eq(subscriptions.id, id)).limit(1);
  return row ?? null;
}

/** By a token: the management or confirmation token's hash, or the unsubscribe token itself. */
export async function findByToken(
  db: Database,
  column: "manageHash" | "confirmHash" | "unsubscribe",
  value: string,
): Promise<SubscriptionRow | null> {
  const col = {
    manageHash: subscriptions.manageTokenHash,
    confirmHash: subscriptions.confirmTokenHash,
    unsubscribe: subscriptions.unsubscribeToken,
  }[column];
  const [row] = await db.select().from(subscriptions).where(eq(col, value)).limit(1);
  return row ?? null;
}

/** pending → active. Idempotent: confirming twice changes nothing the second time. */
export async function confirmSubscription(db: Database, id: string, now: number): Promise<boolean> {
  const rows = await db
    .update(subscriptions)
    .set({ status: "active", confirmedAt: now, changedAt: now })
    .where(
      and(eq(subscriptions.id, id), eq(subscriptions.status, "pending"), isNull(subscriptions.confirmedAt)),
    )
    .returning({ id: subscriptions.id });
  return rows.length > 0;
}

/** Ends a subscription (unsubscribed or disabled). Idempotent; an ended one stays as it is. */
export async function endSubscription(
  db: Database,
  id: string,
  status: "unsubscribed" | "disabled",
  reason: string,
  now: number,
): Promise<boolean> {
  const rows = await db
    .update(subscriptions)
    .set({ status, statusReason: reason, changedAt: now })
    .where(and(eq(subscriptions.id, id), sql`${subscriptions.status} IN ('pending', 'active')`))
    .returning({ id: subscriptions.id });
  return rows.length > 0;
}

export function listSubscriptions(db: Database, limit = 1000) {
  return db.select().from(subscriptions).orderBy(desc(subscriptions.createdAt)).limit(limit);
}
