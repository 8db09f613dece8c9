import { describe, expect, it } from "vitest";
import type { IngestReport } from "../../../src/db/store-ingest";
import {
  applyOutcome,
  budgetSpentRow,
  nextStep,
  type PageOutcome,
  type PageRequest,
  startTask,
  type WindowTask,
} from "../../../src/harvest/api-window";
import type { HarvestSource } from "../../../src/harvest/followed";
import type { Verdict } from "../../../src/identify/types";

const DAY = 86_400_000;
const NOW = Date.parse("2026-03-12T09:00:00Z");
const LAGGED_END = Date.parse("2026-03-08T00:00:00Z");
const SETTINGS = { apiLagHours: 96, backfillDays: 2, resumeOverlap: 5, maxShortAnswers: 3 };
const SOURCE: HarvestSource = { kind: "category", value: "cs.LG", name: "cs.LG" };

/** A stored page: `verdicts[i]` is the verdict of the page's i-th entry. */
function stored(verdicts: Verdict[], added = verdicts.filter((v) => v === "new").length): PageOutcome {
  const report: IngestReport = {
    batchId: null,
    format: "atom",
    received: verdicts.length,
    stored: added,
    records: verdicts.map((verdict, index) => ({
      index,
      key: null,
      arxivId: null,
      version: null,
      title: null,
      verdict,
    })),
    errors: [],
  };
  const errors = verdicts.flatMap((v, index) =>
    v === "invalid" ? [{ index, message: `entry ${index} unreadable` }] : [],
  );
  return {
    kind: "page",
    totalResults: 0,
    entries: verdicts.length,
    stored: { parsed: { format: "atom", records: [], errors }, report },
  };
}

function page(outcome: PageOutcome, totalResults: number): PageOutcome {
  return outcome.kind === "page" ? { ...outcome, totalResults } : outcome;
}

/** The next request for `task`, which must be a fetch. */
function fetchStep(task: WindowTask): { task: WindowTask; page: PageRequest } {
  const step = nextStep(task, LAGGED_END, SETTINGS);
  if (step.kind !== "fetch") throw new Error("expected a fetch");
  return step;
}

