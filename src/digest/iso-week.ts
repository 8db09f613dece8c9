/**
 * ISO 8601 weeks in UTC ("2026-W47": Monday 00:00 to the next Monday 00:00). A week's papers are
 * those first seen inside its range. Hand-written because it is twenty lines of arithmetic; a
 * date library would add more bundle than it saves.
 */
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** Monday 00:00 UTC of the ISO week containing `ms`. */
function mondayOf(ms: number): number {
  const day = Math.floor(ms / DAY_MS);
  // 1970-01-01 was a Thursday: (day + 3) mod 7 is 0 on Mondays.
  const weekday = (((day + 3) % 7) + 7) % 7;
  return (day - weekday) * DAY_MS;
}

/** Monday of ISO week 1 of `year`: the week holding 4 January. */
function firstMonday(year: number): number {
  return mondayOf(Date.UTC(year, 0, 4));
}

export function isoWeekOf(ms: number): string {
  const monday = mondayOf(ms);
  // The ISO year is the calendar year of the week's Thursday.
  const year = new Date(monday + 3 * DAY_MS).getUTCFullYear();
  const week = Math.round((monday - firstMonday(year)) / WEEK_MS) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** Start (inclusive) and end (exclusive) of a week, in ms. The week must be valid (see parseIsoWeek). */
export function weekRange(week: string): { start: number; end: number } {
  const year = Number(week.slice(0, 4));
  const number = Number(week.slice(6));
  const start = firstMonday(year) + (number - 1) * WEEK_MS;
  return { start, end: start + WEEK_MS };
}

export function shiftWeek(week: string, by: number): string {
  return isoWeekOf(weekRange(week).start + by * WEEK_MS);
}

/** "2026-W7", "2026-w07" → "2026-W07"; null when malformed or the week does not exist (W53 of a 52-week year). */
export function parseIsoWeek(text: string): string | null {
  const m = /^(\d{4})-?W(\d{1,2})$/i.exec(text.trim());
  if (!m) return null;
  const week = `${m[1]}-W${m[2]!.padStart(2, "0")}`;
  const number = Number(m[2]);
  if (number < 1 || number > 53) return null;
  return isoWeekOf(weekRange(week).start) === week ? week : null;
}

/** Weeks from `first` to `last` inclusive, oldest first (empty when first is after last). */
export function weeksBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let w = first; weekRange(w).start <= weekRange(last).start; w = shiftWeek(w, 1)) out.push(w);
  return out;
}
