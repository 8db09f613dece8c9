/**
 * A Slack member's button click (issue #15): the same button twice takes the signal back. Two
 * clicks arrive as two requests that may run at once, so the toggle is decided inside one D1 batch
 * (a transaction: no other statement runs between its statements), never by a read in the Worker
 * followed by a write.
 */
import { and, asc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Database } from "../client";
import { subscriptionFeedback } from "../schema";
import type { FeedbackKey, FeedbackRow, Signal } from "./feedback";

export type ToggleOutcome = "set" | "cleared";

/** Papers looked up at once: far below D1's 100 bound parameters a statement. */
export const MAX_PAPERS_LOOKED_UP = 90;

const rowOf = (key: FeedbackKey) =>
  and(
    eq(subscriptionFeedback.subscriptionId, key.subscriptionId),
    eq(subscriptionFeedback.paperKey, key.paperKey),
    eq(subscriptionFeedback.by, key.by),
  );

/**
 * The reader's signal becomes `signal`, or none when it already was `signal`. Three statements in
 * one batch, with a negative `at` (no real time is negative) marking the row this batch wrote:
 * 1. upsert `signal` stamped `-at`, leaving a row that already has `signal` untouched;
 * 2. delete the row if it has `signal` and no mark, i.e. it had `signal` before: the undo;
 * 3. turn the mark back into the time.
 * Statement 2 returning a row says which way it went.
 */
export async function toggleFeedback(
  db: Database,
  key: FeedbackKey & { signal: Signal; at: number },
): Promise<ToggleOutcome> {
  const at = Math.max(1, Math.floor(key.at));
  const [, deleted] = await db.batch([
    db
      .insert(subscriptionFeedback)
      .values({
        subscriptionId: key.subscriptionId,
        paperKey: key.paperKey,
        by: key.by,
        signal: key.signal,
        at: -at,
      })
      .onConflictDoUpdate({
        target: [subscriptionFeedback.subscriptionId, subscriptionFeedback.paperKey, subscriptionFeedback.by],
        set: { signal: key.signal, at: -at },
        setWhere: sql`${subscriptionFeedback.signal} <> excluded.signal`,
      }),
    db
      .delete(subscriptionFeedback)
      .where(and(rowOf(key), eq(subscriptionFeedback.signal, key.signal), gte(subscriptionFeedback.at, 0)))
      .returning({ signal: subscriptionFeedback.signal }),
    db
      .update(subscriptionFeedback)
      .set({ at })
      .where(and(rowOf(key), lt(subscriptionFeedback.at, 0))),
  ]);
  return deleted.length > 0 ? "cleared" : "set";
}

/** Every reader's current signal on these papers of one subscription, oldest first. */
export function signalsOnPapers(
  db: Database,
  subscriptionId: string,
  paperKeys: readonly string[],
): Promise<Pick<FeedbackRow, "paperKey" | "by" | "signal" | "at">[]> {
  const keys = [...new Set(paperKeys)].slice(0, MAX_PAPERS_LOOKED_UP);
  if (keys.length === 0) return Promise.resolve([]);
  return db
    .select({
      paperKey: subscriptionFeedback.paperKey,
      by: subscriptionFeedback.by,
      signal: subscriptionFeedback.signal,
      at: subscriptionFeedback.at,
    })
    .from(subscriptionFeedback)
    .where(
      and(
        eq(subscriptionFeedback.subscriptionId, subscriptionId),
        inArray(subscriptionFeedback.paperKey, keys),
      ),
    )
    .orderBy(asc(subscriptionFeedback.at), asc(subscriptionFeedback.by));
}
