import { Hono } from "hono";
import { z } from "zod";
import { deliveriesOfWeek } from "../../db/queries/deliveries";
import { parseIsoWeek } from "../../digest";
import type { AppEnv } from "../../env";
import { ApiError } from "../../errors";
import { requireAdmin } from "../middleware";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export const deliveryRoutes = new Hono<AppEnv>().get("/", requireAdmin, async (c) => {
  const week = parseIsoWeek(z.string().catch("").parse(c.req.query("week")));
  if (week === null) throw new ApiError(400, "invalid_week", "Give `?week=` as an ISO week, e.g. 2026-W47.");
  const rows = await deliveriesOfWeek(c.var.db, week);
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return c.json({
    week,
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
  });
});
