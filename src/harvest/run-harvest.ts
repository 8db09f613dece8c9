/**
 * One harvest run (the daily cron; docs/harvest.md): for each followed category the latest
 * announcement feed, then for every followed source the API's day windows up to the lagged end,
 * page by page, round-robin, until done or the run's budget is spent. Everything is stored through
 * the StoreBatch it is given (the one ingest path, through the identity writer), and every unit of work leaves an audit row: what arXiv said to
 * expect, what was stored, the gaps left for the next run.
 */
import type { Database } from "../db/client";
import {
  type CursorRow,
  findRunningRun,
  finishRun,
  insertRun,
  loadCursors,
  saveProgress,
} from "../db/queries/harvest";
import type { IngestReport, StoreBatch } from "../identify/record-batch";
import type { ParseResult } from "../ingest/types";
import { apiPageUrl, readApiPage, windowQuery } from "./arxiv-api";
import { RSS_ITEM_CAP, readRssFeed, rssUrl } from "./arxiv-rss";
import { DAY_MS, floorToDay, HOUR_MS, isWeekend, newYorkDay, utcDay, weekdayOf } from "./dates";
import { type HarvestSource, sourcesOf } from "./followed";
import { loadFollowed } from "./followed-store";
import { type Clock, PoliteClient, realClock } from "./polite-client";
import type { HarvestSettings } from "./settings";

/**
 * - `complete`: everything expected was stored; `empty`: the API window has no entries;
 * - `no-announcement`: the feed is empty (weekend or arXiv holiday), said so, never a silent zero;
 * - `up-to-date`: the API windows already reach the lagged end;
 * - `partial`: a window is being paged and continues (this run or the next);
 * - `deferred`: not reached, the run's request or time budget was spent first;
 * - `not-yet-visible`: arXiv announced more entries than it served; retried next run;
 * - `gaps`: read through, but some entries could not be stored (listed in the note);
 * - `failed`: an outage (5xx, timeouts) after every retry, or an unreadable answer: retried next run;
 * - `error`: arXiv refused the query (an API error entry, a 4xx): retried, but needs the admin.
 */
export type CoverageStatus =
  | "complete"
  | "empty"
  | "no-announcement"
  | "up-to-date"
  | "partial"
  | "deferred"
  | "not-yet-visible"
  | "gaps"
  | "failed"
  | "error";

const SETTLED: ReadonlySet<CoverageStatus> = new Set(["complete", "empty", "no-announcement", "up-to-date"]);

export interface StageSummary {
  source: string;
  stage: "rss" | "api";
  unit: string;
  status: CoverageStatus;
  expected: number | null;
  received: number;
  stored: number;
  added: number;
  gaps: number;
  announced?: Record<string, number>;
  verdicts?: Record<string, number>;
  note: string | null;
}

export interface HarvestRunReport {
  runId: string | null;
  status: "complete" | "partial" | "failed" | "skipped";
  requests: number;
  stages: StageSummary[];
  note: string | null;
}

export interface HarvestRunOptions {
  /** The run's time: announcement day, API windows, and the first-seen time of what it stores. */
  now: number;
  trigger: string;
  /** Where harvested records are stored: the same path as POST /api/ingest. */
  storeBatch: StoreBatch;
  fetcher?: typeof fetch;
  clock?: Clock;
}

interface ApiTask {
  source: HarvestSource;
  cursor: CursorRow;
  /** Where this run's first request of an inherited window may start (re-read overlap). */
  inherited: boolean;
  done: boolean;
  worked: boolean;
  received: number;
  verdicts: Record<string, number>;
  problems: string[];
}

/** A cursor's window fields when no window is open. */
const NO_WINDOW = {
  windowFrom: null,
  windowTo: null,
  nextStart: 0,
  windowExpected: null,
  windowStored: 0,
  windowAdded: 0,
  shortAnswers: 0,
} as const satisfies Partial<CursorRow>;

const encoder = new TextEncoder();

function countVerdicts(report: IngestReport, keep: (index: number) => boolean) {
  const verdicts: Record<string, number> = {};
  let stored = 0;
  for (const r of report.records) {
    if (!keep(r.index)) continue;
    verdicts[r.verdict] = (verdicts[r.verdict] ?? 0) + 1;
    if (r.verdict !== "invalid") stored++;
  }
  return { verdicts, stored };
}

function addCounts(into: Record<string, number>, more: Record<string, number>) {
  for (const [k, n] of Object.entries(more)) into[k] = (into[k] ?? 0) + n;
}

