/**
 * The last stage of the pipeline (… → digest → DELIVER): one small interface per channel, so the
 * queue consumer does not care whether it is mailing, posting to Slack or calling a webhook.
 */
import { z } from "zod";
import type { SubscriptionRow } from "../db/queries/subscriptions";
import type { ReaderLinks } from "../digest/reader-links";
import type { SubscriberDigest } from "../digest/subscriber-digest";
import type { Digest } from "../digest/types";
import type { DeliveryConfig } from "../env";

/** Queue message bodies. Small on purpose: everything else is read from D1 when delivering. */
export type DeliveryMessage =
  | { kind: "digest"; deliveryId: number }
  | { kind: "confirm-email"; subscriptionId: string; confirmToken: string; unsubscribeToken: string };

/** What the consumer accepts (a queue may hold messages of an older or broken producer). */
export const DeliveryMessageSchema: z.ZodType<DeliveryMessage> = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("digest"), deliveryId: z.number().int().positive() }),
  z.object({
    kind: z.literal("confirm-email"),
    subscriptionId: z.string().min(1),
    confirmToken: z.string().min(1),
    unsubscribeToken: z.string().min(1),
  }),
]);

/** A message the consumer could not read, forwarded to the dead-letter queue with the reason. */
export interface UnreadableMessage {
  kind: "unreadable";
  reason: string;
  body: unknown;
}

/** Links every channel puts in what it sends (the week on the web, the reader's page, feedback…). */
export type DeliveryLinks = ReaderLinks;

export interface OutgoingDigest {
  deliveryId: number;
  subscription: SubscriptionRow;
  /** The week's digest, filtered to the subscription's themes/query, in its order (webhooks send it). */
  digest: Digest;
  /** What this subscriber gets this week: figures, picks, themes in brief (what every channel shows). */
  brief: SubscriberDigest;
  links: DeliveryLinks;
  /** The token in the unsubscribe link (rebuilt for this message), for List-Unsubscribe's mailto. */
  unsubscribeToken: string;
}

export type SendOutcome =
  | { kind: "sent"; detail?: string }
  /** Worth trying again later (5xx, timeout, 429): `retryAfterMs` when the receiver said. */
  | { kind: "retry"; error: string; retryAfterMs?: number }
  /** Will never work as it is (4xx other than 408/409/425/429, bad target): park the delivery. */
  | { kind: "failed"; error: string }
  /** The receiver asked us to stop (webhook 410): disable the subscription. */
  | { kind: "disable"; error: string };

export interface ChannelSender {
  sendDigest(outgoing: OutgoingDigest): Promise<SendOutcome>;
}

/** What a sender may use: the checked config, bindings, and the clock. */
export interface SenderContext {
  config: DeliveryConfig;
  env: Env;
  now: () => number;
}
