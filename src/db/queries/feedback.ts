/**
 * Readers' signals (issue #13): one current signal per (subscription, paper, reader). Writes are
 * single upserts or deletes, so two readers clicking at once never lose a signal, and repeating a
 * signal changes nothing but its time.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import { subscriptionFeedback } from "../schema";

export type Signal = "up" | "down" | "save";
export type FeedbackRow = typeof subscriptionFeedback.$inferSelect;

/** `by` is '' for the API (see the schema); Slack passes the clicking user's id. */
export async function setFeedback(
  db: Database,
  row: { subscriptionId: string; paperKey: string; by: string; signal: Signal; at: number },
): Promise<void> {
  await db
    .insert(subscriptionFeedback)
    .values(row)
    .onConflictDoUpdate({
      target: [subscriptionFeedback.subscriptionId, subscriptionFeedback.paperKey, subscriptionFeedback.by],
      set: { signal: row.signal, at: row.at },
      // Repeating the same signal keeps its first time: nothing changes.
      setWhere: sql`${subscriptionFeedback.signal} <> excluded.signal`,
    });
}

export interface FeedbackKey {
  subscriptionId: string;
  paperKey: string;
  by: string;
}

const rowOf = (key: FeedbackKey) =>
  and(
    eq(subscriptionFeedback.subscriptionId, key.subscriptionId),
    eq(subscriptionFeedback.paperKey, key.paperKey),
    eq(subscriptionFeedback.by, key.by),
  );

export async function clearFeedback(db: Database, key: FeedbackKey): Promise<void> {
  await db.delete(subscriptionFeedback).where(rowOf(key));
}

/** Newest first, up to `limit`. */
export function listFeedback(db: Database, subscriptionId: string, limit: number) {
  return db
    .select()
    .from(subscriptionFeedback)
    .where(eq(subscriptionFeedback.subscriptionId, subscriptionId))
    .orderBy(desc(subscriptionFeedback.at), subscriptionFeedback.paperKey)
    .limit(limit);
}