describe("API window stepper", () => {
  it("starts a new source backfillDays before the lagged end and opens its first day window", () => {
    const task = startTask(SOURCE, undefined, LAGGED_END, SETTINGS, NOW);
    expect(task.cursor.coveredUntil).toBe(LAGGED_END - 2 * DAY);
    const step = fetchStep(task);
    expect(step.page).toEqual({ from: LAGGED_END - 2 * DAY, to: LAGGED_END - DAY, start: 0 });
    expect(step.task.cursor).toMatchObject({
      windowFrom: LAGGED_END - 2 * DAY,
      nextStart: 0,
      windowStored: 0,
    });
  });

  it("closes a window read through, moves the cursor a day on and resets the window's counts", () => {
    const { task, page: request } = fetchStep(startTask(SOURCE, undefined, LAGGED_END, SETTINGS, NOW));
    const result = applyOutcome(task, request, page(stored(["new", "new", "duplicate"]), 3), SETTINGS);
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]?.summary).toMatchObject({
      status: "complete",
      unit: "window 2026-03-06",
      expected: 3,
      received: 3,
      stored: 3,
      added: 2,
      gaps: 0,
      verdicts: { new: 2, duplicate: 1 },
    });
    expect(result.task.cursor).toMatchObject({
      coveredUntil: LAGGED_END - DAY,
      windowFrom: null,
      nextStart: 0,
    });
    expect(result.rows[0]?.cursor).toEqual(result.task.cursor);
    expect(result.task).toMatchObject({ done: false, worked: true, received: 0, verdicts: {} });
  });

  it("keeps a window open while pages remain, and reports what is read", () => {
    const { task, page: request } = fetchStep(startTask(SOURCE, undefined, LAGGED_END, SETTINGS, NOW));
    const result = applyOutcome(task, request, page(stored(["new", "new"]), 5), SETTINGS);
    expect(result.rows[0]?.summary).toMatchObject({ status: "partial", note: "2 of 5 read; continues" });
    expect(result.task.cursor).toMatchObject({ nextStart: 2, windowExpected: 5, windowStored: 2 });
    expect(fetchStep(result.task).page.start).toBe(2);
  });

  it("re-reads an inherited window a little early and does not count the overlap twice", () => {
    const cursor = {
      ...startTask(SOURCE, undefined, LAGGED_END, SETTINGS, NOW).cursor,
      windowFrom: LAGGED_END - 2 * DAY,
      windowTo: LAGGED_END - DAY,
      nextStart: 10,
      windowExpected: 12,
      windowStored: 10,
      windowAdded: 10,
    };
    const inherited = startTask(SOURCE, cursor, LAGGED_END, SETTINGS, NOW);
    expect(inherited.inherited).toBe(true);
    const { task, page: request } = fetchStep(inherited);
    expect(request.start).toBe(5);
    // Entries 5..11: 5 of them were counted by the earlier run, 2 are fresh.
    const result = applyOutcome(task, request, page(stored(Array(7).fill("duplicate"), 0), 12), SETTINGS);
    expect(result.rows[0]?.summary).toMatchObject({
      status: "complete",
      stored: 12,
      verdicts: { duplicate: 2 },
    });
  });

  it("reports an invalid entry as a gap with its reason", () => {
    const { task, page: request } = fetchStep(startTask(SOURCE, undefined, LAGGED_END, SETTINGS, NOW));
    const result = applyOutcome(task, request, page(stored(["new", "invalid"]), 2), SETTINGS);
    expect(result.rows[0]?.summary).toMatchObject({ status: "gaps", gaps: 1, note: "entry 1 unreadable" });
  });

  it("waits for entries arXiv announced but does not serve yet, then gives them up", () => {
    let { task, page: request } = fetchStep(startTask(SOURCE, undefined, LAGGED_END, SETTINGS, NOW));
    const empty: PageOutcome = { kind: "page", totalResults: 4, entries: 0, stored: null };
    for (let run = 1; run < SETTINGS.maxShortAnswers; run++) {
      const result = applyOutcome(task, request, empty, SETTINGS);
      expect(result.rows[0]?.summary.status).toBe("not-yet-visible");
      expect(result.task.done).toBe(true);
      ({ task, page: request } = fetchStep({ ...result.task, done: false }));
    }
    const last = applyOutcome(task, request, empty, SETTINGS);
    expect(last.rows[0]?.summary).toMatchObject({ status: "gaps", gaps: 4 });
    expect(last.task.cursor.windowFrom).toBeNull();
  });

  it("says an empty window is empty", () => {
    const { task, page: request } = fetchStep(startTask(SOURCE, undefined, LAGGED_END, SETTINGS, NOW));
    const result = applyOutcome(
      task,
      request,
      { kind: "page", totalResults: 0, entries: 0, stored: null },
      SETTINGS,
    );
    expect(result.rows[0]?.summary).toMatchObject({
      status: "empty",
      note: "no cs.LG entries last updated on 2026-03-06",
    });
  });

  it("stops a source on an outage or a refused query, keeping its window for the next run", () => {
    const { task, page: request } = fetchStep(startTask(SOURCE, undefined, LAGGED_END, SETTINGS, NOW));
    const failed = applyOutcome(task, request, { kind: "failed", refused: false, message: "503" }, SETTINGS);
    expect(failed.rows[0]?.summary).toMatchObject({
      status: "failed",
      note: "503; retried next run from entry 0",
    });
    expect(failed.task.done).toBe(true);
    expect(failed.rows[0]?.cursor?.windowFrom).toBe(LAGGED_END - 2 * DAY);
    const refused = applyOutcome(
      task,
      request,
      { kind: "unreadable", apiError: true, message: "bad query" },
      SETTINGS,
    );
    expect(refused.rows[0]?.summary.status).toBe("error");
  });

  it("leaves a source untouched when the budget is spent, and says so at the end", () => {
    const { task, page: request } = fetchStep(startTask(SOURCE, undefined, LAGGED_END, SETTINGS, NOW));
    const result = applyOutcome(task, request, { kind: "budget" }, SETTINGS);
    expect(result).toEqual({ task, rows: [] });
    expect(budgetSpentRow(result.task).summary).toMatchObject({ status: "deferred" });
  });

  it("is up to date once the windows reach the lagged end (one row, unless it worked this run)", () => {
    const cursor = {
      ...startTask(SOURCE, undefined, LAGGED_END, SETTINGS, NOW).cursor,
      coveredUntil: LAGGED_END,
    };
    const idle = nextStep(startTask(SOURCE, cursor, LAGGED_END, SETTINGS, NOW), LAGGED_END, SETTINGS);
    expect(idle.kind).toBe("done");
    if (idle.kind !== "done") return;
    expect(idle.result.rows.map((r) => r.summary.status)).toEqual(["up-to-date"]);
    const worked = nextStep({ ...idle.result.task, done: false, worked: true }, LAGGED_END, SETTINGS);
    expect(worked.kind === "done" && worked.result.rows).toEqual([]);
  });
});
