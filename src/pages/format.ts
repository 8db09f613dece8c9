/**
 * Small text helpers the pages share: dates in UTC, counts with their noun, author lines.
 * Pure and locale-free, so a page reads the same in workerd, Node and every test.
 */

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const DAY_MS = 86_400_000;

/** "9 February 2026" (UTC). */
export function formatDay(date: Date): string {
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** "9 February 2026, 14:05 UTC". */
export function formatDateTime(date: Date): string {
  const hh = String(date.getUTCHours()).padStart(2, "0");
  const mm = String(date.getUTCMinutes()).padStart(2, "0");
  return `${formatDay(date)}, ${hh}:${mm} UTC`;
}

/**
 * The days of a week from its Monday (inclusive) to the next Monday (exclusive):
 * "9–15 February 2026", "23 February – 1 March 2026", "29 December 2025 – 4 January 2026".
 */
export function formatWeekDays(start: Date, endExclusive: Date): string {
  const last = new Date(endExclusive.getTime() - DAY_MS);
  if (start.getUTCFullYear() !== last.getUTCFullYear()) return `${formatDay(start)} – ${formatDay(last)}`;
  if (start.getUTCMonth() !== last.getUTCMonth()) {
    return `${start.getUTCDate()} ${MONTHS[start.getUTCMonth()]} – ${formatDay(last)}`;
  }
  return `${start.getUTCDate()}–${formatDay(last)}`;
}

/** "1 paper", "3 papers"; `plural` for irregular nouns. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** "+3", "−2" (a real minus sign), "±0". */
export function signed(n: number): string {
  if (n > 0) return `+${n}`;
  if (n < 0) return `\u2212${-n}`;
  return "\u00b10";
}

/** "A, B, C" or "A, B, C et al." beyond three; null without authors. */
export function authorLine(authors: string[]): string | null {
  if (authors.length === 0) return null;
  return authors.length > 3 ? `${authors.slice(0, 3).join(", ")} et al.` : authors.join(", ");
}

/** "93%". */
export function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/**
 * A team pick's marks, "👍 2 · 🔖 1", for the mail and the subscriber's page: the readers are Slack
 * ids there (no names to show), so they are counted; Slack itself names them as mentions.
 */
export function teamMarks(pick: { up: readonly unknown[]; save: readonly unknown[] }): string {
  return [
    ...(pick.up.length > 0 ? [`👍 ${pick.up.length}`] : []),
    ...(pick.save.length > 0 ? [`🔖 ${pick.save.length}`] : []),
  ].join(" · ");
}
