/**
 * Reading a Slack digest as a reader (and the interactivity handler) would: its picks' buttons,
 * the values they carry, the arXiv papers it links. Independent of the renderer's code: the values
 * are read with JSON.parse, the links with a regular expression on the blocks' text.
 */
import { expect } from "vitest";
import { slackProblems } from "../standins/slack-rules";

interface Message {
  text: string;
  blocks: unknown[];
}

type Json = Record<string, unknown>;
const isJson = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

export interface ButtonView {
  blockId: string;
  actionId: string;
  label: string;
  value: string;
}

export function buttonsOf(message: Message): ButtonView[] {
  const out: ButtonView[] = [];
  for (const block of message.blocks) {
    if (!isJson(block) || block.type !== "actions" || !Array.isArray(block.elements)) continue;
    for (const element of block.elements) {
      if (!isJson(element) || element.type !== "button") continue;
      const text = isJson(element.text) ? String(element.text.text) : "";
      out.push({
        blockId: String(block.block_id),
        actionId: String(element.action_id),
        label: text,
        value: String(element.value),
      });
    }
  }
  return out;
}

/** The signals offered for each paper (by key), after checking every button names `subscriptionId`. */
export function feedbackByPaper(messages: Message[], subscriptionId: string): Map<string, string[]> {
  const byPaper = new Map<string, string[]>();
  for (const button of messages.flatMap(buttonsOf)) {
    expect(button.value.length).toBeLessThanOrEqual(2_000);
    const value = JSON.parse(button.value) as { s: unknown; p: unknown };
    expect(value.s, button.actionId).toBe(subscriptionId);
    expect(typeof value.p).toBe("string");
    const signal = /^feedback_(up|down|save)(?:_\d+)?$/.exec(button.actionId)?.[1];
    expect(signal, button.actionId).toBeDefined();
    const key = value.p as string;
    byPaper.set(key, [...(byPaper.get(key) ?? []), signal!]);
  }
  return byPaper;
}

/** Every block's text (sections, context elements, headers), one a line. */
export function blocksText(message: Message): string {
  const texts: string[] = [];
  for (const block of message.blocks) {
    if (!isJson(block)) continue;
    if (isJson(block.text) && typeof block.text.text === "string") texts.push(block.text.text);
    if (Array.isArray(block.elements) && block.type !== "actions") {
      for (const element of block.elements) {
        if (isJson(element) && typeof element.text === "string") texts.push(element.text);
      }
    }
  }
  return texts.join("\n");
}

/** The arXiv ids the messages link to (abs pages), in order, repeats kept. */
export function linkedArxivIds(messages: Message[]): string[] {
  const text = messages.map(blocksText).join("\n");
  return [...text.matchAll(/<https:\/\/arxiv\.org\/abs\/([^|>]+)\|/g)].map((m) => m[1]!);
}

/** Block text as Slack's limit counts it (text objects, button labels included). */
export function blockChars(message: Message): number {
  let total = 0;
  const add = (value: unknown) => {
    if (isJson(value) && typeof value.text === "string") total += value.text.length;
  };
  for (const block of message.blocks) {
    if (!isJson(block)) continue;
    add(block.text);
    if (Array.isArray(block.fields)) block.fields.forEach(add);
    if (Array.isArray(block.elements)) {
      for (const element of block.elements) {
        add(element);
        if (isJson(element)) add(element.text);
      }
    }
  }
  return total;
}

/**
 * A week's digest as Slack got it: at most two messages, each within Slack's rules (the stand-in's
 * own copy), `picks` papers each offered 👍, 👎 and Save exactly once, naming the subscription.
 * Returns the picks' paper keys in order.
 */
export function expectSlackDigest(messages: Message[], subscriptionId: string, picks: number): string[] {
  expect(messages.length).toBeGreaterThanOrEqual(1);
  expect(messages.length).toBeLessThanOrEqual(2);
  for (const message of messages) expect(slackProblems(message), JSON.stringify(message)).toEqual([]);
  const byPaper = feedbackByPaper(messages, subscriptionId);
  expect(byPaper.size).toBe(picks);
  for (const [key, signals] of byPaper) expect(signals.sort(), key).toEqual(["down", "save", "up"]);
  return [...byPaper.keys()];
}
