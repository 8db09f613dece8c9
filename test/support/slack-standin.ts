/**
 * Reading and scripting the Slack stand-in (test/standins/slack.ts) from delivery tests: targets
 * tagged per test file, the messages and requests that reached a conversation, scripted answers.
 */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import type { SlackScript, TakenMessage } from "../standins/slack";
import type { RecordedRequest } from "../standins/types";

/** Channel ids and webhook URLs carrying a fresh tag, so test files never share a conversation. */
export function slackTargets() {
  const run = crypto.randomUUID().replace(/-/g, "").slice(0, 8).toUpperCase();
  return {
    channelId: (name: string) => `C${name}${run}`,
    webhookUrl: (name: string) =>
      `https://hooks.slack.com/services/T${run}/B${name}${run}/${name.toLowerCase()}Secret${run}`,
  };
}

export const standins = (path: string, init?: RequestInit) =>
  env.STANDINS.fetch(`http://standins${path}`, init);

export async function messages(conversation: string): Promise<TakenMessage[]> {
  return (await standins(`/slack/messages?conversation=${encodeURIComponent(conversation)}`)).json();
}

/** Requests that reached the stand-in for a channel (by body) or a webhook (by URL). */
export async function requests(conversation: string): Promise<RecordedRequest[]> {
  const all: RecordedRequest[] = await (await standins("/slack/requests")).json();
  return conversation.startsWith("https://")
    ? all.filter((r) => r.url === conversation)
    : all.filter((r) => r.url.endsWith("/chat.postMessage") && JSON.parse(r.body).channel === conversation);
}

/** The stand-in's next answers for a conversation, in order. */
export async function scriptSlack(conversation: string, answers: SlackScript[]) {
  const res = await standins(`/slack/script?conversation=${encodeURIComponent(conversation)}`, {
    method: "POST",
    body: JSON.stringify(answers),
  });
  expect(res.status).toBe(200);
}

/** A message's text with its blocks' texts, one a line. */
export function messageText(message: TakenMessage): string {
  const parts: string[] = [message.text];
  for (const block of message.blocks as Array<{ text?: { text: string }; elements?: { text?: string }[] }>) {
    if (block.text) parts.push(block.text.text);
    for (const element of block.elements ?? []) if (element.text) parts.push(element.text);
  }
  return parts.join("\n");
}
