/**
 * Posting one message: chat.postMessage with the bot token, or an incoming webhook. Each answer is
 * read into what to do next. Slack's Web API answers errors with HTTP 200 and `{ok: false, error}`;
 * incoming webhooks with an HTTP status and the error as plain text.
 *
 * What ends a subscription (`disable`): the channel is archived or gone, or the webhook was
 * removed; nobody reads there any more and Slack never reuses a channel id or a webhook URL, so
 * trying every week would only fill the ledger with failures (the subscriber can subscribe again).
 * What fails only this delivery (`failed`): the bot token refused (`invalid_auth`,
 * `account_inactive`, `token_revoked`, `missing_scope`: the operator's secret, shared by every
 * subscription, so no subscription is ended for it), the bot not in the channel (`not_in_channel`:
 * inviting it fixes next week's digest), and a message Slack rejects (`invalid_blocks`: our bug).
 * Worth retrying: 429 and `ratelimited` (after Retry-After), 5xx, Slack's own transient errors,
 * timeouts and network errors.
 */
import type { SlackMessage } from "../../block-kit/limits";

export const REQUEST_TIMEOUT_MS = 15_000;

export type PostResult =
  | { kind: "posted"; ts?: string; channel?: string }
  /** `rateLimited`: Slack said "not now" (nothing was posted), as opposed to an error or timeout. */
  | { kind: "retry"; error: string; retryAfterMs?: number; rateLimited: boolean }
  | { kind: "failed"; error: string }
  | { kind: "disable"; error: string };

const RETRYABLE_API_ERRORS = new Set([
  "ratelimited",
  "rate_limited",
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
  "team_added_to_org",
]);
const GONE_CHANNEL_ERRORS = new Set(["channel_not_found", "is_archived"]);
const TOKEN_ERRORS = new Set([
  "not_authed",
  "invalid_auth",
  "account_inactive",
  "token_revoked",
  "token_expired",
  "no_permission",
  "missing_scope",
  "not_allowed_token_type",
]);
/** Incoming-webhook answers that mean the webhook or its channel is gone for good. */
const GONE_WEBHOOK_ERRORS = new Set([
  "no_service",
  "no_service_id",
  "no_team",
  "team_disabled",
  "invalid_token",
  "channel_not_found",
  "channel_is_archived",
]);

/** Retry-After in milliseconds: delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function retry(error: string, retryAfterMs: number | undefined, rateLimited = false): PostResult {
  return retryAfterMs === undefined
    ? { kind: "retry", error, rateLimited }
    : { kind: "retry", error, retryAfterMs, rateLimited };
}

/** The Web API's answer (chat.postMessage) as what to do next. */
export function botApiResult(
  status: number,
  retryAfter: string | null,
  body: string,
  now: number,
): PostResult {
  const wait = parseRetryAfter(retryAfter, now);
  if (status === 429) return retry("Slack answered 429 (rate limited)", wait ?? 1_000, true);
  let parsed: { ok?: unknown; error?: unknown; ts?: unknown; channel?: unknown; response_metadata?: unknown };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    parsed = {};
  }
  if (status >= 500 || status === 408) return retry(`Slack answered ${status}`, wait);
  if (status === 200 && parsed.ok === true) {
    return {
      kind: "posted",
      ...(typeof parsed.ts === "string" ? { ts: parsed.ts } : {}),
      ...(typeof parsed.channel === "string" ? { channel: parsed.channel } : {}),
    };
  }
  const code = typeof parsed.error === "string" ? parsed.error : `HTTP ${status}`;
  const details = errorDetails(parsed.response_metadata);
  const error = `chat.postMessage: ${code}${details}`;
  if (code === "ratelimited" || code === "rate_limited") return retry(error, wait ?? 1_000, true);
  if (RETRYABLE_API_ERRORS.has(code)) return retry(error, wait);
  if (GONE_CHANNEL_ERRORS.has(code)) return { kind: "disable", error };
  if (TOKEN_ERRORS.has(code))
    return { kind: "failed", error: `${error} (check SLACK_BOT_TOKEN and its scopes)` };
  if (code === "not_in_channel") {
    return { kind: "failed", error: `${error} (invite the bot to the channel, or grant chat:write.public)` };
  }
  return { kind: "failed", error };
}

/** Slack's explanation of invalid_blocks and similar (`response_metadata.messages`), shortened. */
function errorDetails(metadata: unknown): string {
  if (typeof metadata !== "object" || metadata === null) return "";
  const messages = (metadata as { messages?: unknown }).messages;
  if (!Array.isArray(messages) || messages.length === 0) return "";
  return ` (${messages.map(String).join("; ").slice(0, 300)})`;
}

/** An incoming webhook's answer as what to do next. */
export function webhookResult(
  status: number,
  retryAfter: string | null,
  body: string,
  now: number,
): PostResult {
  const code = body.trim().slice(0, 100) || `HTTP ${status}`;
  const error = `incoming webhook: ${status} ${code}`;
  if (status === 200) return { kind: "posted" };
  if (status === 429) return retry(error, parseRetryAfter(retryAfter, now) ?? 1_000, true);
  if (status >= 500 || status === 408) return retry(error, parseRetryAfter(retryAfter, now));
  if (status === 410 || GONE_WEBHOOK_ERRORS.has(code)) return { kind: "disable", error };
  return { kind: "failed", error };
}

async function post(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; retryAfter: string | null; text: string } | { error: string }> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8", ...headers },
      body,
      // A webhook URL that redirects is not Slack's: never follow it.
      redirect: "manual",
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    return { status: res.status, retryAfter: res.headers.get("retry-after"), text };
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    if (name === "TimeoutError" || name === "AbortError") {
      return { error: `no answer within ${REQUEST_TIMEOUT_MS / 1000} s` };
    }
    return { error: `network error: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export interface BotPost {
  apiUrl: string;
  token: string;
  channel: string;
  message: SlackMessage;
  threadTs?: string;
}

export async function postWithBot(request: BotPost, now: () => number): Promise<PostResult> {
  const body = JSON.stringify({
    channel: request.channel,
    text: request.message.text,
    blocks: request.message.blocks,
    ...(request.threadTs ? { thread_ts: request.threadTs } : {}),
    unfurl_links: false,
    unfurl_media: false,
  });
  const answer = await post(`${request.apiUrl}/chat.postMessage`, body, {
    authorization: `Bearer ${request.token}`,
  });
  if ("error" in answer) return retry(`chat.postMessage: ${answer.error}`, undefined);
  return botApiResult(answer.status, answer.retryAfter, answer.text, now());
}

export async function postToWebhook(
  url: string,
  message: SlackMessage,
  now: () => number,
): Promise<PostResult> {
  const body = JSON.stringify({
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
    unfurl_media: false,
  });
  const answer = await post(url, body, {});
  if ("error" in answer) return retry(`incoming webhook: ${answer.error}`, undefined);
  return webhookResult(answer.status, answer.retryAfter, answer.text, now());
}
