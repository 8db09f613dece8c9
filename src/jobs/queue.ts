/**
 * Queue entry point: delivery messages → deliver/deliver-message.ts, one message at a time per
 * subscription, all of a batch concurrently. Every body is checked with zod first: one that does
 * not read is sent on to the dead-letter queue with the reason and acknowledged, never retried (a
 * retry cannot mend it). The dead-letter queue's messages are recorded as failed, or logged.
 */
import { openDatabase } from "../db/client";
import { deliverMessage, recordDeadLetter } from "../deliver/deliver-message";
import { deliveryDeps } from "../deliver/senders";
import { DeliveryMessageSchema, type UnreadableMessage } from "../deliver/types";
import { readConfig } from "../env";
import { describeIssues } from "../errors";
import { logError } from "../log";

/** The dead-letter queue is the one whose name ends in `-dlq` (wrangler.toml). */
export const isDeadLetterQueue = (name: string) => name.endsWith("-dlq");

function isUnreadable(body: unknown): body is UnreadableMessage {
  return typeof body === "object" && body !== null && (body as { kind?: unknown }).kind === "unreadable";
}

export async function runQueueBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = openDatabase(env.DB);
  if (isDeadLetterQueue(batch.queue)) {
    for (const message of batch.messages) {
      const parsed = DeliveryMessageSchema.safeParse(message.body);
      if (parsed.success) await recordDeadLetter(parsed.data, { db, now: () => Date.now() });
      else {
        const reason = isUnreadable(message.body) ? message.body.reason : describeIssues(parsed.error.issues);
        logError("dead-letter-unreadable", reason, { messageId: message.id });
      }
      message.ack();
    }
    return;
  }
  const deps = deliveryDeps(db, env, readConfig(env).delivery);
  await Promise.all(
    batch.messages.map(async (message) => {
      const parsed = DeliveryMessageSchema.safeParse(message.body);
      if (!parsed.success) {
        const reason = `not a delivery message: ${describeIssues(parsed.error.issues)}`;
        const forward: UnreadableMessage = { kind: "unreadable", reason, body: message.body };
        await env.DEAD_LETTER_QUEUE.send(forward);
        logError("delivery-message-unreadable", reason, { messageId: message.id });
        message.ack();
        return;
      }
      try {
        const verdict = await deliverMessage(parsed.data, deps);
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
