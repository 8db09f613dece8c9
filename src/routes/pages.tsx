/**
 * The web pages (docs/contract.md): `/`, `/digests` and `/digests/{week}`, server-rendered HTML.
 * `/digests/{week}` also takes `?theme={id}` or `?list=seen-before` (and `&page={n}`): the parts of
 * the week its bounded page links to (pages/digest-part.ts checks them; 400 or 404 pages, never 5xx).
 */
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
import { parsePartQuery, resolvePart } from "../pages/digest-part";
import { DigestPartPage } from "../pages/digest-part-page";
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
    const url = new URL(c.req.url);
    const query = parsePartQuery(url.searchParams);
    if (!query.ok) return c.html(await errorPage(query.error), query.error.status);
    // One address per week: "2026-w7" → "2026-W07" (with the same theme or list and page).
    if (week !== text) return c.redirect(`/digests/${week}${url.search}`, 301);
    const digest = await loadDigestForWeek(c.var.db, week, now);
    if (digest === null)
      return c.html(await errorPage(unknownWeekPage(week, weekRange(week).start > now)), 404);
    if (query.part === null) return c.html(await htmlDocument(DigestPage({ digest })));
    const part = resolvePart(digest, query.part);
    if (!part.ok) return c.html(await errorPage(part.error), part.error.status);
    return c.html(await htmlDocument(DigestPartPage({ digest, view: part.view })));
  });
