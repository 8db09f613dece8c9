/** The web pages (docs/contract.md): `/`, `/digests` and `/digests/{week}`, server-rendered HTML. */
import { Hono } from "hono";
import {
  isoWeekOf,
  loadArchive,
  loadDigestForWeek,
  loadLatestWithPreview,
  loadThemeHistory,
  parseIsoWeek,
  weekRange,
} from "../digest";
import type { AppEnv } from "../env";
import { harvestPageData } from "../harvest/audit";
import { ArchivePage } from "../pages/archive-page";
import { DigestPage } from "../pages/digest-page";
import { badWeekPage, ErrorPage, type ErrorPageProps, unknownWeekPage } from "../pages/error-page";
import { HomePage } from "../pages/home-page";
import { htmlDocument } from "../pages/layout";

const errorPage = async (props: ErrorPageProps) => htmlDocument(ErrorPage(props));

export const pageRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const now = Date.now();
    // The current week's preview is built once and reused by the chart.
    const { latest: digest, preview } = await loadLatestWithPreview(c.var.db, now);
    const [history, harvest] = await Promise.all([
      loadThemeHistory(c.var.db, now, undefined, preview),
      harvestPageData(c.var.db, c.var.config.harvest),
    ]);
    return c.html(await htmlDocument(HomePage({ digest, history, harvest })));
  })
  .get("/digests", async (c) => {
    const entries = await loadArchive(c.var.db, Date.now());
    return c.html(await htmlDocument(ArchivePage({ entries })));
  })
  .get("/digests/:week", async (c) => {
    const now = Date.now();
    const text = c.req.param("week");
    const week = parseIsoWeek(text);
    if (week === null) return c.html(await errorPage(badWeekPage(text, isoWeekOf(now))), 400);
    // One address per week: "2026-w7" → "2026-W07".
    if (week !== text) return c.redirect(`/digests/${week}`, 301);
    const digest = await loadDigestForWeek(c.var.db, week, now);
    if (digest === null)
      return c.html(await errorPage(unknownWeekPage(week, weekRange(week).start > now)), 404);
    return c.html(await htmlDocument(DigestPage({ digest })));
  });
