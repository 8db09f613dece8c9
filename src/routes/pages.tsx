import { Hono } from "hono";
import { loadRecentPapers } from "../db/queries/recent-papers";
import type { AppEnv } from "../env";
import { HomePage } from "../render/home-page";

const RECENT_PAPERS = 50;

export const pageRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const recent = await loadRecentPapers(c.var.db, RECENT_PAPERS);
  return c.html(`<!doctype html>${(<HomePage {...recent} />).toString()}`);
});
