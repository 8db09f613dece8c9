/**
 * Slack, as the bot sees it: chat.postMessage on `slack.standin.test` (SLACK_API_URL in tests is
 * https://slack.standin.test/api) and incoming webhooks on `hooks.slack.com`.
 *
 * Like Slack, the Web API answers HTTP 200 with `{ok: false, error}`: `not_authed` / `invalid_auth`
 * unless the bearer token is the test bot token, `invalid_blocks` (with Slack's
 * `response_metadata.messages`), `msg_too_long` or `msg_blocks_too_long` when the message breaks
 * the Block Kit limits (the stand-in's own copy of Slack's rules, slack-rules.ts),
 * and a `ts` for every message it takes. `thread_ts` must name a top-level message of the same
 * channel (Slack would post a stray reply elsewhere; here it is an error, `thread_not_found`).
 * Incoming webhooks answer `ok`, or a 4xx with the error as text (`invalid_payload`,
 * `invalid_blocks`, `no_service`, 410 `channel_is_archived`). A slash command's response_url
 * (`hooks.slack.com/commands/…`) answers `ok` to any JSON message within the limits (other block
 * types allowed there), and so does a button click's (`hooks.slack.com/actions/…`), which records
 * `replace_original` and `response_type` with the message (a click's note, or the redrawn digest).
 *
 * Control (through the STANDINS binding, `http://standins/slack/…`):
 * - `GET messages?conversation=<channel id or webhook URL>`: the messages taken, in order, each
 *   with its ts and thread_ts;
 * - `POST state?conversation=…&state=ok|archived|not_found|not_in_channel|gone`: how the channel
 *   or webhook answers from now on;
 * - `POST script?conversation=…`: answers for that channel or webhook only, used in order before
 *   the normal behaviour (the registry's own scripts are per URL, and all channels share
 *   chat.postMessage's); the registry's shape, or `{"pass": true}` for "answer normally" (so a
 *   test can fail the second message of a split digest).
 * Tests use their own channel ids and webhook paths: files run at once and share this state.
 */
import { firstSlackError, slackProblems } from "./slack-rules";
import type { RecordedRequest, ScriptedResponse, StandIn } from "./types";

export const SLACK_TEST_BOT_TOKEN = "xoxb-test-token";
const API_HOST = "slack.standin.test";
const WEBHOOK_HOST = "hooks.slack.com";
const WEBHOOK_PATH = /^\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+$/;

export type ConversationState = "ok" | "archived" | "not_found" | "not_in_channel" | "gone";

export interface TakenMessage {
  ts: string;
  thread_ts?: string;
  text: string;
  blocks: unknown[];
  unfurl_links?: unknown;
  /** A response_url post's own fields, as sent. */
  replace_original?: unknown;
  response_type?: unknown;
}

interface Conversation {
  state: ConversationState;
  messages: TakenMessage[];
}

/** A scripted answer, or "answer as usual" to let a message through. */
export type SlackScript = ScriptedResponse | { pass: true };

const conversations = new Map<string, Conversation>();
const scripts = new Map<string, SlackScript[]>();
let sequence = 0;

function conversation(key: string): Conversation {
  let found = conversations.get(key);
  if (!found) {
    found = { state: "ok", messages: [] };
    conversations.set(key, found);
  }
  return found;
}

/** A channel id as is; a webhook by its path (`/services/T…/B…/…`). */
function conversationKey(value: string): string {
  return value.startsWith("http") ? new URL(value).pathname : value;
}

/** Slack's message timestamps: seconds, a dot, six digits; unique and increasing. */
function nextTs(): string {
  sequence += 1;
  return `${Math.floor(Date.now() / 1000)}.${String(sequence % 1_000_000).padStart(6, "0")}`;
}

const api = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  Response.json(body, { status: 200, headers });

