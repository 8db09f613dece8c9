/**
 * A click on a digest's 👍 / 👎 / Save button (issue #15), after its signature was checked: record
 * the signal for the channel's subscription with the member as `by` (the same button again takes it
 * back), then redraw the message through the response_url. Slack wants the HTTP answer within 3
 * seconds and shows errors badly, so every answer is an empty 200: the one D1 write happens before
 * it, and what the member sees (the redrawn message, or a short note only they see when nothing was
 * recorded) is posted afterwards, in `later`.
 */
import type { Database } from "../db/client";
import { signalsOnPapers, toggleFeedback } from "../db/queries/feedback-toggle";
import { canonicalPaperKey } from "../db/queries/paper-detail";
import { findSubscription } from "../db/queries/subscriptions";
import { readFeedbackAction, readFeedbackValue } from "../deliver/slack/feedback-buttons";
import { logError, logEvent } from "../log";
import { resolvePaperRef } from "../lookup/resolve-ref";
import { type MarkedSignal, markedMessage, paperKeysOf } from "./marked-message";
import type { BlockActionsPayload, ReadPayload } from "./payload";
import { note, postResponse } from "./respond";

export { readInteraction } from "./payload";

export const NOTES = {
  unreadable: "The bot could not read this click, so nothing was recorded.",
  unknownAction: "The bot does not know this button, so nothing was recorded.",
  unknownSubscription:
    "This digest's subscription is not known to the bot any more; `/paper subscribe` to start again.",
  otherChannel: "These buttons belong to another channel's digest, so nothing was recorded.",
  ended: "This channel's subscription has ended; `/paper subscribe` to start again.",
  paperGone: "The bot no longer has this paper, so nothing was recorded.",
} as const;

export interface InteractionContext {
  db: Database;
  now: number;
  read: ReadPayload;
  fetcher?: typeof fetch;
}

export interface InteractionAnswer {
  /** What was done, for the log and the tests: `set` / `cleared`, or why nothing was stored. */
  outcome: "set" | "cleared" | keyof typeof NOTES | "ignored";
  /** The response_url post, for waitUntil; null when there is nowhere to post. */
  later: Promise<unknown> | null;
}

export async function answerInteraction(ctx: InteractionContext): Promise<InteractionAnswer> {
  const { read } = ctx;
  if (!read.ok) {
    logEvent("slack-interaction-refused", { type: read.type, problem: read.problem });
    // Only block_actions are ours; anything else Slack sends (a shortcut, say) gets no note.
    if (read.responseUrl === null || (read.type !== null && read.type !== "block_actions")) {
      return { outcome: "ignored", later: null };
    }
    return refuse(ctx, read.responseUrl, "unreadable", read.problem);
  }
  const payload = read.payload;
  const url = payload.response_url;
  // A button sends one action a request; anything after the first is not ours to act on.
  const action = payload.actions[0]!;
  const feedback = readFeedbackAction(action.action_id);
  if (!feedback) return refuse(ctx, url, "unknownAction", action.action_id);
  const target = readFeedbackValue(action.value);
  if (!target) return refuse(ctx, url, "unreadable", "the button's value is not ours");

  // Both reads at once: one round trip less before the acknowledgement.
  const resolved = resolvePaperRef(target.paperKey);
  const [subscription, paperKey] = await Promise.all([
    findSubscription(ctx.db, target.subscriptionId),
    resolved ? canonicalPaperKey(ctx.db, resolved.key) : null,
  ]);
  if (!subscription) return refuse(ctx, url, "unknownSubscription", target.subscriptionId);
  // A digest posted with the bot token names its channel; one posted through an incoming webhook
  // does not (its target is the webhook URL), and the signature vouches for the click.
  const postedTo = subscription.target.startsWith("https://") ? null : subscription.target;
  if (subscription.channel !== "slack" || (postedTo !== null && postedTo !== payload.channel.id)) {
    return refuse(ctx, url, "otherChannel", subscription.id);
  }
  if (subscription.status !== "active") return refuse(ctx, url, "ended", subscription.id);

  if (paperKey === null) return refuse(ctx, url, "paperGone", target.paperKey);

  const by = payload.user.id;
  const outcome = await toggleFeedback(ctx.db, {
    subscriptionId: subscription.id,
    paperKey,
    by,
    signal: feedback.signal,
    at: ctx.now,
  });
  logEvent("slack-feedback", {
    subscription: subscription.id,
    paper: paperKey,
    by,
    signal: feedback.signal,
    outcome,
  });
  const clicked = { blockId: action.block_id, valueKey: target.paperKey, paperKey };
  const later = redraw(ctx, payload, subscription.id, clicked).catch((error: unknown) =>
    logError("slack-interaction-redraw-failed", error, { subscription: subscription.id }),
  );
  return { outcome, later };
}

function refuse(
  ctx: InteractionContext,
  url: string,
  reason: keyof typeof NOTES,
  detail: string,
): InteractionAnswer {
  logEvent("slack-interaction-ignored", { reason, detail });
  return { outcome: reason, later: postResponse(url, note(NOTES[reason]), ctx.fetcher) };
}

/** Redraws the message from the stored signals of its picks and replaces it. */
async function redraw(
  ctx: InteractionContext,
  payload: BlockActionsPayload,
  subscriptionId: string,
  clicked: { blockId: string; valueKey: string; paperKey: string },
): Promise<void> {
  const posted = payload.message;
  if (!posted) return;
  const keys = paperKeysOf(posted.blocks, subscriptionId);
  const rows = await signalsOnPapers(ctx.db, subscriptionId, [clicked.paperKey, ...keys]);
  const signals = new Map<string, MarkedSignal[]>();
  for (const row of rows) {
    // A paper merged into another since the digest: its signals are under the key it has now.
    const key = row.paperKey === clicked.paperKey ? clicked.valueKey : row.paperKey;
    const list = signals.get(key) ?? [];
    list.push({ by: row.by, signal: row.signal });
    signals.set(key, list);
  }
  const message = markedMessage({
    text: posted.text,
    blocks: posted.blocks,
    subscriptionId,
    signals,
    clicked: { blockId: clicked.blockId, paperKey: clicked.valueKey },
  });
  if (!message) {
    logEvent("slack-interaction-not-redrawn", { subscription: subscriptionId, ts: posted.ts });
    return;
  }
  await postResponse(
    payload.response_url,
    { replace_original: true, text: message.text, blocks: message.blocks },
    ctx.fetcher,
  );
}
