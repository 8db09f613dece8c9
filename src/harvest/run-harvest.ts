/**
 * One harvest run (the daily cron; docs/harvest.md): for each followed category the latest
 * announcement feed (feed-stage.ts), then for every followed source the API's day windows up to
 * the lagged end, page by page, round-robin, until done or the run's budget is spent (the window
 * stepper, api-window.ts, is pure; this file is its I/O loop). Everything is stored through the
 * StoreIngest it is given (the one ingest path, through the identity writer), and every unit of work
 * leaves an audit row: what arXiv said to expect, what was stored, the gaps left for the next run.
 */
import type { Database } from "../db/client";
import { findRunningRun, finishRun, insertRun, loadCursors, saveProgress } from "../db/queries/harvest";
import type { StoreIngest } from "../db/store-ingest";
import {
  type AuditRow,
  applyOutcome,
  budgetSpentRow,
  nextStep,
  type PageOutcome,
  startTask,
  type WindowTask,
} from "./api-window";
import { apiPageUrl, readApiPage, windowQuery } from "./arxiv-api";
import { floorToDay, HOUR_MS } from "./dates";
import { harvestFeeds } from "./feed-stage";
import { sourcesOf } from "./followed";
import { loadFollowed } from "./followed-store";
import { type Clock, PoliteClient, realClock } from "./polite-client";
import type { HarvestSettings } from "./settings";
import { problemsNote, SETTLED, type StageSummary } from "./stage-summary";

export type { CoverageStatus, StageSummary } from "./stage-summary";

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
  storeIngest: StoreIngest;
  fetcher?: typeof fetch;
  clock?: Clock;
}

const encoder = new TextEncoder();

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

  const record = async ({ summary, cursor }: AuditRow) => {
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
  let answered = await harvestFeeds(sources, {
    client,
    settings,
    storeIngest: options.storeIngest,
    now,
    record: (summary) => record({ summary }),
  });

  // 2. The API windows, one page per source in turn, so no source starves another.
  const laggedEnd = floorToDay(now - settings.apiLagHours * HOUR_MS);
  const cursors = await loadCursors(
    db,
    sources.map((s) => s.name),
  );
  const tasks = sources.map((source) =>
    startTask(source, cursors.get(source.name), laggedEnd, settings, now),
  );

  /** One request for the task's window; returns the task as it stands after it. */
  const apiStep = async (task: WindowTask): Promise<WindowTask> => {
    const step = nextStep(task, laggedEnd, settings);
    if (step.kind === "done") {
      for (const row of step.result.rows) await record(row);
      return step.result.task;
    }
    const { from, to, start } = step.page;
    const answer = await client.get(
      apiPageUrl(settings.apiUrl, windowQuery(step.task.source, from, to), start, settings.pageSize),
    );
    let outcome: PageOutcome;
    if (!answer.ok) {
      outcome =
        answer.kind === "budget"
          ? { kind: "budget" }
          : { kind: "failed", refused: answer.kind === "refused", message: answer.message };
    } else {
      answered++;
      const page = readApiPage(answer.text);
      if (page.kind !== "page") {
        outcome = { kind: "unreadable", apiError: page.kind === "api-error", message: page.message };
      } else {
        const stored =
          page.entries > 0
            ? {
                parsed: page.parsed,
                report: (
                  await options.storeIngest(page.parsed, {
                    source: `harvest:${step.task.source.name}`.slice(0, 200),
                    bytes: encoder.encode(answer.text).byteLength,
                    now,
                  })
                ).report,
              }
            : null;
        outcome = { kind: "page", totalResults: page.totalResults, entries: page.entries, stored };
      }
    }
    const result = applyOutcome(step.task, step.page, outcome, settings);
    for (const row of result.rows) await record(row);
    return result.task;
  };

  let budgetLeft = true;
  while (budgetLeft && tasks.some((t) => !t.done)) {
    for (const [i, task] of tasks.entries()) {
      if (task.done) continue;
      if (!client.hasBudget()) {
        budgetLeft = false;
        break;
      }
      tasks[i] = await apiStep(task);
    }
  }
  // Sources the budget cut short, or never reached, are said so; the next run carries on.
  for (const task of tasks.filter((t) => !t.done)) await record(budgetSpentRow(task));

  const summaries = [...stages.values()];
  const unsettled = summaries.filter((s) => !SETTLED.has(s.status));
  const status: HarvestRunReport["status"] =
    unsettled.length === 0 ? "complete" : answered === 0 ? "failed" : "partial";
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
