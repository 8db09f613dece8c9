/**
 * The 👍 / 👎 / Save buttons under each pick of a Slack digest, and what a click sends back: the
 * contract between the digest (digest-blocks.ts) and the interactivity handler (POST
 * /slack/interactions, which records the signal with giveFeedback, `by` the Slack member).
 *
 * The contract, for every button of a digest (`type: "button"` in an `actions` block):
 * - `action_id` is `feedback_up`, `feedback_down` or `feedback_save`: the signal. In a block that
 *   holds the buttons of two picks (the compact list of a long digest) it is followed by `_<n>`,
 *   the pick's number in the digest (`feedback_up_23`), since Slack wants action_ids unique within
 *   a block. Read it with readFeedbackAction: /^feedback_(up|down|save)(_\d{1,3})?$/.
 * - `value` is JSON `{"s":"<subscription id>","p":"<paper key>"}` (the keys short, so the value
 *   stays far below Slack's 2,000 characters; a pick whose value would not fit gets no buttons).
 *   Read it with readFeedbackValue.
 * - `block_id` of the block is `pick-<n>-feedback` or `picks-<n>-<m>-feedback`: informative only.
 * The value is only as trustworthy as the request that carries it: the handler checks Slack's
 * signature first, then that the subscription exists, is a Slack one and posts to the channel the
 * click came from, and that the paper is one the bot knows.
 */
import type { ActionsBlock, Button } from "@slack/types";
import { z } from "zod";
import { plainClip } from "../../block-kit/mrkdwn";
import type { FeedbackSignal } from "../../digest/reader-links";

export const FEEDBACK_SIGNALS: readonly FeedbackSignal[] = ["up", "down", "save"];
/** Slack's limit on a button's value. */
export const MAX_FEEDBACK_VALUE = 2_000;

const ACTION_ID = /^feedback_(up|down|save)(?:_(\d{1,3}))?$/;

export interface FeedbackTarget {
  subscriptionId: string;
  paperKey: string;
}

/** The value of a pick's buttons; null when it would be longer than Slack allows. */
export function feedbackValue(target: FeedbackTarget): string | null {
  const value = JSON.stringify({ s: target.subscriptionId, p: target.paperKey });
  return value.length <= MAX_FEEDBACK_VALUE ? value : null;
}

const ValueSchema = z.object({ s: z.string().min(1).max(200), p: z.string().min(1).max(500) });

/** A button's value as sent back by Slack; null when it is not one of ours. */
export function readFeedbackValue(value: unknown): FeedbackTarget | null {
  if (typeof value !== "string" || value.length > MAX_FEEDBACK_VALUE) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return null;
  }
  const checked = ValueSchema.safeParse(parsed);
  return checked.success ? { subscriptionId: checked.data.s, paperKey: checked.data.p } : null;
}

/** The signal (and the pick's number, in the compact list) of a button's action_id; null when not ours. */
export function readFeedbackAction(
  actionId: unknown,
): { signal: FeedbackSignal; pick: number | null } | null {
  if (typeof actionId !== "string") return null;
  const match = ACTION_ID.exec(actionId);
  if (!match) return null;
  return { signal: match[1] as FeedbackSignal, pick: match[2] === undefined ? null : Number(match[2]) };
}

const CARD_LABELS: Record<FeedbackSignal, string> = {
  up: "👍 More like this",
  down: "👎 Less like this",
  save: "Save",
};
/** What a screen reader says instead of the label: the signal and the paper's title. */
const SCREEN_READER: Record<FeedbackSignal, string> = {
  up: "More like this:",
  down: "Less like this:",
  save: "Save",
};

/** One button: `text` its label, `pick` the number suffixed to its action_id in the compact list. */
function button(signal: FeedbackSignal, value: string, text: string, title: string, pick?: number): Button {
  return {
    type: "button",
    text: { type: "plain_text", text, emoji: true },
    action_id: pick === undefined ? `feedback_${signal}` : `feedback_${signal}_${pick}`,
    value,
    accessibility_label: plainClip(`${SCREEN_READER[signal]} ${title}`, 75),
  };
}

/** The three buttons of one pick, in a block of their own. Null when the value does not fit. */
export function pickButtons(target: FeedbackTarget, n: number, title: string): ActionsBlock | null {
  const value = feedbackValue(target);
  if (value === null) return null;
  return {
    type: "actions",
    block_id: `pick-${n}-feedback`,
    elements: FEEDBACK_SIGNALS.map((signal) => button(signal, value, CARD_LABELS[signal], title)),
  };
}

/** The buttons of the picks `first`, `first + 1`, … of the compact list, numbered, in one block. */
export function listButtons(
  picks: ReadonlyArray<{ target: FeedbackTarget; title: string }>,
  first: number,
): ActionsBlock | null {
  const elements: Button[] = [];
  picks.forEach(({ target, title }, i) => {
    const value = feedbackValue(target);
    if (value === null) return;
    const n = first + i;
    const labels: Record<FeedbackSignal, string> = { up: `👍 ${n}`, down: `👎 ${n}`, save: `Save ${n}` };
    for (const signal of FEEDBACK_SIGNALS) {
      elements.push(button(signal, value, labels[signal], title, n));
    }
  });
  if (elements.length === 0) return null;
  const last = first + picks.length - 1;
  return { type: "actions", block_id: `picks-${first}-${last}-feedback`, elements };
}
