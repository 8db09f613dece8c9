/**
 * What the admin sees of the harvest (`GET /api/harvests`) and what the web page shows: the followed
 * sources, the latest runs with their coverage rows, the gaps still open and where each source's
 * API harvest stands.
 */
import type { Database } from "../db/client";
import { type CoverageRow, coverageBetween, loadAllCursors, loadRecentRuns } from "../db/queries/harvest";
import { latestPerUnit } from "../digest/harvest-week";
import { DAY_MS, utcDay } from "./dates";
import { type FollowedConfig, loadFollowed } from "./followed-store";
import type { HarvestSettings } from "./settings";

const SETTLED = new Set(["complete", "empty", "no-announcement", "up-to-date"]);
/** Open gaps are looked for in the two weeks before the latest run. */
const GAP_LOOKBACK_MS = 14 * DAY_MS;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function coverageView(row: CoverageRow) {
  return {
    category: row.source,
    stage: row.stage,
    unit: row.unit,
    status: row.status,
    expected: row.expected,
    received: row.received,
    stored: row.stored,
    added: row.added,
    gaps: row.gaps,
    ...(row.detail.announced ? { announced: row.detail.announced } : {}),
    ...(row.detail.verdicts ? { verdicts: row.detail.verdicts } : {}),
    note: row.note,
  };
}

export async function harvestOverview(db: Database, settings: HarvestSettings, limit: number) {
  const [followed, runs, cursors] = await Promise.all([
    loadFollowed(db, settings.defaultCategories),
    loadRecentRuns(db, limit),
    loadAllCursors(db),
  ]);
  const latest = runs[0];
  const recent = latest
    ? await coverageBetween(db, latest.startedAt - GAP_LOOKBACK_MS, latest.startedAt + 1)
    : [];
  // A unit is open when the latest run that touched it left it unsettled.
  const openGaps = latestPerUnit(recent)
    .filter((row) => !SETTLED.has(row.status))
    .map((row) => ({ ...coverageView(row), lastTried: iso(row.recordedAt), runId: row.runId }));
  const interruptedBefore = (latest?.startedAt ?? 0) - settings.budgetMs - 5 * 60_000;

  return {
    followed: followedView(followed),
    runs: runs.map((run) => {
      const totals = { expected: 0, stored: 0, gaps: 0 };
      for (const row of run.coverage) {
        totals.expected += row.expected ?? 0;
        totals.stored += row.stored;
        totals.gaps += row.gaps;
      }
      const interrupted = run.status === "running" && (run.startedAt < interruptedBefore || run !== latest);
      return {
        id: run.id,
        trigger: run.trigger,
        status: interrupted ? "interrupted" : run.status,
        startedAt: iso(run.startedAt),
        finishedAt: iso(run.finishedAt),
        requests: run.requests,
        note: run.note,
        totals,
        coverage: run.coverage.map(coverageView),
      };
    }),
    openGaps,
    cursors: cursors.map((c) => ({
      category: c.source,
      harvestedThrough: utcDay(c.coveredUntil - DAY_MS),
      openWindow:
        c.windowFrom === null
          ? null
          : {
              day: utcDay(c.windowFrom),
              nextStart: c.nextStart,
              expected: c.windowExpected,
              stored: c.windowStored,
            },
    })),
  };
}

function followedView(followed: FollowedConfig) {
  return {
    categories: followed.categories,
    queries: followed.queries,
    origin: followed.origin,
    updatedAt: followed.updatedAt,
  };
}

/** For the web page: what is followed, and how the last run went (render it as one short section). */
export async function harvestPageData(db: Database, settings: HarvestSettings) {
  const [followed, runs] = await Promise.all([
    loadFollowed(db, settings.defaultCategories),
    loadRecentRuns(db, 1),
  ]);
  const last = runs[0];
  return {
    categories: followed.categories,
    queries: followed.queries,
    lastRun: last
      ? {
          at: new Date(last.startedAt).toISOString(),
          status: last.status,
          stored: last.coverage.reduce((n, r) => n + r.stored, 0),
          gaps: last.coverage.reduce((n, r) => n + r.gaps, 0),
        }
      : null,
  };
}
