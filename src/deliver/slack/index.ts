/**
 * The Slack channel: a week's digest as at most two Block Kit messages (digest-blocks.ts), posted to
 * a channel id with the bot token (chat.postMessage; the second goes into the first one's thread)
 * or to an incoming webhook (which has no threads: the second follows the first).
 *
 * A rate limit (429, `ratelimited`) with a short Retry-After is waited out right here, part by
 * part, within a time budget that ends well before the ledger's claim does (so no second consumer
 * takes the delivery while this one is still posting); anything longer goes back to the queue,
 * and a retry resumes after the parts already posted (progress.ts).
 */

import type { SlackMessage } from "../../block-kit/limits";
import { openDatabase } from "../../db/client";
import { CLAIM_MS, findDelivery } from "../../db/queries/deliveries";
import { logError } from "../../log";
import { isSlackWebhookUrl } from "../../security/webhook-target";
import type { ChannelSender, OutgoingDigest, SenderContext, SendOutcome } from "../types";
import { renderSlackDigest } from "./digest-blocks";
import { progressNote, readProgress, renderHash, type SplitProgress } from "./progress";
import { type PostResult, postToWebhook, postWithBot, REQUEST_TIMEOUT_MS } from "./transport";

/** Time for one attempt at all its parts: the claim, less a margin for recording the outcome. */
export const SEND_BUDGET_MS = CLAIM_MS - 20_000;
/** Retry-After we wait for in place; longer ones go back to the queue. */
export const MAX_INLINE_WAIT_MS = 10_000;
/** Posts of one part in one attempt (the first plus rate-limited retries). */
export const MAX_TRIES_PER_PART = 4;

interface Transport {
  threaded: boolean;
  post(message: SlackMessage, threadTs: string | undefined): Promise<PostResult>;
}

function transportFor(ctx: SenderContext, target: string): Transport | SendOutcome {
  if (target.startsWith("https://")) {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return { kind: "failed", error: "the target is not a URL" };
    }
    // Checked when subscribing; checked again so nothing but Slack's webhooks is ever called.
    if (!isSlackWebhookUrl(url)) return { kind: "failed", error: "not a Slack incoming-webhook URL" };
    return { threaded: false, post: (message) => postToWebhook(url.href, message, ctx.now) };
  }
  const token = ctx.config.slackBotToken;
  if (!token) {
    return { kind: "failed", error: "SLACK_BOT_TOKEN is not set: the bot cannot post to channel ids" };
  }
  return {
    threaded: true,
    post: (message, threadTs) =>
      postWithBot(
        {
          apiUrl: ctx.config.slackApiUrl,
          token,
          channel: target,
          message,
          ...(threadTs ? { threadTs } : {}),
        },
        ctx.now,
      ),
  };
}

/**
 * The progress an earlier attempt left in the ledger. Used even when the parts render differently
 * now (a reader's feedback between attempts re-ranks the picks): what is posted is in the channel,
 * so the retry goes on after it rather than posting the first message twice.
 */
async function resumeFrom(ctx: SenderContext, deliveryId: number, total: number, render: string) {
  try {
    const row = await findDelivery(openDatabase(ctx.env.DB), deliveryId);
    const progress = readProgress(row?.lastError);
    return progress ? { ...progress, total, render } : null;
  } catch (error) {
    logError("slack-progress-unreadable", error, { deliveryId });
    return null;
  }
}

function toOutcome(result: Exclude<PostResult, { kind: "posted" }>, progress: SplitProgress): SendOutcome {
  const error =
    progress.posted > 0
      ? `${progressNote(progress)}; part ${progress.posted + 1}: ${result.error}`
      : result.error;
  if (result.kind === "retry") {
    return result.retryAfterMs === undefined
      ? { kind: "retry", error }
      : { kind: "retry", error, retryAfterMs: result.retryAfterMs };
  }
  return { kind: result.kind, error };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One part, waiting out short rate limits, never starting a request that could outlast the budget. */
async function postPart(
  ctx: SenderContext,
  transport: Transport,
  part: SlackMessage,
  threadTs: string | undefined,
  deadline: number,
): Promise<PostResult> {
  for (let tries = 1; ; tries++) {
    if (ctx.now() + REQUEST_TIMEOUT_MS > deadline) {
      return { kind: "retry", error: "out of time for this attempt", rateLimited: false };
    }
    const result = await transport.post(part, threadTs);
    if (result.kind !== "retry" || !result.rateLimited || tries >= MAX_TRIES_PER_PART) return result;
    const wait = result.retryAfterMs ?? 1_000;
    if (wait > MAX_INLINE_WAIT_MS || ctx.now() + wait + REQUEST_TIMEOUT_MS > deadline) return result;
    await sleep(wait);
  }
}

async function sendSlackDigest(ctx: SenderContext, outgoing: OutgoingDigest): Promise<SendOutcome> {
  const transport = transportFor(ctx, outgoing.subscription.target);
  if ("kind" in transport) return transport;
  const parts = renderSlackDigest(outgoing.brief, outgoing.links, { threaded: transport.threaded });
  const render = renderHash(parts);
  const resumed = await resumeFrom(ctx, outgoing.deliveryId, parts.length, render);
  const progress: SplitProgress = resumed ?? { posted: 0, total: parts.length, render };
  const deadline = ctx.now() + SEND_BUDGET_MS;

  while (progress.posted < parts.length) {
    const threadTs = progress.posted > 0 ? progress.threadTs : undefined;
    const result = await postPart(ctx, transport, parts[progress.posted]!, threadTs, deadline);
    if (result.kind !== "posted") return toOutcome(result, progress);
    if (progress.posted === 0 && transport.threaded && result.ts) progress.threadTs = result.ts;
    progress.posted += 1;
  }
  const detail = `${parts.length} message${parts.length === 1 ? "" : "s"}`;
  return { kind: "sent", detail: resumed ? `${detail}, resumed after part ${resumed.posted}` : detail };
}

export function createSlackSender(ctx: SenderContext): ChannelSender {
  return { sendDigest: (outgoing) => sendSlackDigest(ctx, outgoing) };
}

export { checkBlockKitLimits, SLACK_LIMITS, type SlackMessage } from "../../block-kit/limits";
export { renderSlackDigest } from "./digest-blocks";
