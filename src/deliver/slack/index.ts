// PLACEHOLDER (being replaced by the slack channel work): must not ship.
import type { ChannelSender, SenderContext, SendOutcome } from "../types";

export function createSlackSender(_ctx: SenderContext): ChannelSender {
  return {
    sendDigest: async (): Promise<SendOutcome> => ({ kind: "failed", error: "slack channel not built yet" }),
  };
}
