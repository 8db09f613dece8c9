/**
 * The digest message after a click, as the team sees it (issue #15), pure: the message's blocks as
 * Slack handed them back, with every pick's buttons showing the channel's signals (👍 and Save
 * `primary`, 👎 `danger`, when at least one member has given that signal) and a context line under
 * the pick naming who did ("👍 <@U1>, <@U2> · 🔖 <@U3>").
 *
 * Every pick of the message is redrawn from the stored signals, not only the clicked one: two
 * members clicking different picks at once each replace the message with the blocks they saw, so a
 * message redrawn from one pick would drop the other's line. The result is held to Slack's limits
 * (block-kit/limits.ts); when the lines do not fit (50 blocks, the text total) the other picks'
 * lines go first, then the clicked pick's, and the buttons alone show the state.
 */

import { checkBlockKitLimits } from "../block-kit/limits";
import type { Signal } from "../db/queries/feedback";
import { readFeedbackAction, readFeedbackValue } from "../deliver/slack/feedback-buttons";
import type { MessageBlock } from "./payload";

/** A member's current signal on a paper (`by` is '' for a signal given on the web). */
export interface MarkedSignal {
  by: string;
  signal: Signal;
}

export interface MarkInput {
  text: string | undefined;
  blocks: readonly MessageBlock[];
  subscriptionId: string;
  /** Signals by the paper key the buttons carry. */
  signals: ReadonlyMap<string, readonly MarkedSignal[]>;
  /** The actions block clicked and the paper its button carried: its line is kept the longest. */
  clicked: { blockId: string; paperKey: string };
}

export interface MarkedMessage {
  text: string;
  blocks: MessageBlock[];
  /** Whether the members' lines fit: all, the clicked pick's only, or none (buttons only). */
  lines: "all" | "clicked" | "none";
}

/** Our context lines' block_ids start with this, so a later click finds and replaces them. */
export const MARKS_BLOCK_PREFIX = "feedback-marks-";
/** Members named per signal before "and n more": keeps a line far below 3,000 characters. */
const MAX_NAMED = 15;
const FALLBACK_TEXT = "arXiv digest";
const ICONS: Record<Signal, string> = { up: "👍", down: "👎", save: "🔖" };
const STYLES: Record<Signal, "primary" | "danger"> = { up: "primary", down: "danger", save: "primary" };
const CARD_BUTTONS = /^pick-(\d{1,3})-feedback$/;

type Json = Record<string, unknown>;
const isJson = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** The paper keys the message's buttons carry for this subscription (to look their signals up). */
export function paperKeysOf(blocks: readonly MessageBlock[], subscriptionId: string): string[] {
  const keys = new Set<string>();
  for (const block of blocks) {
    for (const { target } of ourButtons(block, subscriptionId)) keys.add(target.paperKey);
  }
  return [...keys];
}

interface OurButton {
  element: Json;
  signal: Signal;
  pick: number | null;
  target: { subscriptionId: string; paperKey: string };
}

function ourButtons(block: MessageBlock, subscriptionId: string): OurButton[] {
  if (block.type !== "actions" || !Array.isArray(block.elements)) return [];
  const out: OurButton[] = [];
  for (const element of block.elements) {
    if (!isJson(element) || element.type !== "button") continue;
    const action = readFeedbackAction(element.action_id);
    const target = readFeedbackValue(element.value);
    if (!action || !target || target.subscriptionId !== subscriptionId) continue;
    out.push({ element, signal: action.signal, pick: action.pick, target });
  }
  return out;
}

function who(by: string): string {
  // Only ids Slack could have sent become mentions; anything else cannot inject markup.
  return /^[A-Z0-9]{2,40}$/.test(by) ? `<@${by}>` : "a reader on the web";
}

/** "👍 <@U1>, <@U2> · 🔖 <@U3>"; null when nobody has marked the paper. */
export function marksLine(signals: readonly MarkedSignal[]): string | null {
  const parts: string[] = [];
  for (const signal of ["up", "down", "save"] as const) {
    const names = signals.filter((s) => s.signal === signal).map((s) => who(s.by));
    if (names.length === 0) continue;
    const shown = names.slice(0, MAX_NAMED).join(", ");
    const more = names.length > MAX_NAMED ? ` and ${names.length - MAX_NAMED} more` : "";
    parts.push(`${ICONS[signal]} ${shown}${more}`);
  }
  return parts.length > 0 ? parts.join(" · ") : null;
}

interface Line {
  block: MessageBlock;
  clicked: boolean;
}

/** The message redrawn with `mode`'s lines; the buttons are restyled in every mode. */
function redraw(input: MarkInput, mode: MarkedMessage["lines"]): MessageBlock[] {
  const out: MessageBlock[] = [];
  input.blocks.forEach((original, index) => {
    if (typeof original.block_id === "string" && original.block_id.startsWith(MARKS_BLOCK_PREFIX)) return;
    const block = structuredClone(original);
    out.push(block);
    const buttons = ourButtons(block, input.subscriptionId);
    if (buttons.length === 0) return;
    const lines: Line[] = [];
    const papers = [...new Set(buttons.map((b) => b.target.paperKey))];
    const cardPick = typeof block.block_id === "string" ? CARD_BUTTONS.exec(block.block_id) : null;
    for (const button of buttons) {
      const given = new Set((input.signals.get(button.target.paperKey) ?? []).map((s) => s.signal));
      if (given.has(button.signal)) button.element.style = STYLES[button.signal];
      else delete button.element.style;
    }
    papers.forEach((paperKey, j) => {
      const line = marksLine(input.signals.get(paperKey) ?? []);
      if (line === null) return;
      const pick = buttons.find((b) => b.target.paperKey === paperKey)?.pick ?? null;
      const clicked = block.block_id === input.clicked.blockId && paperKey === input.clicked.paperKey;
      // The compact list holds two picks' buttons in one block: say which pick a line is about.
      const text = papers.length > 1 && pick !== null ? `*${pick}.* ${line}` : line;
      const id = pick ?? (cardPick ? Number(cardPick[1]) : null);
      lines.push({
        clicked,
        block: {
          type: "context",
          block_id: `${MARKS_BLOCK_PREFIX}${id ?? `${index}-${j}`}`,
          elements: [{ type: "mrkdwn", text }],
        },
      });
    });
    for (const line of lines) {
      if (mode === "all" || (mode === "clicked" && line.clicked)) out.push(line.block);
    }
  });
  return out;
}

/** The message to send back with `replace_original`; null when even the buttons alone break a limit. */
export function markedMessage(input: MarkInput): MarkedMessage | null {
  const text = input.text?.trim() ? input.text : FALLBACK_TEXT;
  for (const lines of ["all", "clicked", "none"] as const) {
    const blocks = redraw(input, lines);
    // Slack hands back block types the digest never posts (rich_text, say): let them through.
    if (checkBlockKitLimits({ text, blocks }, { allowOtherBlocks: true }).length === 0) {
      return { text, blocks, lines };
    }
  }
  return null;
}
