// PLACEHOLDER (being replaced by the webhook channel work): must not ship.
import type { ChannelSender, SenderContext, SendOutcome } from "../types";

export function createWebhookSender(_ctx: SenderContext): ChannelSender {
  return {
    sendDigest: async (): Promise<SendOutcome> => ({
      kind: "failed",
      error: "webhook channel not built yet",
    }),
  };
}
