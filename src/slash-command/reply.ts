/**
 * A slash-command answer: a Block Kit message with its fallback `text`, shown only to the caller
 * (`ephemeral`, the default for everything) or posted to the channel (`in_channel`, only `share`).
 * The same JSON goes in the HTTP answer and in a response_url post.
 */
import type { KnownBlock } from "@slack/types";
import type { SlackMessage } from "../block-kit/limits";

export type ResponseType = "ephemeral" | "in_channel";

export interface SlackReply extends SlackMessage {
  response_type: ResponseType;
  blocks: KnownBlock[];
}

export function ephemeral(message: SlackMessage): SlackReply {
  return { response_type: "ephemeral", text: message.text, blocks: message.blocks };
}

export function inChannel(message: SlackMessage): SlackReply {
  return { response_type: "in_channel", text: message.text, blocks: message.blocks };
}
