/**
 * Posting to a click's response_url (valid 30 minutes, five posts): a short note only the clicking
 * member sees, or the digest message replaced by its redrawn copy. One retry when Slack answers
 * 5xx or 429 or the network fails; after that the failure is logged (the click is recorded either
 * way: the next click redraws the message).
 */
import { postToResponseUrl } from "../slash-command/response-url";
import type { MessageBlock } from "./payload";

export type ResponseBody =
  | { response_type: "ephemeral"; replace_original: false; text: string }
  | { replace_original: true; text: string; blocks: MessageBlock[] };

export const note = (text: string): ResponseBody => ({
  response_type: "ephemeral",
  replace_original: false,
  text,
});

export function postResponse(
  url: string,
  body: ResponseBody,
  fetcher: typeof fetch = (input, init) => fetch(input, init),
): Promise<boolean> {
  return postToResponseUrl(url, body, fetcher, "slack-interaction-response-failed");
}
