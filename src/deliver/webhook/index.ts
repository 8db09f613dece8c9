/**
 * The webhook channel: one signed POST per delivery, following Standard Webhooks
 * (https://www.standardwebhooks.com): `webhook-id` (stable per delivery, the same on every retry),
 * `webhook-timestamp` (seconds, this attempt), `webhook-signature` (`v1,<base64 HMAC-SHA256>` of
 * `id.timestamp.body` under the endpoint's `whsec_` secret, signed by the `standardwebhooks`
 * library). The target is checked again before every send (the SSRF rules may be stricter than
 * when it was stored), redirects are never followed, and a send gives up after 15 s.
 */
import { Webhook } from "standardwebhooks";
import { checkWebhookTarget } from "../../security/webhook-target";
import type { ChannelSender, OutgoingDigest, SenderContext, SendOutcome } from "../types";
import { digestPayload, webhookMessageId } from "./payload";
import { bodyExcerpt, outcomeOf } from "./response";

export { DIGEST_EVENT, type DigestPublishedEvent, digestPayload, webhookMessageId } from "./payload";
export { outcomeOf, parseRetryAfter } from "./response";

export const WEBHOOK_TIMEOUT_MS = 15_000;
export const USER_AGENT = "arxiv-digest-webhooks/1.0 (+https://www.standardwebhooks.com)";

export interface WebhookSenderOptions {
  /** Give up on a receiver after this long (default 15 s); tests shorten it. */
  timeoutMs?: number;
  /** The fetch to send with (default the global one); unit tests pass a fake. */
  fetch?: typeof fetch;
}

/** The Standard Webhooks headers and body for one attempt at `nowMs`. */
export function signedRequest(
  secret: string,
  msgId: string,
  nowMs: number,
  body: string,
): { headers: Record<string, string>; body: string } {
  const at = new Date(Math.floor(nowMs / 1000) * 1000);
  return {
    headers: {
      "content-type": "application/json",
      "user-agent": USER_AGENT,
      "webhook-id": msgId,
      "webhook-timestamp": String(at.getTime() / 1000),
      "webhook-signature": new Webhook(secret).sign(msgId, at, body),
    },
    body,
  };
}

export function createWebhookSender(ctx: SenderContext, options: WebhookSenderOptions = {}): ChannelSender {
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const send = options.fetch ?? ((input, init) => fetch(input, init));
  return {
    async sendDigest({ deliveryId, subscription, digest, brief }: OutgoingDigest): Promise<SendOutcome> {
      const target = checkWebhookTarget(subscription.target, {
        allowLoopback: ctx.config.webhookAllowLoopback,
      });
      if (!target.ok) return { kind: "failed", error: `webhook URL refused: ${target.reason}` };
      if (!subscription.webhookSecret?.startsWith("whsec_")) {
        return { kind: "failed", error: "the subscription has no whsec_ signing secret" };
      }
      let request: { headers: Record<string, string>; body: string };
      try {
        const msgId = webhookMessageId(digest.week, deliveryId);
        request = signedRequest(subscription.webhookSecret, msgId, ctx.now(), digestPayload(digest, brief));
      } catch (error) {
        return { kind: "failed", error: `cannot sign: ${error instanceof Error ? error.message : error}` };
      }

      const signal = AbortSignal.timeout(timeoutMs);
      let response: Response;
      try {
        response = await send(target.url.href, {
          method: "POST",
          headers: request.headers,
          body: request.body,
          redirect: "manual",
          signal,
        });
      } catch (error) {
        if (signal.aborted) return { kind: "retry", error: `no answer within ${timeoutMs / 1000} s` };
        return {
          kind: "retry",
          error: `network error: ${error instanceof Error ? error.message : String(error)}`,
        };
      }
      const ok = response.status >= 200 && response.status < 300;
      // The body of a success is not needed; an error's start goes into the ledger.
      const excerpt = ok ? "" : await bodyExcerpt(response);
      if (ok) await response.body?.cancel().catch(() => {});
      return outcomeOf(response, excerpt, ctx.now());
    },
  };
}
