// PLACEHOLDER (being replaced by the e-mail channel work): must not ship.
import type { SubscriptionRow } from "../../db/queries/subscriptions";
import type { ChannelSender, SenderContext, SendOutcome } from "../types";

export interface EmailSender extends ChannelSender {
  /** The double opt-in mail: nothing else is sent to the address before it is confirmed. */
  sendConfirmation(
    subscription: SubscriptionRow,
    links: { confirm: string; unsubscribe: string },
  ): Promise<SendOutcome>;
}

export function createEmailSender(_ctx: SenderContext): EmailSender {
  const missing = async (): Promise<SendOutcome> => ({
    kind: "failed",
    error: "e-mail channel not built yet",
  });
  return { sendDigest: missing, sendConfirmation: missing };
}
