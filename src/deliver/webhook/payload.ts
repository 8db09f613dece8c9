/**
 * What a webhook delivery carries: a Standard Webhooks payload (`type`, `timestamp`, `data`) whose
 * `data` is the subscriber's (filtered) digest, exactly as GET /api/digests/{week} shapes it, plus
 * the subscription's ranked `picks` (score, why, tldr: GET /api/subscriptions/{id}/digest's picks)
 * and `ranking` (issue #14), so a receiver can show the picks or do its own thing with the rest.
 */
import type { SubscriberDigest, SubscriberPick } from "../../digest/subscriber-digest";
import type { Digest } from "../../digest/types";

export const DIGEST_EVENT = "digest.published";

export interface DigestPublishedEvent {
  type: typeof DIGEST_EVENT;
  /** When the event happened: the digest's publication time (the same on every retry). */
  timestamp: string;
  data: Digest & { picks: SubscriberPick[]; ranking: SubscriberDigest["ranking"] };
}

/** The body, serialised once: the signature covers these exact bytes. */
export function digestPayload(digest: Digest, brief: Pick<SubscriberDigest, "picks" | "ranking">): string {
  const event: DigestPublishedEvent = {
    type: DIGEST_EVENT,
    timestamp: digest.generatedAt,
    data: { ...digest, picks: brief.picks, ranking: brief.ranking },
  };
  return JSON.stringify(event);
}

/**
 * `webhook-id`: one per delivery (subscription × week), the same on every retry, so a receiver can
 * de-duplicate with it. Standard Webhooks ids are opaque strings; `msg_` is the usual prefix.
 */
export function webhookMessageId(week: string, deliveryId: number): string {
  return `msg_digest_${week}_${deliveryId}`;
}