function errorSample(parsed: ParseResult, keep: (index: number) => boolean = () => true): string[] {
  return parsed.errors.filter((e) => keep(e.index)).map((e) => e.message);
}

function joinNotes(...notes: (string | null | undefined)[]): string | null {
  const kept = notes.filter((n): n is string => typeof n === "string" && n.length > 0);
  return kept.length > 0 ? kept.join("; ") : null;
}

function problemsNote(problems: string[]): string | null {
  if (problems.length === 0) return null;
  const shown = problems.slice(0, 3).join(" | ");
  return problems.length > 3 ? `${shown} (and ${problems.length - 3} more)` : shown;
}

export async function runHarvest(
  db: Database,
  settings: HarvestSettings,
  options: HarvestRunOptions,
): Promise<HarvestRunReport> {
  const { now } = options;
  const clock = options.clock ?? realClock;
  const startedClock = clock.now();
  // A run still marked running within its budget means another run is under way: leave it alone.
  const running = await findRunningRun(db, now - settings.budgetMs - 5 * 60_000);
  if (running) {
    return {
      runId: null,
      status: "skipped",
      requests: 0,
      stages: [],
      note: `run ${running.id} (started ${new Date(running.startedAt).toISOString()}) is still running`,
    };
  }
  const runId = crypto.randomUUID();
  await insertRun(db, { id: runId, startedAt: now, trigger: options.trigger });
  try {
    return await harvestRun(db, settings, { ...options, clock }, runId, startedClock);
  } catch (err) {
    // A bug or a storage failure: the run is marked failed (not left "running"), then it surfaces.
    const note = `the run stopped: ${err instanceof Error ? err.message : String(err)}`;
    await finishRun(db, runId, {
      status: "failed",
      finishedAt: now + (clock.now() - startedClock),
      note,
    }).catch(() => undefined);
    throw err;
  }
}

