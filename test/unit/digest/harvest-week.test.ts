import { describe, expect, it } from "vitest";
import { type CoverageFigures, summariseHarvestWeek } from "../../../src/digest/harvest-week";

const row = (over: Partial<CoverageFigures>): CoverageFigures => ({
  source: "cs.LG",
  stage: "rss",
  unit: "announcement 2024-01-16",
  status: "complete",
  expected: 10,
  stored: 10,
  gaps: 0,
  recordedAt: 1,
  ...over,
});

describe("the digest's harvest line", () => {
  it("is absent when nothing ran", () => {
    expect(summariseHarvestWeek([], 0)).toBeUndefined();
  });

  it("counts each unit once, as its latest run left it: a gap filled later is no gap", () => {
    const stats = summariseHarvestWeek(
      [
        row({
          stage: "api",
          unit: "window 2024-01-11",
          status: "partial",
          expected: 60,
          stored: 25,
          gaps: 35,
          recordedAt: 1,
        }),
        row({
          stage: "api",
          unit: "window 2024-01-11",
          status: "complete",
          expected: 60,
          stored: 60,
          gaps: 0,
          recordedAt: 2,
        }),
        row({ recordedAt: 1 }),
        row({ recordedAt: 2 }),
        row({
          unit: "announcement 2024-01-20",
          status: "no-announcement",
          expected: 0,
          stored: 0,
          recordedAt: 5,
        }),
      ],
      3,
    );
    expect(stats).toEqual({
      runs: 3,
      categories: [{ category: "cs.LG", expected: 70, stored: 70, gaps: 0, failed: 0 }],
    });
  });

  it("keeps open gaps and failed fetches, per category, sorted", () => {
    const stats = summariseHarvestWeek(
      [
        row({
          source: "cs.IR",
          stage: "api",
          unit: "window 2024-01-12",
          status: "failed",
          expected: null,
          stored: 0,
        }),
        row({ source: "cs.LG", status: "gaps", expected: 10, stored: 8, gaps: 2 }),
        row({
          source: "query:all:testing",
          stage: "api",
          unit: "window 2024-01-12",
          status: "error",
          expected: null,
          stored: 0,
        }),
      ],
      1,
    );
    expect(stats?.categories).toEqual([
      { category: "cs.IR", expected: 0, stored: 0, gaps: 0, failed: 1 },
      { category: "cs.LG", expected: 10, stored: 8, gaps: 2, failed: 0 },
      { category: "query:all:testing", expected: 0, stored: 0, gaps: 0, failed: 1 },
    ]);
  });
});
