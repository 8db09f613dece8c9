/**
 * Three seconds, always. Slack shows "operation_timeout" to the user when the HTTP answer takes
 * longer than 3 s, so every command gets one of two treatments:
 *
 * - `inline`: the work runs at once and its result is the HTTP answer, if it is ready within
 *   INLINE_BUDGET_MS (2 s, leaving a second for the network and Slack). If it is not (a cold
 *   D1, a slow replica), the answer becomes an acknowledgement and the result follows through
 *   the response_url, so even a normally fast command never times out.
 * - `deferred`: the work may take seconds by nature; it is acknowledged at once and completed
 *   through the response_url.
 *
 * Completion runs inside `waitUntil`, which Workers keep alive 30 s after the answer: the work
 * gets DEFERRED_LIMIT_MS (25 s) before the user is told it took too long.
 */

import { logError } from "../log";
import { notice } from "./blocks/help";
import { ephemeral, type SlackReply } from "./reply";

export const INLINE_BUDGET_MS = 2_000;
export const DEFERRED_LIMIT_MS = 25_000;

export interface Plan {
  mode: "inline" | "deferred";
  /** The acknowledgement: for deferred plans, and for inline ones that run out of budget. */
  ack: SlackReply;
  run: () => Promise<SlackReply>;
}

export interface Answer {
  /** The HTTP answer to Slack. */
  reply: SlackReply;
  /** The rest of the work, for `waitUntil`; null when the answer is complete. */
  later: Promise<void> | null;
}

export interface ScheduleOptions {
  budgetMs?: number;
  limitMs?: number;
  /** Posts a reply to the response_url. */
  deliver: (reply: SlackReply) => Promise<unknown>;
}

const failed = () =>
  ephemeral(notice("Sorry, something went wrong on the bot's side; it has been logged. Please try again."));
const tooSlow = () =>
  ephemeral(notice("Sorry, that took too long (over 25 seconds). Please try again in a minute."));

/** Resolves to `value` after `ms`, unless cancelled. */
function timer<T>(ms: number, value: T): { promise: Promise<T>; cancel: () => void } {
  let handle: ReturnType<typeof setTimeout> | undefined;
  const promise = new Promise<T>((resolve) => {
    handle = setTimeout(() => resolve(value), ms);
  });
  return { promise, cancel: () => clearTimeout(handle) };
}

/** The work, never rejecting: a failure becomes an apology (and a log line). */
function settle(run: () => Promise<SlackReply>): Promise<SlackReply> {
  return Promise.resolve()
    .then(run)
    .catch((error: unknown) => {
      logError("slack-command-failed", error);
      return failed();
    });
}

async function finish(work: Promise<SlackReply>, options: ScheduleOptions): Promise<void> {
  const limit = timer(options.limitMs ?? DEFERRED_LIMIT_MS, null);
  const reply = (await Promise.race([work, limit.promise])) ?? tooSlow();
  limit.cancel();
  try {
    await options.deliver(reply);
  } catch (error) {
    logError("slack-deferred-delivery-failed", error);
  }
}

export async function schedule(plan: Plan, options: ScheduleOptions): Promise<Answer> {
  const work = settle(plan.run);
  if (plan.mode === "deferred") return { reply: plan.ack, later: finish(work, options) };
  const budget = timer(options.budgetMs ?? INLINE_BUDGET_MS, null);
  const done = await Promise.race([work, budget.promise]);
  budget.cancel();
  if (done !== null) return { reply: done, later: null };
  return { reply: plan.ack, later: finish(work, options) };
}
