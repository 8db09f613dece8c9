import { describe, expect, it } from "vitest";
import { authorLine, count, formatDateTime, formatWeekDays, signed } from "../../../src/pages/format";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("page formatting", () => {
  it("names a week's days within a month, across months and across years", () => {
    expect(formatWeekDays(day("2026-02-09"), day("2026-02-16"))).toBe("9–15 February 2026");
    expect(formatWeekDays(day("2026-02-23"), day("2026-03-02"))).toBe("23 February – 1 March 2026");
    expect(formatWeekDays(day("2025-12-29"), day("2026-01-05"))).toBe("29 December 2025 – 4 January 2026");
  });

  it("writes times in UTC, counts with their noun, signed changes and author lines", () => {
    expect(formatDateTime(new Date("2026-02-16T08:00:03Z"))).toBe("16 February 2026, 08:00 UTC");
    expect(count(1, "paper")).toBe("1 paper");
    expect(count(0, "paper")).toBe("0 papers");
    expect([signed(3), signed(-2), signed(0)]).toEqual(["+3", "\u22122", "\u00b10"]);
    expect(authorLine([])).toBeNull();
    expect(authorLine(["A", "B"])).toBe("A, B");
    expect(authorLine(["A", "B", "C", "D"])).toBe("A, B, C et al.");
  });
});
