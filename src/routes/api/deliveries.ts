import { Hono } from "hono";
import { z } from "zod";
import { DELIVERY_STATUSES, deliveriesOfWeek } from "../../db/queries/deliveries";
import { parseIsoWeek } from "../../digest";
import type { AppEnv } from "../../env";
import { ApiError, describeIssues } from "../../errors";
import { requireAdmin } from "../middleware";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const DeliveriesQuery = z.object({
  week: z
    .string()
    .refine((w) => parseIsoWeek(w) !== null, "an ISO week, e.g. 2026-W47")
    .transform((w) => parseIsoWeek(w)!),
  status: z.enum(DELIVERY_STATUSES).optional(),
  // Pages by id: pass the previous answer's `nextAfter`.
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});

export const deliveryRoutes = new Hono<AppEnv>().get("/", requireAdmin, async (c) => {
  const query = DeliveriesQuery.safeParse(c.req.query());
  if (!query.success) {
    const problems = describeIssues(query.error.issues);
    throw new ApiError(400, "invalid_query", `Bad query: ${problems}.`);
  }
  const { week, status, after, limit } = query.data;
  const { rows, counts } = await deliveriesOfWeek(c.var.db, week, {
    afterId: after,
    limit,
    ...(status ? { status } : {}),
  });
  return c.json({
    week,
    // Every delivery of the week, by status (whatever the page and filter).
    counts,
    deliveries: rows.map((r) => ({
      id: r.id,
      subscription: r.subscriptionId,
      channel: r.channel,
      target: r.target,
      status: r.status,
      attempts: r.attempts,
      lastError: r.lastError,
      nextAttemptAt: iso(r.nextAttemptAt),
      sentAt: iso(r.sentAt),
      createdAt: iso(r.createdAt),
    })),
    nextAfter: rows.length === limit ? rows.at(-1)!.id : null,
  });
});
