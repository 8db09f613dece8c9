import { Hono } from "hono";
import { publishAndFanOut } from "../../deliver/publish-and-fan-out";
import {
  isoWeekOf,
  loadArchive,
  loadDigestForWeek,
  loadLatestDigest,
  parseIsoWeek,
  weekRange,
} from "../../digest";
import type { AppEnv } from "../../env";
import { ApiError } from "../../errors";
import { requireAdmin } from "../middleware";

export const digestRoutes = new Hono<AppEnv>()
  .get("/", async (c) => c.json({ digests: await loadArchive(c.var.db, Date.now()) }))
  .get("/latest", async (c) => c.json(await loadLatestDigest(c.var.db, Date.now())))
  // What the weekly cron does: publish every finished week that has no digest yet, deliver; idempotent.
  .post("/publish", requireAdmin, async (c) =>
    c.json(await publishAndFanOut(c.var.db, c.env.DELIVERY_QUEUE, Date.now())),
  )
  .get("/:week", async (c) => {
    const raw = c.req.param("week");
    const week = parseIsoWeek(raw);
    if (week === null) {
      throw new ApiError(
        400,
        "invalid_week",
        `"${raw.slice(0, 40)}" is not an ISO week; write it like ${isoWeekOf(Date.now())}.`,
      );
    }
    const now = Date.now();
    const digest = await loadDigestForWeek(c.var.db, week, now);
    if (digest === null) {
      const message =
        weekRange(week).start > now
          ? `${week} has not started yet.`
          : `There is no digest for ${week}: the bot saw nothing that week, or its digest is published on the Monday after it ends.`;
      throw new ApiError(404, "digest_not_found", message);
    }
    return c.json(digest);
  });
