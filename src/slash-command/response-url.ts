/**
 * Completing a deferred answer: one POST of the reply to the command's response_url (valid 30
 * minutes, five posts). One retry when Slack answers 5xx or 429 or the network fails; after that
 * the failure is logged (the user saw the acknowledgement and can ask again). Button clicks post
 * through it too (src/slack-interactions/respond.ts: a note, or the redrawn message).
 */

import { logError } from "../log";
import type { SlackReply } from "./reply";

export async function postToResponseUrl(
  url: string,
  reply: SlackReply | Record<string, unknown>,
  fetcher: typeof fetch = fetch,
  event = "slack-response-url-failed",
): Promise<boolean> {
  let problem = "";
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      const res = await fetcher(url, {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8" },
        body: JSON.stringify(reply),
      });
      await res.body?.cancel();
      if (res.ok) return true;
      problem = `HTTP ${res.status}`;
      if (res.status < 500 && res.status !== 429) break;
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
  }
  logError(event, problem);
  return false;
}
