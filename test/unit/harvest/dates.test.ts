import { describe, expect, it } from "vitest";
import {
  announcementDay,
  arxivMinute,
  floorToDay,
  isWeekend,
  newYorkDay,
  weekdayOf,
} from "../../../src/harvest/dates";

describe("harvest dates", () => {
  it("writes arXiv's range syntax in GMT to the minute", () => {
    expect(arxivMinute(Date.parse("2024-01-15T00:00:00Z"))).toBe("202401150000");
    expect(arxivMinute(Date.parse("2024-01-15T23:59:59Z"))).toBe("202401152359");
  });

  it("floors to UTC days", () => {
    expect(floorToDay(Date.parse("2024-01-16T09:00:00Z"))).toBe(Date.parse("2024-01-16T00:00:00Z"));
  });

  it("tells the New York day, in winter and summer time", () => {
    expect(newYorkDay(Date.parse("2024-01-16T04:59:00Z"))).toBe("2024-01-15");
    expect(newYorkDay(Date.parse("2024-01-16T05:00:00Z"))).toBe("2024-01-16");
    expect(newYorkDay(Date.parse("2024-07-16T03:59:00Z"))).toBe("2024-07-15");
    expect(newYorkDay(Date.parse("2024-07-16T04:00:00Z"))).toBe("2024-07-16");
  });

  it("reads an RSS channel's announcement day as written", () => {
    expect(announcementDay("Tue, 16 Jan 2024 00:00:00 -0500")).toBe("2024-01-16");
    expect(announcementDay("Wed, 31 Dec 2025 00:00:00 -0500")).toBe("2025-12-31");
    expect(announcementDay("Mon, 1 Jul 2024 00:00:00 -0400")).toBe("2024-07-01");
    expect(announcementDay("2024-01-16T05:00:00Z")).toBe("2024-01-16");
    expect(announcementDay("never")).toBeNull();
    expect(announcementDay(null)).toBeNull();
  });

  it("knows weekends", () => {
    expect(weekdayOf("2024-01-20")).toBe("Saturday");
    expect(isWeekend("2024-01-20")).toBe(true);
    expect(isWeekend("2024-01-21")).toBe(true);
    expect(isWeekend("2024-01-22")).toBe(false);
    expect(isWeekend("2025-12-31")).toBe(false);
  });
});
