/**
 * After publishing: one ledger row per (active subscription, digest), then one queue message per
 * row, sent 100 at a time (the Queues batch limit). Every step is idempotent and resumable: rows
 * are unique, and rows not yet marked enqueued are picked up again by the next run.
 */
import type { Database } from "../db/client";
import {
  digestsToFanOut,
  fanOutStatements,
  markEnqueued,
  markFannedOutUnsent,
  unqueuedDeliveries,
} from "../db/queries/deliveries";
import { shiftWeek } from "../digest/iso-week";
import type { DeliveryMessage } from "./types";

const SEND_BATCH = 100;
/** Rows enqueued per run at most (10,000 subscriptions = 100 sendBatch calls, 200 D1 statements). */
const MAX_ENQUEUED_PER_RUN = 50_000;

export interface FanOutReport {
  digests: string[];
  enqueued: number;
  /** Queue sendBatch calls made (≤ 100 messages each). */
  queueBatches: number;
  /** Digests too old to send (the bot was down for weeks): recorded, not delivered. */
  stale: string[];
}

/**
 * `currentWeek`: digests more than one week older than the week before it are not sent (a bot
 * back from a long outage should not mail five old digests at once); they stay on the web.
 */
export async function fanOutDigests(
  db: Database,
  queue: Queue<DeliveryMessage>,
  now: number,
  currentWeek: string,
): Promise<FanOutReport> {
  const report: FanOutReport = { digests: [], enqueued: 0, queueBatches: 0, stale: [] };
  const oldestToSend = shiftWeek(currentWeek, -2);
  for (const digest of await digestsToFanOut(db)) {
    if (digest.week < oldestToSend) {
      await markFannedOutUnsent(db, digest.week, now);
      report.stale.push(digest.week);
      continue;
    }
    await db.$client.batch(fanOutStatements(db.$client, digest.week, digest.publishedAt, now));
    report.digests.push(digest.week);
  }
  while (report.enqueued < MAX_ENQUEUED_PER_RUN) {
    const rows = await unqueuedDeliveries(db, 1_000);
    if (rows.length === 0) break;
    for (let i = 0; i < rows.length; i += SEND_BATCH) {
      const ids = rows.slice(i, i + SEND_BATCH).map((r) => r.id);
      await queue.sendBatch(ids.map((deliveryId) => ({ body: { kind: "digest", deliveryId } })));
      report.queueBatches++;
      // Marked after the send: a crash in between re-sends these ids next run, and the ledger's
      // claim makes the duplicate message a no-op.
      await markEnqueued(db.$client, ids, now).run();
      report.enqueued += ids.length;
    }
  }
  return report;
}
