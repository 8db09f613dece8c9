/**
 * What each unit of a harvest run reports (one audit row in `harvest_coverage`), and the small
 * helpers both stages use to fill it from an ingest report.
 */
import type { IngestReport } from "../db/store-ingest";
import { countedRecords, countVerdicts, type VerdictCounts } from "../identify/verdict-counts";
import type { ParseResult } from "../ingest/types";

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

export const SETTLED: ReadonlySet<CoverageStatus> = new Set([
  "complete",
  "empty",
  "no-announcement",
  "up-to-date",
]);

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
  verdicts?: VerdictCounts;
  note: string | null;
}

/** Verdicts of the records `keep` selects, and how many of them were stored (not `invalid`). */
export function countReport(report: IngestReport, keep: (index: number) => boolean) {
  const verdicts = countVerdicts(report.records.filter((r) => keep(r.index)));
  return { verdicts, stored: countedRecords(verdicts) - (verdicts.invalid ?? 0) };
}

export function errorSample(parsed: ParseResult, keep: (index: number) => boolean = () => true): string[] {
  return parsed.errors.filter((e) => keep(e.index)).map((e) => e.message);
}

export function joinNotes(...notes: (string | null | undefined)[]): string | null {
  const kept = notes.filter((n): n is string => typeof n === "string" && n.length > 0);
  return kept.length > 0 ? kept.join("; ") : null;
}

export function problemsNote(problems: string[]): string | null {
  if (problems.length === 0) return null;
  const shown = problems.slice(0, 3).join(" | ");
  return problems.length > 3 ? `${shown} (and ${problems.length - 3} more)` : shown;
}
