/**
 * The weekly cron's work: publish every finished week that has activity and no digest yet,
 * oldest first. Safe to run at any time and any number of times:
 *  - "finished" is judged from the run's own clock, so a late or missed trigger simply publishes
 *    more weeks next time (catch-up), and an early one publishes nothing new;
 *  - a week is published by one D1 batch whose first statement inserts its `digests` row; a second
 *    run (or a concurrent one) conflicts on that key, the batch rolls back, and nothing is added twice;
 *  - the themes a week creates are stored with it, so the next week is placed against them.
 */
import type { Database } from "../db/client";
import { isPublished, latestPublishedWeek, publishStatements } from "../db/queries/digests";
import { firstActivityAfter } from "../db/queries/week-activity";
import { assembleWeek, isEmptyWeek } from "./assemble-week";
import { topThemeLabels } from "./build-digest";
import { freezeDigest } from "./frozen-digest";
import { isoWeekOf, shiftWeek, weekRange } from "./iso-week";

export interface PublishOptions {
  /** Weeks published per run; the rest wait for the next run (a cron invocation's time is bounded). */
  maxWeeks?: number;
  /** Stop starting new weeks after this long (ms), same reason. */
  budgetMs?: number;
  /**
   * Stop starting new weeks once this many papers have been placed in themes this run: the theme
   * engine costs ~0.65 ms of CPU a paper (BENCHMARKS.md), and a cron invocation has 30 s of CPU by
   * default, so 12,000 papers (~8 s) leaves room for the rest of the run.
   */
  maxPapers?: number;
}

export interface PublishReport {
  /** The week the run considers current (not published: it is still running). */
  currentWeek: string;
  published: { week: string; newPapers: number; themes: number }[];
  /** Weeks another run published first. */
  alreadyPublished: string[];
  /** True when weeks are left for the next run (maxWeeks or budgetMs reached). */
  more: boolean;
}

export async function publishDueWeeks(
  db: Database,
  now: number,
  { maxWeeks = 8, budgetMs = 60_000, maxPapers = 12_000 }: PublishOptions = {},
): Promise<PublishReport> {
  const started = Date.now();
  const currentWeek = isoWeekOf(now);
  const currentStart = weekRange(currentWeek).start;
  const report: PublishReport = { currentWeek, published: [], alreadyPublished: [], more: false };

  const last = await latestPublishedWeek(db);
  let cursor = last ? weekRange(shiftWeek(last, 1)).start : 0;
  for (;;) {
    // Jump straight to the next week with anything in it: idle weeks cost nothing and get no digest.
    const next = await firstActivityAfter(db, cursor);
    if (next === null || next >= currentStart) break;
    const week = isoWeekOf(next);
    const placed = report.published.reduce((n, p) => n + p.newPapers, 0);
    if (report.published.length >= maxWeeks || Date.now() - started > budgetMs || placed >= maxPapers) {
      report.more = true;
      break;
    }
    cursor = weekRange(week).end;

    const { digest, activity, themeResult } = await assembleWeek(db, week, "published", now);
    if (isEmptyWeek(activity)) continue;
    const operatorSizes = new Map<string, number>();
    for (const a of themeResult.assignments) {
      if (a.kind === "operator") operatorSizes.set(a.themeId, (operatorSizes.get(a.themeId) ?? 0) + 1);
    }
    const statements = publishStatements(db.$client, {
      digest: { week, newPapers: digest.stats.newPapers, json: freezeDigest(digest) },
      topThemes: topThemeLabels(digest),
      assignments: themeResult.assignments,
      changedThemes: themeResult.themes.filter((t) => t.updatedWeek === week),
      operatorSizes,
      publishedAt: now,
    });
    try {
      await db.$client.batch(statements);
    } catch (error) {
      // Lost a race with another run: its digest stands, ours was rolled back whole.
      if (await isPublished(db, week)) {
        report.alreadyPublished.push(week);
        continue;
      }
      throw error;
    }
    report.published.push({
      week,
      newPapers: digest.stats.newPapers,
      themes: digest.themes.filter((t) => t.kind !== "other").length,
    });
  }
  return report;
}
