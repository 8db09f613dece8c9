/**
 * The e-mail channel: renders the digest (and the double opt-in mail), adds the list headers, and
 * hands the result to the configured transport (MAIL_PROVIDER: the Cloudflare binding, or Resend).
 */
import { openDatabase } from "../../db/client";
import type { SubscriptionRow } from "../../db/queries/subscriptions";
import { loadThemeLabels } from "../../db/queries/themes";
import type { DeliveryConfig } from "../../env";
import type { ChannelSender, OutgoingDigest, SenderContext, SendOutcome } from "../types";
import { cloudflareTransport } from "./cloudflare-transport";
import { type ConfirmationLinks, renderConfirmationMail } from "./confirmation-mail";
import { renderDigestMail } from "./digest-mail";
import { domainOf, parseMailbox } from "./mailbox";
import type { MailMessage } from "./message";
import { messageIdFor } from "./mime";
import { RESEND_API, resendTransport } from "./resend-transport";
import type { MailTransport } from "./transport";

export type { MailMessage } from "./message";
export type { MailTransport } from "./transport";

export interface EmailSender extends ChannelSender {
  /** The double opt-in mail: nothing else is sent to the address before it is confirmed. */
  sendConfirmation(subscription: SubscriptionRow, links: ConfirmationLinks): Promise<SendOutcome>;
}

/** The transport MAIL_PROVIDER names. */
export function createTransport(ctx: SenderContext): MailTransport {
  const { config } = ctx;
  switch (config.mailProvider) {
    case "cloudflare":
      return cloudflareTransport(ctx.env.EMAIL);
    case "resend":
      return resendTransport({ apiKey: config.mailApiKey, baseUrl: config.mailApiUrl ?? RESEND_API });
  }
}

/**
 * RFC 2369/2919/8058 list headers: `List-Id: <digest.{host}>`, `List-Unsubscribe` with the https
 * one-click link and a mailto fallback, and (digests) `List-Unsubscribe-Post`.
 */
export function listHeaders(
  config: DeliveryConfig,
  unsubscribeUrl: string,
  unsubscribeToken: string,
  oneClick: boolean,
): Record<string, string> {
  const domain = domainOf(parseMailbox(config.mailFrom).address);
  const mailto = `mailto:unsubscribe@${domain}?subject=${encodeURIComponent(`unsubscribe ${unsubscribeToken}`)}`;
  return {
    "List-Id": `<digest.${new URL(config.publicBaseUrl).hostname}>`,
    "List-Unsubscribe": `<${unsubscribeUrl}>, <${mailto}>`,
    ...(oneClick ? { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } : {}),
  };
}

/** The digest mail for one delivery, ready for any transport. */
export function digestMessage(config: DeliveryConfig, outgoing: OutgoingDigest, now: number): MailMessage {
  const from = parseMailbox(config.mailFrom);
  const { week } = outgoing.digest;
  const rendered = renderDigestMail(outgoing, config.publicBaseUrl);
  return {
    from,
    to: outgoing.subscription.target,
    ...rendered,
    messageId: messageIdFor(`digest-${week}-${outgoing.deliveryId}`, from.address),
    date: now,
    headers: listHeaders(config, outgoing.links.unsubscribe, outgoing.unsubscribeToken, true),
    idempotencyKey: `digest/${week}/${outgoing.deliveryId}`,
  };
}

/** The confirmation mail for a pending subscription. */
export function confirmationMessage(
  config: DeliveryConfig,
  subscription: SubscriptionRow,
  links: ConfirmationLinks,
  now: number,
  themeLabels?: ReadonlyMap<string, string>,
): MailMessage {
  const from = parseMailbox(config.mailFrom);
  return {
    from,
    to: subscription.target,
    ...renderConfirmationMail(subscription, links, config.publicBaseUrl, themeLabels),
    messageId: messageIdFor(`confirm-${subscription.id}`, from.address),
    date: now,
    headers: {},
    idempotencyKey: `confirm/${subscription.id}`,
  };
}

async function themeLabelsFor(ctx: SenderContext, subscription: SubscriptionRow) {
  if (subscription.themes.length === 0) return new Map<string, string>();
  try {
    const rows = await loadThemeLabels(openDatabase(ctx.env.DB));
    return new Map(rows.map((r) => [r.id, r.label]));
  } catch {
    return new Map<string, string>(); // the ids then stand in for the labels
  }
}

export function createEmailSender(
  ctx: SenderContext,
  transport: MailTransport = createTransport(ctx),
): EmailSender {
  return {
    sendDigest: (outgoing) => transport.send(digestMessage(ctx.config, outgoing, ctx.now())),
    sendConfirmation: async (subscription, links) =>
      transport.send(
        confirmationMessage(
          ctx.config,
          subscription,
          links,
          ctx.now(),
          await themeLabelsFor(ctx, subscription),
        ),
      ),
  };
}
