/**
 * ingest → identify → THEMES → DIGEST: places a week's new papers in themes (keeping last week's
 * themes stable) and builds its digest. Reads only; publishing (publish-due-weeks.ts) writes.
 */
import type { Database } from "../db/client";
import { loadStoredThemes, type StoredThemes } from "../db/queries/themes";
import { countNewPapersByWeek, loadWeekActivity, type WeekActivity } from "../db/queries/week-activity";
import { assignThemes, type ThemeResult } from "../themes";
import { buildDigest } from "./build-digest";
import { shiftWeek, weekRange } from "./iso-week";
import type { Digest, DigestStatus, WeekCount } from "./types";

/** Weeks of history in a digest's stats (the chart's span). */
export const HISTORY_WEEKS = 8;

export interface AssembledWeek {
  digest: Digest;
  activity: WeekActivity;
  themeResult: ThemeResult;
  stored: StoredThemes;
}

/** True when nothing at all happened in the week: such weeks are not published. */
export function isEmptyWeek({ newPapers, updated, matchedAgain, verdicts }: WeekActivity): boolean {
  return newPapers.length + updated.length + matchedAgain.length + Object.keys(verdicts).length === 0;
}

export async function assembleWeek(
  db: Database,
  week: string,
  status: DigestStatus,
  now: number,
): Promise<AssembledWeek> {
  const range = weekRange(week);
  const [activity, stored, counts] = await Promise.all([
    loadWeekActivity(db, range),
    loadStoredThemes(db),
    countNewPapersByWeek(db, range.start, HISTORY_WEEKS),
  ]);
  const themeResult: ThemeResult =
    activity.newPapers.length === 0
      ? { assignments: [], themes: stored.found, nextThemeNumber: stored.nextThemeNumber }
      : assignThemes(
          // Only a source's own title helps; a derived headline would count the abstract twice.
          activity.newPapers.map((p) => ({
            id: p.key,
            abstract: p.abstractPlain,
            ...(p.title ? { title: p.title } : {}),
          })),
          stored.found,
          { week, nextThemeNumber: stored.nextThemeNumber, operatorThemes: stored.operator },
        );
  // Weeks before the bot saw anything are not history: drop leading empty weeks.
  const previousWeeks: WeekCount[] = counts.map((papers, i) => ({
    week: shiftWeek(week, i - HISTORY_WEEKS),
    papers,
  }));
  while (previousWeeks.length > 0 && previousWeeks[0]!.papers === 0) previousWeeks.shift();

  const digest = buildDigest({
    week,
    status,
    generatedAt: now,
    activity,
    assignments: themeResult.assignments,
    foundThemes: themeResult.themes,
    operatorThemes: stored.operator,
    otherLabels: new Map(stored.rows.map((r) => [r.id, r.label])),
    previousWeeks,
  });
  return { digest, activity, themeResult, stored };
}
