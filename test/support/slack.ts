/**
 * Slash-command requests built exactly as Slack builds them (docs.slack.dev, "Verifying requests
 * from Slack"): a form-encoded body in Slack's field order, `X-Slack-Request-Timestamp` in Unix
 * seconds, `X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:<timestamp>:<body>">`. Signed here with
 * WebCrypto directly, independently of the code under test. Plus the response_url stand-in.
 */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { slackProblems } from "../standins/slack-rules";
import { call } from "./api";

export const SLACK_SIGNING_SECRET = "test-slack-signing-secret"; // vitest.config.mts

export interface SlashFields {
  text?: string;
  command?: string;
  channel_id?: string;
  channel_name?: string;
  user_id?: string;
  response_url?: string;
}

export interface SlashReply {
  response_type: "ephemeral" | "in_channel";
  text: string;
  blocks: Array<Record<string, unknown>>;
}

const rand = () => crypto.randomUUID().replace(/-/g, "").slice(0, 20);

/** A fresh response_url per command: the stand-in's records are shared by every test file. */
export function newResponseUrl(): string {
  return `https://hooks.slack.com/commands/T0TEST/${Date.now()}${Math.floor(Math.random() * 1e6)}/${rand()}`;
}

/** The body Slack sends, fields in its order; `trigger_id` is unique per command, as Slack's is. */
export function slashBody(fields: SlashFields = {}): string {
  return new URLSearchParams({
    token: "gIkuvaNzQIHg97ATvDxqgjtO",
    team_id: "T0TEST",
    team_domain: "example",
    channel_id: fields.channel_id ?? "C0TESTCHAN1",
    channel_name: fields.channel_name ?? "papers",
    user_id: fields.user_id ?? "U0TESTUSER",
    user_name: "ada",
    command: fields.command ?? "/paper",
    text: fields.text ?? "",
    api_app_id: "A0TESTAPP",
    is_enterprise_install: "false",
    response_url: fields.response_url ?? newResponseUrl(),
    trigger_id: `${Date.now()}.${rand()}`,
  }).toString();
}

const toHex = (buf: ArrayBuffer) =>
  [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");

export async function slackSign(secret: string, timestamp: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return `v0=${toHex(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`v0:${timestamp}:${body}`)))}`;
}

export interface SendOptions {
  /** Unix seconds; default now. */
  timestamp?: number;
  secret?: string;
  /** Overrides the computed signature header (null: leave it out). */
  signature?: string | null;
  /** Leave the timestamp header out. */
  noTimestamp?: boolean;
}

/** POST /slack/commands with a raw body, signed as Slack signs it unless told otherwise. */
export async function postSigned(body: string, options: SendOptions = {}): Promise<Response> {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const signature =
    options.signature === undefined
      ? await slackSign(options.secret ?? SLACK_SIGNING_SECRET, timestamp, body)
      : options.signature;
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
    "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
  };
  if (!options.noTimestamp) headers["x-slack-request-timestamp"] = timestamp;
  if (signature !== null) headers["x-slack-signature"] = signature;
  return call("/slack/commands", { method: "POST", headers, body });
}

/** Runs `/paper <text>` and returns the 200 answer, checked against Slack's limits. */
export async function slash(text: string, fields: SlashFields = {}): Promise<SlashReply> {
  const res = await postSigned(slashBody({ ...fields, text }));
  expect(res.status, await res.clone().text()).toBe(200);
  expect(res.headers.get("content-type")).toContain("application/json");
  const reply = (await res.json()) as SlashReply;
  expectWellFormed(reply);
  return reply;
}

/** A well-formed answer: a response type, a fallback text, blocks within Slack's limits. */
export function expectWellFormed(reply: SlashReply): void {
  expect(["ephemeral", "in_channel"]).toContain(reply.response_type);
  expect(reply.text.length).toBeGreaterThan(0);
  expect(slackProblems(reply), JSON.stringify(reply)).toEqual([]);
}

/** All text of a reply's blocks, for content assertions. */
export function replyText(reply: SlashReply): string {
  return JSON.stringify(reply.blocks);
}

/** Queues answers of the Slack stand-in for a response_url, before its own (`ok` to a message within the limits). */
export async function scriptResponseUrl(url: string, answers = [{ status: 200, body: "ok" }]): Promise<void> {
  const res = await env.STANDINS.fetch(`http://standins/script?target=${encodeURIComponent(url)}`, {
    method: "POST",
    body: JSON.stringify(answers),
  });
  expect(res.status).toBe(200);
}

interface Recorded {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  answeredStatus?: number;
}

export async function postsTo(url: string): Promise<Recorded[]> {
  const path = new URL(url).pathname;
  const res = await env.STANDINS.fetch(`http://standins/slack/requests?contains=${encodeURIComponent(path)}`);
  return (await res.json()) as Recorded[];
}

/** Waits for `count` posts to a response_url (the Worker completes them in waitUntil). */
export async function waitForPosts(url: string, count = 1, timeoutMs = 20_000): Promise<Recorded[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const posts = await postsTo(url);
    if (posts.length >= count) return posts;
    if (Date.now() > deadline) throw new Error(`no post to ${url} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function subscriptionRows(target: string) {
  const { results } = await env.DB.prepare(
    "SELECT id, channel, target, themes, query, status, status_reason FROM subscriptions WHERE target = ? ORDER BY created_at, id",
  )
    .bind(target)
    .all<{
      id: string;
      channel: string;
      target: string;
      themes: string;
      query: string | null;
      status: string;
      status_reason: string | null;
    }>();
  return results;
}