function parseJson(body: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** The next scripted answer for a conversation; null when none is queued or it says "pass". */
async function scripted(key: string): Promise<Response | null> {
  const answer = scripts.get(key)?.shift();
  if (!answer || "pass" in answer) return null;
  if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
  return new Response(answer.body ?? "", { status: answer.status, headers: answer.headers ?? {} });
}

async function chatPostMessage(request: RecordedRequest): Promise<Response> {
  const auth = request.headers.authorization;
  if (!auth) return api({ ok: false, error: "not_authed" });
  if (auth !== `Bearer ${SLACK_TEST_BOT_TOKEN}`) return api({ ok: false, error: "invalid_auth" });
  if (!request.headers["content-type"]?.startsWith("application/json")) {
    return api({ ok: false, error: "invalid_form_data" });
  }
  const body = parseJson(request.body);
  if (!body) return api({ ok: false, error: "invalid_json" });
  const channel = body.channel;
  if (typeof channel !== "string" || !/^[CGD][A-Z0-9]+$/.test(channel)) {
    return api({ ok: false, error: "channel_not_found" });
  }
  const script = await scripted(channel);
  if (script) return script;
  const target = conversation(channel);
  if (target.state === "not_found" || target.state === "gone")
    return api({ ok: false, error: "channel_not_found" });
  if (target.state === "archived") return api({ ok: false, error: "is_archived" });
  if (target.state === "not_in_channel") return api({ ok: false, error: "not_in_channel" });
  const problems = slackProblems({ text: body.text, blocks: body.blocks });
  if (problems.length > 0) {
    return api({
      ok: false,
      error: firstSlackError(problems),
      response_metadata: {
        messages: problems.map((p) => `[ERROR] ${p.message} [json-pointer:${p.pointer}]`),
      },
    });
  }
  const threadTs = body.thread_ts;
  if (threadTs !== undefined) {
    const parent = target.messages.find((m) => m.ts === threadTs && m.thread_ts === undefined);
    if (!parent) return api({ ok: false, error: "thread_not_found" });
  }
  const taken: TakenMessage = {
    ts: nextTs(),
    ...(typeof threadTs === "string" ? { thread_ts: threadTs } : {}),
    text: body.text as string,
    blocks: (body.blocks as unknown[] | undefined) ?? [],
    unfurl_links: body.unfurl_links,
  };
  target.messages.push(taken);
  return api({
    ok: true,
    channel,
    ts: taken.ts,
    message: { type: "message", subtype: "bot_message", bot_id: "B0STANDIN", ...taken },
  });
}

const plain = (status: number, body: string) =>
  new Response(body, { status, headers: { "content-type": "text/html" } });

/** A slash command's response_url: any JSON message within the limits. */
function responseUrl(request: RecordedRequest, url: URL): Response {
  const body = parseJson(request.body);
  if (request.method !== "POST" || !body) return plain(400, "invalid_payload");
  const problems = slackProblems({ text: body.text, blocks: body.blocks });
  if (problems.length > 0) return plain(400, firstSlackError(problems));
  conversation(url.pathname).messages.push({
    ts: nextTs(),
    text: typeof body.text === "string" ? body.text : "",
    blocks: (body.blocks as unknown[] | undefined) ?? [],
    ...("replace_original" in body ? { replace_original: body.replace_original } : {}),
    ...("response_type" in body ? { response_type: body.response_type } : {}),
  });
  return plain(200, "ok");
}

async function incomingWebhook(request: RecordedRequest, url: URL): Promise<Response> {
  if (url.pathname.startsWith("/commands/") || url.pathname.startsWith("/actions/")) {
    return responseUrl(request, url);
  }
  if (!WEBHOOK_PATH.test(url.pathname)) return plain(404, "no_service");
  if (request.method !== "POST") return plain(405, "invalid_method");
  const script = await scripted(url.pathname);
  if (script) return script;
  const target = conversation(url.pathname);
  if (target.state === "gone") return plain(404, "no_service");
  if (target.state === "not_found") return plain(404, "channel_not_found");
  if (target.state === "archived") return plain(410, "channel_is_archived");
  const body = parseJson(request.body);
  if (!body) return plain(400, "invalid_payload");
  const problems = slackProblems({ text: body.text, blocks: body.blocks });
  if (problems.length > 0) return plain(400, firstSlackError(problems));
  target.messages.push({
    ts: nextTs(),
    text: body.text as string,
    blocks: (body.blocks as unknown[] | undefined) ?? [],
    unfurl_links: body.unfurl_links,
  });
  return plain(200, "ok");
}

export const slackStandIn: StandIn = {
  name: "slack",
  matches: (url) => url.hostname === API_HOST || url.hostname === WEBHOOK_HOST,
  handle: async (request) => {
    const url = new URL(request.url);
    if (url.hostname === WEBHOOK_HOST) return incomingWebhook(request, url);
    if (url.pathname === "/api/chat.postMessage" && request.method === "POST")
      return chatPostMessage(request);
    return api({ ok: false, error: "unknown_method" });
  },
  control: async (request, action) => {
    const url = new URL(request.url);
    const key = url.searchParams.get("conversation");
    if (request.method === "GET" && action === "messages" && key) {
      return Response.json(conversations.get(conversationKey(key))?.messages ?? []);
    }
    if (request.method === "POST" && action === "state" && key) {
      const state = url.searchParams.get("state") as ConversationState;
      if (!["ok", "archived", "not_found", "not_in_channel", "gone"].includes(state)) {
        return new Response("unknown state", { status: 400 });
      }
      conversation(conversationKey(key)).state = state;
      return Response.json({ ok: true });
    }
    if (request.method === "POST" && action === "script" && key) {
      const answers = (await request.json()) as SlackScript[];
      const at = conversationKey(key);
      scripts.set(at, [...(scripts.get(at) ?? []), ...answers]);
      return Response.json({ ok: true });
    }
    return new Response("unknown slack control", { status: 404 });
  },
};
