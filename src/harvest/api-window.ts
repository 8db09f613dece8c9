/**
 * The API stage's window stepper (pure, docs/harvest.md): each followed source has a cursor that
 * walks day windows of arXiv's lastUpdatedDate up to the lagged end, page by page. Given a task and
 * what one request brought, it returns the task's next state and the audit rows to write; the I/O
 * loop in run-harvest.ts fetches, stores and writes them.
 */
import type { CursorRow } from "../db/queries/harvest";
import type { IngestReport } from "../db/store-ingest";
import { addVerdictCounts, type VerdictCounts } from "../identify/verdict-counts";
import type { ParseResult } from "../ingest/types";
import { DAY_MS, utcDay } from "./dates";
import type { HarvestSource } from "./followed";
import type { HarvestSettings } from "./settings";
import {
  type CoverageStatus,
  countReport,
  errorSample,
  joinNotes,
  problemsNote,
  type StageSummary,
} from "./stage-summary";

export type WindowSettings = Pick<
  HarvestSettings,
  "apiLagHours" | "backfillDays" | "resumeOverlap" | "maxShortAnswers"
>;

export interface WindowTask {
  source: HarvestSource;
  cursor: CursorRow;
  /** Where this run's first request of an inherited window may start (re-read overlap). */
  inherited: boolean;
  /** Nothing more to ask this run (up to date, failed, or waiting for arXiv). */
  done: boolean;
  /** A request for this source was answered this run. */
  worked: boolean;
  /** This run's counts for the open window. */
  received: number;
  verdicts: VerdictCounts;
  problems: string[];
}

/** One audit row, and the cursor to save with it. */
export interface AuditRow {
  summary: StageSummary;
  cursor?: CursorRow;
}

export interface StepResult {
  task: WindowTask;
  rows: AuditRow[];
}

/** A cursor's window fields when no window is open. */
export const NO_WINDOW = {
  windowFrom: null,
  windowTo: null,
  nextStart: 0,
  windowExpected: null,
  windowStored: 0,
  windowAdded: 0,
  shortAnswers: 0,
} as const satisfies Partial<CursorRow>;

/** A source's task at the start of a run: its stored cursor, or a new one `backfillDays` back. */
export function startTask(
  source: HarvestSource,
  stored: CursorRow | undefined,
  laggedEnd: number,
  settings: WindowSettings,
  now: number,
): WindowTask {
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
}

export interface PageRequest {
  from: number;
  to: number;
  /** First entry to ask for. */
  start: number;
}

export type NextStep =
  | { kind: "done"; result: StepResult }
  | { kind: "fetch"; task: WindowTask; page: PageRequest };

/** What to do next for a task: nothing (up to date), or fetch a page of its (possibly new) window. */
export function nextStep(task: WindowTask, laggedEnd: number, settings: WindowSettings): NextStep {
  let c = task.cursor;
  if (c.windowFrom === null) {
    if (c.coveredUntil >= laggedEnd) {
      const through = utcDay(c.coveredUntil - DAY_MS);
      const rows: AuditRow[] = task.worked
        ? []
        : [
            {
              summary: {
                source: task.source.name,
                stage: "api",
                unit: `through ${through}`,
                status: "up-to-date",
                expected: 0,
                received: 0,
                stored: 0,
                added: 0,
                gaps: 0,
                note: `windows are harvested through ${through}; later days wait for the API lag (${settings.apiLagHours} h)`,
              },
            },
          ];
      return { kind: "done", result: { task: { ...task, done: true }, rows } };
    }
    c = {
      ...c,
      ...NO_WINDOW,
      windowFrom: c.coveredUntil,
      windowTo: c.coveredUntil + DAY_MS,
    };
  }
  // A window inherited from an earlier run is re-read a little before where it stopped: entries
  // that got a new version since left the window and shifted the rest down.
  const start = task.inherited ? Math.max(0, c.nextStart - settings.resumeOverlap) : c.nextStart;
  return {
    kind: "fetch",
    task: { ...task, cursor: c },
    page: { from: c.windowFrom ?? c.coveredUntil, to: c.windowTo ?? c.coveredUntil + DAY_MS, start },
  };
}

/** What one page request brought. */
export type PageOutcome =
  /** The run's budget was spent before asking: the source stays open. */
  | { kind: "budget" }
  /** No answer after every retry (`refused`: a 4xx). */
  | { kind: "failed"; refused: boolean; message: string }
  /** An answer that is not a page (`apiError`: arXiv's error entry for a bad query). */
  | { kind: "unreadable"; apiError: boolean; message: string }
  /** A page; `stored` is what ingesting its entries gave (null when it had none). */
  | {
      kind: "page";
      totalResults: number;
      entries: number;
      stored: { parsed: ParseResult; report: IngestReport } | null;
    };

