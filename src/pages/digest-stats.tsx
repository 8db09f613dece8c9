/** The digest's figures in words: papers, records by verdict, and the change on the previous week. */
import type { DigestStats } from "../digest/types";
import { count, signed } from "./format";

const VERDICT_ORDER = ["new", "new-version", "duplicate", "near-duplicate", "invalid"];
const VERDICT_NOUNS: Record<string, [string, string]> = {
  new: ["new", "new"],
  "new-version": ["new version", "new versions"],
  duplicate: ["duplicate", "duplicates"],
  "near-duplicate": ["near-duplicate", "near-duplicates"],
  invalid: ["unreadable", "unreadable"],
};

/** "14 records received: 12 new, 1 new version, 1 duplicate" (known verdicts first, zeros left out). */
export function verdictLine(verdicts: Record<string, number>): string {
  const names = Object.keys(verdicts).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const parts = names
    .filter((name) => (verdicts[name] ?? 0) > 0)
    .map((name) => {
      const n = verdicts[name] ?? 0;
      const [one, many] = VERDICT_NOUNS[name] ?? [name, name];
      return `${n} ${n === 1 ? one : many}`;
    });
  const total = names.reduce((sum, name) => sum + (verdicts[name] ?? 0), 0);
  return parts.length === 0
    ? "No records received."
    : `${count(total, "record")} received: ${parts.join(", ")}.`;
}

function rank(verdict: string): number {
  const i = VERDICT_ORDER.indexOf(verdict);
  return i === -1 ? VERDICT_ORDER.length : i;
}

/** "+3 new papers on the previous week (2026-W06: 9)", or why there is nothing to compare. */
export function changeLine(stats: DigestStats): string {
  const previous = stats.previousWeeks.at(-1);
  if (stats.changeFromPreviousWeek === null || previous === undefined)
    return "No previous week to compare with.";
  return `${signed(stats.changeFromPreviousWeek)} new papers on the previous week (${previous.week}: ${previous.papers}).`;
}

export function DigestStatsBlock({ stats }: { stats: DigestStats }) {
  // "other" collects the papers no theme took: not a theme of its own.
  const themed = stats.byTheme.filter((theme) => theme.papers > 0 && theme.id !== "other").length;
  return (
    <section class="stats" aria-label="This week in figures">
      <p>
        <strong>{count(stats.newPapers, "new paper")}</strong>
        {themed > 0 ? ` in ${count(themed, "theme")}` : ""}
        {` · ${stats.updatedPapers} updated · ${stats.seenBefore} seen before`}
      </p>
      <p>{verdictLine(stats.verdicts)}</p>
      <p>{changeLine(stats)}</p>
    </section>
  );
}
