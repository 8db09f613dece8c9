import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../env";
import { ApiError } from "../../errors";
import { harvestOverview } from "../../harvest";
import { requireAdmin } from "../middleware";

const Limit = z.coerce.number().int().min(1).max(100).default(20);

/** GET /api/harvests (admin): runs with, per category, what was expected and stored; open gaps. */
export const harvestRoutes = new Hono<AppEnv>().get("/", requireAdmin, async (c) => {
  const limit = Limit.safeParse(c.req.query("limit"));
  if (!limit.success)
    throw new ApiError(400, "invalid_limit", "`limit` must be a whole number from 1 to 100.");
  return c.json(await harvestOverview(c.var.db, c.var.config.harvest, limit.data));
});
