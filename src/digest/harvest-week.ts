/**
 * The digest's "Harvest" line: a week's runs and, per followed source, what arXiv said to expect,
 * what was stored and the gaps still open. A unit of work (an announcement day, an API day window)
 * that several runs touched counts once, as its latest run left it: a gap retried and filled by a
 * later run is no longer a gap.
 */
import type { HarvestStats } from "./types";

export interface CoverageFigures {
  source: string;
  stage: string;
  unit: string;
  status: string;
  expected: number | null;
  stored: number;
  gaps: number;
  recordedAt: number;
}

const FAILED = new Set(["failed", "error"]);

/** Latest row per (source, stage, unit); rows may come in any order. */
export function latestPerUnit<T extends CoverageFigures>(rows: readonly T[]): T[] {
  const latest = new Map<string, T>();
  for (const row of rows) {
    const key = `${row.source}\u0000${row.stage}\u0000${row.unit}`;
    const seen = latest.get(key);
    if (!seen || row.recordedAt >= seen.recordedAt) latest.set(key, row);
  }
  return [...latest.values()];
}

export function summariseHarvestWeek(
  rows: readonly CoverageFigures[],
  runs: number,
): HarvestStats | undefined {
  if (runs === 0 && rows.length === 0) return undefined;
  const bySource = new Map<string, HarvestStats["categories"][number]>();
  for (const row of latestPerUnit(rows)) {
    const line = bySource.get(row.source) ?? {
      category: row.source,
      expected: 0,
      stored: 0,
      gaps: 0,
      failed: 0,
    };
    line.expected += row.expected ?? 0;
    line.stored += row.stored;
    line.gaps += row.gaps;
    if (FAILED.has(row.status)) line.failed += 1;
    bySource.set(row.source, line);
  }
  return {
    runs,
    categories: [...bySource.values()].sort((a, b) => (a.category < b.category ? -1 : 1)),
  };
}
