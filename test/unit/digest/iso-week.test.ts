import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoWeekOf, parseIsoWeek, shiftWeek, weekRange, weeksBetween } from "../../../src/digest/iso-week";

const at = (iso: string) => Date.parse(iso);

describe("ISO weeks", () => {
  it("matches known calendar weeks, including year boundaries", () => {
    // Values checked against `date -u +%G-W%V`.
    expect(isoWeekOf(at("2026-11-22T12:00:00Z"))).toBe("2026-W47");
    expect(isoWeekOf(at("2026-11-23T00:00:00Z"))).toBe("2026-W48");
    expect(isoWeekOf(at("2026-11-22T23:59:59.999Z"))).toBe("2026-W47");
    expect(isoWeekOf(at("2021-01-03T00:00:00Z"))).toBe("2020-W53");
    expect(isoWeekOf(at("2024-12-30T00:00:00Z"))).toBe("2025-W01");
    expect(isoWeekOf(at("2027-01-01T00:00:00Z"))).toBe("2026-W53");
    expect(isoWeekOf(at("1969-12-31T00:00:00Z"))).toBe("1970-W01");
  });

  it("gives Monday-to-Monday ranges", () => {
    const { start, end } = weekRange("2026-W47");
    expect(new Date(start).toISOString()).toBe("2026-11-16T00:00:00.000Z");
    expect(new Date(end).toISOString()).toBe("2026-11-23T00:00:00.000Z");
  });

  it("parses loose spellings and refuses weeks that do not exist", () => {
    expect(parseIsoWeek("2026-W7")).toBe("2026-W07");
    expect(parseIsoWeek("2026w47")).toBe("2026-W47");
    expect(parseIsoWeek("2020-W53")).toBe("2020-W53");
    expect(parseIsoWeek("2025-W53")).toBeNull();
    expect(parseIsoWeek("2026-W00")).toBeNull();
    expect(parseIsoWeek("2026-47")).toBeNull();
    expect(parseIsoWeek("latest")).toBeNull();
  });

  it("round-trips every instant and steps week by week", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (ms) => {
        const week = isoWeekOf(ms);
        const { start, end } = weekRange(week);
        expect(ms).toBeGreaterThanOrEqual(start);
        expect(ms).toBeLessThan(end);
        expect(parseIsoWeek(week)).toBe(week);
        expect(shiftWeek(shiftWeek(week, 1), -1)).toBe(week);
      }),
    );
    expect(weeksBetween("2020-W52", "2021-W02")).toEqual(["2020-W52", "2020-W53", "2021-W01", "2021-W02"]);
    expect(weeksBetween("2021-W02", "2021-W01")).toEqual([]);
  });
});
