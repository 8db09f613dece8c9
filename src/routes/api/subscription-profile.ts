/**
 * A subscription's interests, its readers' signals, and its own ranked digest (issue #13; contract
 * "Interests, feedback and each subscriber's digest"). Bearer: the subscription's management token
 * or the admin token (routes/subscription-auth.ts).
 */
import { Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import { setDigestSize } from "../../db/queries/subscriptions";
import { isoWeekOf } from "../../digest";
import { DEFAULT_PICKS, MAX_PICKS, MIN_PICKS, subscriberDigestForWeek } from "../../digest/subscriber-digest";
import type { AppEnv } from "../../env";
import { ApiError, describeIssues } from "../../errors";
import { InterestsBody } from "../../interests/interest-input";
import { feedbackList, giveFeedback } from "../../subscribe/feedback";
import { interestsView, setInterests } from "../../subscribe/interests";
import { subscriptionView } from "../../subscribe/subscriptions";
import { authoriseSubscription } from "../subscription-auth";
import { interestsBodyLimit } from "../subscription-guards";
import { digestNotFound, weekParam } from "../week-param";

const FeedbackBody = z.strictObject({
  paper: z.string().trim().min(1).max(300),
  signal: z.enum(["up", "down", "save", "clear"]),
});

/** `limit` may name every paper of a week; far past any real week is refused. */
const MAX_LIMIT = 20_000;

const FEEDBACK_STATUS = { invalid_paper_ref: 400, paper_not_found: 404 } as const satisfies Record<
  string,
  ContentfulStatusCode
>;

const SettingsBody = z.strictObject({ size: z.number().int().min(MIN_PICKS).max(MAX_PICKS) });

function limitParam(raw: string | undefined, size: number): number {
  if (raw === undefined) return size;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new ApiError(400, "invalid_limit", `\`limit\` must be a whole number from 1 to ${MAX_LIMIT}.`);
  }
  return limit;
}

export const subscriptionProfileRoutes = new Hono<AppEnv>()
  // The digest's size (picks per delivery, issue #14); also `size` on POST /api/subscriptions.
  .patch("/:id", async (c) => {
    const s = await authoriseSubscription(c.req.header("authorization"), c.var, c.req.param("id"));
    const body = SettingsBody.safeParse(await c.req.json().catch(() => null));
    if (!body.success) {
      throw new ApiError(
        400,
        "invalid_subscription",
        `The change is not valid: ${describeIssues(body.error.issues)}.`,
      );
    }
    const saved = await setDigestSize(c.var.db, s.id, body.data.size, Date.now());
    return c.json(subscriptionView(saved ?? s));
  })
  .get("/:id/interests", async (c) => {
    const s = await authoriseSubscription(c.req.header("authorization"), c.var, c.req.param("id"));
    return c.json({ id: s.id, interests: await interestsView(c.var.db, s.id) });
  })
  .put("/:id/interests", interestsBodyLimit, async (c) => {
    const s = await authoriseSubscription(c.req.header("authorization"), c.var, c.req.param("id"));
    const body = InterestsBody.safeParse(await c.req.json().catch(() => null));
    if (!body.success) {
      throw new ApiError(
        400,
        "invalid_interests",
        `The interests are not valid: ${describeIssues(body.error.issues)}.`,
      );
    }
    return c.json({ id: s.id, ...(await setInterests(c.var.db, s.id, body.data, Date.now())) });
  })
  .post("/:id/feedback", async (c) => {
    const s = await authoriseSubscription(c.req.header("authorization"), c.var, c.req.param("id"));
    const body = FeedbackBody.safeParse(await c.req.json().catch(() => null));
    if (!body.success) {
      throw new ApiError(
        400,
        "invalid_feedback",
        `The feedback is not valid: ${describeIssues(body.error.issues)}.`,
      );
    }
    const outcome = await giveFeedback(c.var.db, s.id, { ...body.data, by: null }, Date.now());
    if (!outcome.ok) throw new ApiError(FEEDBACK_STATUS[outcome.reason], outcome.reason, outcome.message);
    return c.json({ paper: outcome.paper, signal: outcome.signal, by: outcome.by });
  })
  .get("/:id/feedback", async (c) => {
    const s = await authoriseSubscription(c.req.header("authorization"), c.var, c.req.param("id"));
    return c.json({ signals: await feedbackList(c.var.db, s.id) });
  })
  .get("/:id/digest", async (c) => {
    const s = await authoriseSubscription(c.req.header("authorization"), c.var, c.req.param("id"));
    const now = Date.now();
    const raw = c.req.query("week");
    const week = raw === undefined ? isoWeekOf(now) : weekParam(raw, now);
    const limit = limitParam(c.req.query("limit"), s.digestSize ?? DEFAULT_PICKS);
    const brief = await subscriberDigestForWeek(c.var.db, {
      week,
      now,
      subscription: s,
      limit,
      publicBaseUrl: c.var.config.delivery.publicBaseUrl,
    });
    if (brief === null) throw digestNotFound(week, now);
    return c.json(brief);
  });
