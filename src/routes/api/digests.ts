import { Hono } from "hono";
import { publishAndFanOut } from "../../deliver/publish-and-fan-out";
import { loadArchive, loadLatestDigest } from "../../digest";
import type { AppEnv } from "../../env";
import { requireAdmin } from "../middleware";
import { digestOrNotFound, weekParam } from "../week-param";

export const digestRoutes = new Hono<AppEnv>()
  .get("/", async (c) => c.json({ digests: await loadArchive(c.var.db, Date.now()) }))
  .get("/latest", async (c) => c.json(await loadLatestDigest(c.var.db, Date.now())))
  // What the weekly cron does: publish every finished week that has no digest yet, deliver; idempotent.
  .post("/publish", requireAdmin, async (c) =>
    c.json(await publishAndFanOut(c.var.db, c.env.DELIVERY_QUEUE, Date.now())),
  )
  .get("/:week", async (c) => {
    const now = Date.now();
    return c.json(await digestOrNotFound(c.var.db, weekParam(c.req.param("week"), now), now));
  });
