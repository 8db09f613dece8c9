/**
 * Button clicks as Slack sends them to POST /slack/interactions (docs.slack.dev, "Handling user
 * interaction"): Slack's documented block_actions payload for a button of a message the bot really
 * posted, in a `payload=` form field, signed with the v0 scheme by test/support/slack.ts's own
 * HMAC (never the bot's code). The response_url is the Slack stand-in's (`hooks.slack.com/actions/…`).
 */
import { expect } from "vitest";
import { slackProblems } from "../standins/slack-rules";
import { ADMIN_TOKEN, call } from "./api";
import { SLACK_SIGNING_SECRET, slackSign, waitForPosts } from "./slack";

export type Json = Record<string, unknown>;
export interface Button {
  blockId: string;
  element: Json;
}
export interface StoredSignal {
  paper: string;
  signal: string;
  by: string | null;
}

const rand = () => crypto.randomUUID().replace(/-/g, "").slice(0, 20);

export function newActionUrl(): string {
  return `https://hooks.slack.com/actions/T0TEST/${Date.now()}${Math.floor(Math.random() * 1e6)}/${rand()}`;
}

/** The digest's buttons in order, with the block that holds each. */
export function buttonsOf(message: { blocks: unknown[] }): Button[] {
  const out: Button[] = [];
  for (const block of message.blocks as Json[]) {
    if (block.type !== "actions" || !Array.isArray(block.elements)) continue;
    for (const element of block.elements as Json[]) {
      if (element.type === "button") out.push({ blockId: String(block.block_id), element });
    }
  }
  return out;
}

export function button(message: { blocks: unknown[] }, pick: number, signal: "up" | "down" | "save"): Button {
  const found = buttonsOf(message).find(
    (b) => b.blockId === `pick-${pick}-feedback` && b.element.action_id === `feedback_${signal}`,
  );
  expect(found, `pick ${pick} ${signal}`).toBeDefined();
  return found!;
}

export const paperOf = (b: Button) => (JSON.parse(String(b.element.value)) as { p: string }).p;

export interface Click {
  message: { ts: string; text: string; blocks: unknown[] };
  button: Button;
  user: string;
  channel: string;
  responseUrl?: string;
}

/** Slack's block_actions payload for a button in a message (docs.slack.dev, block_actions). */
export function blockActions(click: Click, responseUrl: string): Json {
  const { channel } = click;
  const { element } = click.button;
  return {
    type: "block_actions",
    user: {
      id: click.user,
      username: click.user.toLowerCase(),
      name: click.user.toLowerCase(),
      team_id: "T0TEST",
    },
    api_app_id: "A0TESTAPP",
    token: "gIkuvaNzQIHg97ATvDxqgjtO",
    container: { type: "message", message_ts: click.message.ts, channel_id: channel, is_ephemeral: false },
    trigger_id: `${Date.now()}.${rand()}`,
    team: { id: "T0TEST", domain: "example" },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channel, name: "papers" },
    message: {
      type: "message",
      subtype: "bot_message",
      text: click.message.text,
      ts: click.message.ts,
      bot_id: "B0STANDIN",
      blocks: click.message.blocks,
    },
    state: { values: {} },
    response_url: responseUrl,
    actions: [
      {
        action_id: element.action_id,
        block_id: click.button.blockId,
        text: element.text,
        value: element.value,
        ...(element.style ? { style: element.style } : {}),
        type: "button",
        action_ts: `${(Date.now() / 1000).toFixed(6)}${Math.floor(Math.random() * 10)}`,
      },
    ],
  };
}

export const formOf = (payload: string) => new URLSearchParams({ payload }).toString();

export interface Signing {
  timestamp?: number;
  signature?: string;
}

export async function headersFor(body: string, signing: Signing = {}): Promise<Record<string, string>> {
  const timestamp = String(signing.timestamp ?? Math.floor(Date.now() / 1000));
  return {
    "content-type": "application/x-www-form-urlencoded",
    "x-slack-request-timestamp": timestamp,
    "x-slack-signature": signing.signature ?? (await slackSign(SLACK_SIGNING_SECRET, timestamp, body)),
  };
}

export async function postInteraction(body: string, signing: Signing = {}): Promise<Response> {
  return call("/slack/interactions", { method: "POST", headers: await headersFor(body, signing), body });
}

/** A click, acknowledged with an empty 200; what the Worker then posted to the response_url. */
export async function click(c: Click): Promise<{ responseUrl: string; posted: Json }> {
  const responseUrl = c.responseUrl ?? newActionUrl();
  const res = await postInteraction(formOf(JSON.stringify(blockActions(c, responseUrl))));
  expect(res.status, await res.clone().text()).toBe(200);
  expect(await res.text()).toBe("");
  const [post] = await waitForPosts(responseUrl);
  expect(post!.answeredStatus, post!.body).toBe(200);
  const posted = JSON.parse(post!.body) as Json;
  expect(slackProblems(posted), post!.body).toEqual([]);
  return { responseUrl, posted };
}

/** The message as the channel now sees it (the redrawn copy the click replaced it with). */
export function redrawn(posted: Json, before: Click["message"]): Click["message"] {
  expect(posted.replace_original).toBe(true);
  return { ts: before.ts, text: String(posted.text), blocks: posted.blocks as unknown[] };
}

/** GET /api/subscriptions/{id}/feedback with the admin token: every reader's signal. */
export async function storedSignals(subscriptionId: string): Promise<StoredSignal[]> {
  const res = await call(`/api/subscriptions/${subscriptionId}/feedback`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { signals: StoredSignal[] }).signals;
}
