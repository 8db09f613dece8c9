/** Dates as arXiv counts them: announcement days in New York time, API ranges to the minute in GMT. */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export function floorToDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** `YYYY-MM-DD` (UTC) of a time. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** arXiv's `submittedDate`/`lastUpdatedDate` range syntax: `YYYYMMDDHHMM` in GMT. */
export function arxivMinute(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:T]/g, "").slice(0, 12);
}

const NEW_YORK = new Intl.DateTimeFormat("en-CA", {
  timeZone: "America/New_York",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The calendar day in New York (arXiv's clock: feeds change at midnight Eastern time). */
export function newYorkDay(ms: number): string {
  const parts = Object.fromEntries(NEW_YORK.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

/** The weekday of a `YYYY-MM-DD` day. */
export function weekdayOf(day: string): (typeof WEEKDAYS)[number] {
  return WEEKDAYS[new Date(`${day}T12:00:00Z`).getUTCDay()]!;
}

export function isWeekend(day: string): boolean {
  const weekday = weekdayOf(day);
  return weekday === "Saturday" || weekday === "Sunday";
}

/**
 * The announcement day of an RSS channel's `pubDate` (`Tue, 16 Jan 2024 00:00:00 -0500`): the date
 * as written, in the feed's own offset (midnight New York), or null when there is none.
 */
export function announcementDay(pubDate: string | null): string | null {
  if (pubDate === null) return null;
  const m = /(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{4})/.exec(pubDate);
  if (!m) {
    const ms = Date.parse(pubDate);
    return Number.isNaN(ms) ? null : newYorkDay(ms);
  }
  const month = MONTHS.indexOf(m[2]!.toLowerCase()) + 1;
  if (month === 0) return null;
  return `${m[3]}-${String(month).padStart(2, "0")}-${m[1]!.padStart(2, "0")}`;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