async function harvestRun(
  db: Database,
  settings: HarvestSettings,
  options: HarvestRunOptions & { clock: Clock },
  runId: string,
  startedClock: number,
): Promise<HarvestRunReport> {
  const { now, clock } = options;
  const followed = await loadFollowed(db, settings.defaultCategories);
  const sources = sourcesOf(followed);
  const client = new PoliteClient(
    {
      userAgent: settings.userAgent,
      requestIntervalMs: settings.requestIntervalMs,
      timeoutMs: settings.timeoutMs,
      maxAttempts: settings.maxAttempts,
      maxRetryWaitMs: settings.maxRetryWaitMs,
      maxRequests: settings.maxRequests,
      deadline: clock.now() + settings.budgetMs,
    },
    options.fetcher,
    clock,
  );
  const stages = new Map<string, StageSummary>();
  let succeeded = 0;

  const record = async (summary: StageSummary, cursor?: CursorRow) => {
    stages.set(`${summary.source}\u0000${summary.stage}\u0000${summary.unit}`, summary);
    const detail = {
      ...(summary.announced ? { announced: summary.announced } : {}),
      ...(summary.verdicts ? { verdicts: summary.verdicts } : {}),
    };
    await saveProgress(db, {
      ...(cursor ? { cursor: { ...cursor, updatedAt: now } } : {}),
      coverage: {
        runId,
        source: summary.source,
        stage: summary.stage,
        unit: summary.unit,
        status: summary.status,
        expected: summary.expected,
        received: summary.received,
        stored: summary.stored,
        added: summary.added,
        gaps: summary.gaps,
        detail,
        note: summary.note,
        recordedAt: now,
      },
      requests: { runId, count: client.requests },
    });
  };

  // 1. The announcement feeds: one request per category, the day's papers at once.
  for (const source of sources.filter((s) => s.kind === "category")) {
    const base = { source: source.name, stage: "rss" as const, received: 0, stored: 0, added: 0, gaps: 0 };
    const fallbackUnit = `announcement ${newYorkDay(now)}`;
    const answer = await client.get(rssUrl(settings.rssUrl, source.value));
    if (!answer.ok) {
      await record({
        ...base,
        unit: fallbackUnit,
        expected: null,
        status: answer.kind === "budget" ? "deferred" : answer.kind === "refused" ? "error" : "failed",
        note:
          answer.kind === "budget"
            ? `${answer.message}: not asked in this run; the API windows cover the announcement`
            : `${answer.message}; retried next run, and the API windows cover the announcement`,
      });
      continue;
    }
    succeeded++;
    const feed = readRssFeed(answer.text);
    if (feed.kind === "unreadable") {
      await record({ ...base, unit: fallbackUnit, expected: null, status: "failed", note: feed.message });
      continue;
    }
    const day = feed.day ?? newYorkDay(now);
    const unit = `announcement ${day}`;
    if (feed.items === 0) {
      const why = isWeekend(day)
        ? "weekend: arXiv announces nothing on Saturdays and Sundays"
        : "an arXiv holiday, or the feed is not updated yet";
      await record({
        ...base,
        unit,
        expected: 0,
        status: "no-announcement",
        note: `no announcement on ${weekdayOf(day)} ${day} (${why})`,
      });
      continue;
    }
    const { report } = await options.storeBatch(feed.parsed, {
      source: `harvest:${source.name}`,
      bytes: encoder.encode(answer.text).byteLength,
      now,
    });
    const counted = countVerdicts(report, () => true);
    const gaps = Math.max(0, feed.items - counted.stored);
    await record({
      ...base,
      unit,
      expected: feed.items,
      received: feed.items,
      stored: counted.stored,
      added: report.stored,
      gaps,
      status: gaps === 0 ? "complete" : "gaps",
      announced: feed.announced,
      verdicts: counted.verdicts,
      note: joinNotes(
        problemsNote(errorSample(feed.parsed)),
        gaps > 0 ? "the API window of their submission day retries them" : null,
        feed.items >= RSS_ITEM_CAP ? `the feed holds arXiv's maximum of ${RSS_ITEM_CAP} items` : null,
      ),
    });
  }

  // 2. The API windows, one page per source in turn, so no source starves another.
  const laggedEnd = floorToDay(now - settings.apiLagHours * HOUR_MS);
  const cursors = await loadCursors(
    db,
    sources.map((s) => s.name),
  );
  const tasks: ApiTask[] = sources.map((source) => {
    const stored = cursors.get(source.name);
    return {
      source,
      cursor: stored ?? {
        source: source.name,
        coveredUntil: laggedEnd - settings.backfillDays * DAY_MS,
        ...NO_WINDOW,
        updatedAt: now,
      },
      inherited: stored?.windowFrom !== null && stored?.windowFrom !== undefined,
      done: false,
      worked: false,
      received: 0,
      verdicts: {},
      problems: [],
    };
  });

  const windowSummary = (task: ApiTask, status: CoverageStatus, note: string | null): StageSummary => {
    const c = task.cursor;
    const expected = c.windowExpected;
    return {
      source: task.source.name,
      stage: "api",
      unit: `window ${utcDay(c.windowFrom ?? c.coveredUntil)}`,
      status,
      expected,
      received: task.received,
      stored: c.windowStored,
      added: c.windowAdded,
      gaps: expected === null ? 0 : Math.max(0, expected - c.windowStored),
      verdicts: task.verdicts,
      note: joinNotes(note, problemsNote(task.problems)),
    };
  };

  const closeWindow = async (task: ApiTask, status: CoverageStatus, note: string | null) => {
    const summary = windowSummary(task, status, note);
    const c = task.cursor;
    task.cursor = {
      ...c,
      coveredUntil: c.windowTo ?? c.coveredUntil,
      ...NO_WINDOW,
    };
    task.received = 0;
    task.verdicts = {};
    task.problems = [];
    task.inherited = false;
    await record(summary, task.cursor);
  };

  const apiStep = async (task: ApiTask): Promise<void> => {
    let c = task.cursor;
    if (c.windowFrom === null) {
      if (c.coveredUntil >= laggedEnd) {
        task.done = true;
        if (!task.worked) {
          await record({
            source: task.source.name,
            stage: "api",
            unit: `through ${utcDay(c.coveredUntil - DAY_MS)}`,
            status: "up-to-date",
            expected: 0,
            received: 0,
            stored: 0,
            added: 0,
            gaps: 0,
            note: `windows are harvested through ${utcDay(c.coveredUntil - DAY_MS)}; later days wait for the API lag (${settings.apiLagHours} h)`,
          });
        }
        return;
      }
      c = task.cursor = {
        ...c,
        windowFrom: c.coveredUntil,
        windowTo: c.coveredUntil + DAY_MS,
        nextStart: 0,
        windowExpected: null,
        windowStored: 0,
        windowAdded: 0,
        shortAnswers: 0,
      };
    }
    const from = c.windowFrom!;
    const to = c.windowTo!;
    // A window inherited from an earlier run is re-read a little before where it stopped: entries
    // that got a new version since left the window and shifted the rest down.
    const start = task.inherited ? Math.max(0, c.nextStart - settings.resumeOverlap) : c.nextStart;
    const answer = await client.get(
      apiPageUrl(settings.apiUrl, windowQuery(task.source, from, to), start, settings.pageSize),
    );
    if (!answer.ok) {
      // Out of budget: the source stays open; the run's end records where it stopped.
      if (answer.kind === "budget") return;
      task.done = true;
      task.worked = true;
      await record(
        windowSummary(
          task,
          answer.kind === "refused" ? "error" : "failed",
          `${answer.message}; retried next run from entry ${c.nextStart}`,
        ),
        c,
      );
      return;
    }
    task.worked = true;
    succeeded++;
    task.inherited = false;
    const page = readApiPage(answer.text);
    if (page.kind !== "page") {
      task.done = true;
      const status = page.kind === "api-error" ? "error" : "failed";
      const hint =
        page.kind === "api-error"
          ? "arXiv rejects the query: check it in PUT /api/harvest/config"
          : "retried next run";
      await record(windowSummary(task, status, `${page.message}; ${hint}`), c);
      return;
    }
    c = task.cursor = { ...c, windowExpected: page.totalResults };
    task.received += page.entries;
    if (page.entries === 0 && start < page.totalResults) {
      // arXiv announced more than it serves: the entries are not visible yet (or a flaky page).
      const shortAnswers = c.shortAnswers + 1;
      c = task.cursor = { ...c, shortAnswers };
      task.done = true;
      if (shortAnswers >= settings.maxShortAnswers) {
        await closeWindow(
          task,
          "gaps",
          `arXiv announced ${page.totalResults} entries but served none from entry ${start} in ${shortAnswers} runs; given up`,
        );
      } else {
        await record(
          windowSummary(
            task,
            "not-yet-visible",
            `arXiv announced ${page.totalResults} entries but served none from entry ${start}; retried next run`,
          ),
          c,
        );
      }
      return;
    }
    if (page.entries > 0) {
      const fresh = (index: number) => start + index >= c.nextStart;
      const { report } = await options.storeBatch(page.parsed, {
        source: `harvest:${task.source.name}`.slice(0, 200),
        bytes: encoder.encode(answer.text).byteLength,
        now,
      });
      const counted = countVerdicts(report, fresh);
      addCounts(task.verdicts, counted.verdicts);
      task.problems.push(...errorSample(page.parsed, fresh));
      c = task.cursor = {
        ...c,
        windowStored: c.windowStored + counted.stored,
        windowAdded: c.windowAdded + report.stored,
        nextStart: Math.max(c.nextStart, start + page.entries),
        shortAnswers: 0,
      };
    }
    if (c.nextStart >= page.totalResults) {
      const expected = page.totalResults;
      const status: CoverageStatus =
        expected === 0 ? "empty" : c.windowStored >= expected ? "complete" : "gaps";
      const note =
        expected === 0
          ? `no ${task.source.kind === "category" ? task.source.value : "matching"} entries last updated on ${utcDay(from)}`
          : null;
      await closeWindow(task, status, note);
      return;
    }
    await record(windowSummary(task, "partial", `${c.nextStart} of ${page.totalResults} read; continues`), c);
  };

  let budgetLeft = true;
  while (budgetLeft && tasks.some((t) => !t.done)) {
    for (const task of tasks) {
      if (task.done) continue;
      if (!client.hasBudget()) {
        budgetLeft = false;
        break;
      }
      await apiStep(task);
    }
  }
  // Sources the budget cut short, or never reached, are said so; the next run carries on.
  for (const task of tasks.filter((t) => !t.done)) {
    const c = task.cursor;
    const status = c.nextStart > 0 ? "partial" : "deferred";
    const where = c.nextStart > 0 ? `${c.nextStart} of ${c.windowExpected ?? "?"} read` : "not reached";
    await record(
      windowSummary(
        task,
        status,
        `${where}: the run's request or time budget is spent; the next run carries on`,
      ),
      c,
    );
  }

  const summaries = [...stages.values()];
  const unsettled = summaries.filter((s) => !SETTLED.has(s.status));
  const status: HarvestRunReport["status"] =
    unsettled.length === 0 ? "complete" : succeeded === 0 ? "failed" : "partial";
  const note =
    unsettled.length === 0
      ? null
      : problemsNote(unsettled.map((s) => `${s.source} ${s.stage} ${s.unit}: ${s.status}`));
  await finishRun(db, runId, {
    status,
    finishedAt: now + (clock.now() - startedClock),
    requests: client.requests,
    note,
  });
  return { runId, status, requests: client.requests, stages: summaries, note };
}
