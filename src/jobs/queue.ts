/**
 * Queue entry point: delivery messages → deliver/deliver-message.ts, one message at a time per
 * subscription, all of a batch concurrently. The dead-letter queue's messages are recorded as failed.
 */
import { openDatabase } from "../db/client";
import { deliverMessage, recordDeadLetter } from "../deliver/deliver-message";
import { deliveryDeps } from "../deliver/senders";
import type { DeliveryMessage } from "../deliver/types";
import { readConfig } from "../env";
import { logError } from "../log";

/** The dead-letter queue is the one whose name ends in `-dlq` (wrangler.toml). */
export const isDeadLetterQueue = (name: string) => name.endsWith("-dlq");

export async function runQueueBatch(batch: MessageBatch<DeliveryMessage>, env: Env): Promise<void> {
  const db = openDatabase(env.DB);
  if (isDeadLetterQueue(batch.queue)) {
    for (const message of batch.messages) {
      await recordDeadLetter(message.body, { db, now: () => Date.now() });
      message.ack();
    }
    return;
  }
  const deps = deliveryDeps(db, env, readConfig(env).delivery);
  await Promise.all(
    batch.messages.map(async (message) => {
      try {
        const verdict = await deliverMessage(message.body, deps);
        if (verdict.ack) message.ack();
        else message.retry({ delaySeconds: verdict.delaySeconds });
      } catch (error) {
        // Storage trouble or a bug: let the queue retry it (and dead-letter it in the end).
        logError("delivery-message-failed", error, { messageId: message.id });
        message.retry();
      }
    }),
  );
}