export function windowSummary(task: WindowTask, status: CoverageStatus, note: string | null): StageSummary {
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
}

/** Ends the open window: its audit row, and the cursor moved past it. */
function closeWindow(task: WindowTask, status: CoverageStatus, note: string | null): StepResult {
  const summary = windowSummary(task, status, note);
  const c = task.cursor;
  const cursor = { ...c, coveredUntil: c.windowTo ?? c.coveredUntil, ...NO_WINDOW };
  return {
    task: { ...task, cursor, received: 0, verdicts: {}, problems: [], inherited: false },
    rows: [{ summary, cursor }],
  };
}

/** One row for the open window, saved with its cursor. */
function windowRow(task: WindowTask, status: CoverageStatus, note: string): StepResult {
  return { task, rows: [{ summary: windowSummary(task, status, note), cursor: task.cursor }] };
}

/** The task after one page request (`task` and `page` are nextStep's). */
export function applyOutcome(
  task: WindowTask,
  page: PageRequest,
  outcome: PageOutcome,
  settings: WindowSettings,
): StepResult {
  if (outcome.kind === "budget") return { task, rows: [] };
  if (outcome.kind === "failed") {
    return windowRow(
      { ...task, done: true, worked: true },
      outcome.refused ? "error" : "failed",
      `${outcome.message}; retried next run from entry ${task.cursor.nextStart}`,
    );
  }
  const answered = { ...task, worked: true, inherited: false };
  if (outcome.kind === "unreadable") {
    const hint = outcome.apiError
      ? "arXiv rejects the query: check it in PUT /api/harvest/config"
      : "retried next run";
    return windowRow(
      { ...answered, done: true },
      outcome.apiError ? "error" : "failed",
      `${outcome.message}; ${hint}`,
    );
  }

  const { totalResults, entries } = outcome;
  let t: WindowTask = {
    ...answered,
    cursor: { ...answered.cursor, windowExpected: totalResults },
    received: answered.received + entries,
  };
  if (entries === 0 && page.start < totalResults) {
    // arXiv announced more than it serves: the entries are not visible yet (or a flaky page).
    const shortAnswers = t.cursor.shortAnswers + 1;
    t = { ...t, done: true, cursor: { ...t.cursor, shortAnswers } };
    if (shortAnswers >= settings.maxShortAnswers) {
      return closeWindow(
        t,
        "gaps",
        `arXiv announced ${totalResults} entries but served none from entry ${page.start} in ${shortAnswers} runs; given up`,
      );
    }
    return windowRow(
      t,
      "not-yet-visible",
      `arXiv announced ${totalResults} entries but served none from entry ${page.start}; retried next run`,
    );
  }
  if (outcome.stored !== null) {
    // Entries before nextStart were counted by an earlier request (the re-read overlap).
    const fresh = (index: number) => page.start + index >= t.cursor.nextStart;
    const counted = countReport(outcome.stored.report, fresh);
    t = {
      ...t,
      verdicts: addVerdictCounts(t.verdicts, counted.verdicts),
      problems: [...t.problems, ...errorSample(outcome.stored.parsed, fresh)],
      cursor: {
        ...t.cursor,
        windowStored: t.cursor.windowStored + counted.stored,
        windowAdded: t.cursor.windowAdded + outcome.stored.report.stored,
        nextStart: Math.max(t.cursor.nextStart, page.start + entries),
        shortAnswers: 0,
      },
    };
  }
  if (t.cursor.nextStart >= totalResults) {
    const status: CoverageStatus =
      totalResults === 0 ? "empty" : t.cursor.windowStored >= totalResults ? "complete" : "gaps";
    const note =
      totalResults === 0
        ? `no ${t.source.kind === "category" ? t.source.value : "matching"} entries last updated on ${utcDay(page.from)}`
        : null;
    return closeWindow(t, status, note);
  }
  return windowRow(t, "partial", `${t.cursor.nextStart} of ${totalResults} read; continues`);
}

/** The row for a source the run's budget cut short or never reached; the next run carries on. */
export function budgetSpentRow(task: WindowTask): AuditRow {
  const c = task.cursor;
  const status = c.nextStart > 0 ? "partial" : "deferred";
  const where = c.nextStart > 0 ? `${c.nextStart} of ${c.windowExpected ?? "?"} read` : "not reached";
  return {
    summary: windowSummary(
      task,
      status,
      `${where}: the run's request or time budget is spent; the next run carries on`,
    ),
    cursor: c,
  };
}
