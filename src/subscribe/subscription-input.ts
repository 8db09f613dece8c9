/**
 * What a subscriber may ask for, checked before anything is stored: the channel, a target that
 * fits it (a mailbox; a safe https webhook URL; a Slack incoming-webhook URL or channel id), and
 * the optional filters.
 */
import { z } from "zod";
import { MAX_PICKS, MIN_PICKS } from "../digest/subscriber-digest";
import type { DeliveryConfig } from "../env";
import { InterestsBody } from "../interests/interest-input";
import { MAX_ADDRESS_OCTETS, MAX_LOCAL_PART_OCTETS, withinAddressLimits } from "../security/mail-address";
import { checkWebhookTarget, isSlackWebhookUrl } from "../security/webhook-target";

export const SubscriptionBody = z.object({
  channel: z.enum(["email", "webhook", "slack"]),
  target: z.string().trim().min(1).max(2000),
  themes: z.array(z.string().trim().min(1).max(40)).max(50).default([]),
  query: z.string().trim().max(200).optional(),
  // What the subscription cares about (issue #13); also PUT /api/subscriptions/{id}/interests.
  interests: InterestsBody.optional(),
  // Picks per digest (issue #14); unset keeps the subscription's size (default 10).
  size: z.number().int().min(MIN_PICKS).max(MAX_PICKS).optional(),
});
export type SubscriptionInput = z.infer<typeof SubscriptionBody>;

const Email = z.email();
const SLACK_CHANNEL_ID = /^[CG][A-Z0-9]{6,20}$/;

export function isSlackChannelId(target: string): boolean {
  return SLACK_CHANNEL_ID.test(target);
}

export type TargetCheck = { ok: true; target: string } | { ok: false; message: string };

/** The target, normalised (lower-case mail domain, parsed URL), or what is wrong with it. */
export function checkTarget(input: SubscriptionInput, config: DeliveryConfig): TargetCheck {
  const bad = (message: string): TargetCheck => ({ ok: false, message });
  const good = (target: string): TargetCheck => ({ ok: true, target });
  switch (input.channel) {
    case "email": {
      const parsed = Email.safeParse(input.target);
      if (!parsed.success) return bad("`target` must be an e-mail address.");
      if (!withinAddressLimits(parsed.data)) {
        return bad(
          `\`target\` is longer than an e-mail address may be (${MAX_LOCAL_PART_OCTETS} characters before the @, ${MAX_ADDRESS_OCTETS} in all).`,
        );
      }
      const at = parsed.data.lastIndexOf("@");
      return good(`${parsed.data.slice(0, at)}@${parsed.data.slice(at + 1).toLowerCase()}`);
    }
    case "webhook": {
      const check = checkWebhookTarget(input.target, { allowLoopback: config.webhookAllowLoopback });
      if (!check.ok) return bad(`The webhook URL is refused: ${check.reason}.`);
      return good(check.url.href);
    }
    case "slack": {
      if (isSlackChannelId(input.target)) {
        if (!config.slackBotToken) {
          return bad(
            "Posting to a channel id needs SLACK_BOT_TOKEN on the bot; use an incoming-webhook URL instead.",
          );
        }
        return good(input.target);
      }
      const check = checkWebhookTarget(input.target);
      if (!check.ok || !isSlackWebhookUrl(check.url)) {
        return bad(
          "`target` must be a Slack incoming-webhook URL (https://hooks.slack.com/services/…) or a channel id (C…).",
        );
      }
      return good(check.url.href);
    }
  }
}
