/** Subscriptions: created by the API, confirmed/unsubscribed by token, listed by the admin. */
import { and, desc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { UpdateScope } from "../../security/subscribe-authority";
import type { Database } from "../client";
import { subscriptions } from "../schema";
import { gotMailSlot, type MailQuota, pruneQuota, takeMailSlot } from "./confirmation-quota";

export type SubscriptionRow = typeof subscriptions.$inferSelect;
export type NewSubscription = typeof subscriptions.$inferInsert & { id: string };

/** Must match the WHERE of `subscriptions_live_target_uq` (migration 0008) for ON CONFLICT to use it. */
const LIVE = sql`status IN ('pending', 'active')`;

function scopeCondition(scope: UpdateScope): SQL | undefined {
  switch (scope.kind) {
    case "any":
      return undefined;
    case "pending-email":
      return sql`${subscriptions.status} = 'pending' AND ${subscriptions.channel} = 'email'`;
    case "only":
      return eq(subscriptions.id, scope.id);
  }
}

export interface UpsertOutcome {
  row: SubscriptionRow;
  /** False: the target's live subscription was updated instead (its tokens and secret unchanged). */
  created: boolean;
}

function liveUpsert(db: Database, row: NewSubscription, scope: UpdateScope, rotateConfirm: SQL) {
  const condition = scopeCondition(scope);
  return db
    .insert(subscriptions)
    .values(row)
    .onConflictDoUpdate({
      target: [subscriptions.channel, subscriptions.target],
      targetWhere: LIVE,
      set: {
        themes: sql`excluded.themes`,
        query: sql`excluded.query`,
        // A size is a preference: subscribing again without one keeps it.
        digestSize: sql`COALESCE(excluded.digest_size, ${subscriptions.digestSize})`,
        confirmTokenHash: sql`CASE WHEN ${subscriptions.status} = 'pending' AND ${rotateConfirm} THEN excluded.confirm_token_hash ELSE ${subscriptions.confirmTokenHash} END`,
        changedAt: sql`excluded.changed_at`,
      },
      ...(condition ? { setWhere: condition } : {}),
    })
    .returning();
}

const outcomeOf = (saved: SubscriptionRow | undefined, row: NewSubscription): UpsertOutcome | null =>
  saved ? { row: saved, created: saved.id === row.id } : null;

/**
 * Inserts the subscription, or, when its (channel, target) already has a live one, updates that
 * one's filters: one INSERT … ON CONFLICT against the partial unique index, so concurrent
 * subscribes of one target leave exactly one live row. Null when a live one exists that `scope`
 * does not let the caller change.
 */
export async function upsertLiveSubscription(
  db: Database,
  row: NewSubscription,
  scope: UpdateScope,
): Promise<UpsertOutcome | null> {
  const [saved] = await liveUpsert(db, row, scope, sql`1`);
  return outcomeOf(saved, row);
}

/**
 * The same for an e-mail address, in one D1 batch with its confirmation-mail quota: a pending
 * subscription gets the new confirmation token only when this request got a mail slot.
 */
export async function upsertEmailSubscription(
  db: Database,
  row: NewSubscription,
  scope: UpdateScope,
  quota: MailQuota,
): Promise<{ outcome: UpsertOutcome | null; mayMail: boolean }> {
  const [, slot, saved] = await db.batch([
    pruneQuota(db, quota),
    takeMailSlot(db, row.target, quota),
    liveUpsert(db, row, scope, gotMailSlot(row.target, quota)),
  ]);
  const sent = slot[0]?.sent;
  return { outcome: outcomeOf(saved[0], row), mayMail: sent !== undefined && sent <= quota.max };
}

export async function findSubscription(db: Database, id: string): Promise<SubscriptionRow | null> {
  const [row] = await db.select().from(subscriptions).where(eq(subscriptions.id, id)).limit(1);
  return row ?? null;
}

/** By a token's hash: the management or the confirmation token. */
export async function findByToken(
  db: Database,
  column: "manageHash" | "confirmHash",
  value: string,
): Promise<SubscriptionRow | null> {
  const col = { manageHash: subscriptions.manageTokenHash, confirmHash: subscriptions.confirmTokenHash }[
    column
  ];
  const [row] = await db.select().from(subscriptions).where(eq(col, value)).limit(1);
  return row ?? null;
}

/** By the unsubscribe token's stored forms (hashed, or as issued for rows before migration 0008). */
export async function findByUnsubscribeForms(db: Database, forms: string[]): Promise<SubscriptionRow | null> {
  const [row] = await db
    .select()
    .from(subscriptions)
    .where(inArray(subscriptions.unsubscribeTokenStored, forms))
    .limit(1);
  return row ?? null;
}

/**
 * pending → active, with a new management token hash (the one handed out when subscribing went to
 * whoever made the request, who need not own the address). Idempotent: confirming twice changes
 * nothing the second time.
 */
export async function confirmSubscription(
  db: Database,
  id: string,
  manageTokenHash: string,
  now: number,
): Promise<boolean> {
  const rows = await db
    .update(subscriptions)
    .set({ status: "active", confirmedAt: now, changedAt: now, manageTokenHash })
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

/** A subscription's digest size (picks per delivery); null when it does not exist. */
export async function setDigestSize(
  db: Database,
  id: string,
  size: number,
  now: number,
): Promise<SubscriptionRow | null> {
  const rows = await db
    .update(subscriptions)
    .set({ digestSize: size, changedAt: now })
    .where(eq(subscriptions.id, id))
    .returning();
  return rows[0] ?? null;
}
