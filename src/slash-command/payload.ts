/**
 * The slash-command payload Slack POSTs (application/x-www-form-urlencoded), checked after its
 * signature. Only the fields the bot uses are required; Slack sends more (team_domain,
 * channel_name, user_name, trigger_id, api_app_id, …) and the deprecated `token`, which the
 * signature makes unnecessary and which is ignored.
 */
import { z } from "zod";

/** Slack's response_url hosts (commercial and GovSlack); nothing else is ever posted to. */
const RESPONSE_URL_HOSTS = new Set(["hooks.slack.com", "hooks.slack-gov.com"]);

export const SlashPayload = z.object({
  command: z.string().regex(/^\/[^\s/]{1,32}$/),
  text: z.string().max(8000).default(""),
  channel_id: z.string().regex(/^[A-Z0-9]{2,40}$/),
  user_id: z.string().max(40).optional(),
  team_id: z.string().max(40).optional(),
  response_url: z
    .url({ protocol: /^https$/ })
    // zod runs this even when the URL check above failed: parse defensively (a throw here was a 500).
    .refine(
      (url) => URL.canParse(url) && RESPONSE_URL_HOSTS.has(new URL(url).hostname),
      "not a Slack response_url",
    ),
});
export type SlashPayload = z.infer<typeof SlashPayload>;

export function parseSlashPayload(body: Uint8Array): SlashPayload | null {
  const form = new URLSearchParams(new TextDecoder().decode(body));
  const parsed = SlashPayload.safeParse(Object.fromEntries(form));
  return parsed.success ? parsed.data : null;
}
