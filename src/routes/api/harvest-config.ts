import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { ApiError, describeIssues } from "../../errors";
import { FollowedBody, loadFollowed, saveFollowed } from "../../harvest";
import { requireAdmin } from "../middleware";

/** GET / PUT /api/harvest/config (admin): the followed arXiv categories and queries, replaced whole. */
export const harvestConfigRoutes = new Hono<AppEnv>()
  .get("/", requireAdmin, async (c) =>
    c.json(await loadFollowed(c.var.db, c.var.config.harvest.defaultCategories)),
  )
  .put("/", requireAdmin, async (c) => {
    const body = FollowedBody.safeParse(await c.req.json().catch(() => null));
    if (!body.success) {
      const problems = describeIssues(body.error.issues);
      throw new ApiError(
        400,
        "invalid_harvest_config",
        `The harvest configuration is not valid: ${problems}.`,
      );
    }
    return c.json(
      await saveFollowed(c.var.db, body.data, Date.now(), c.var.config.harvest.defaultCategories),
    );
  });
