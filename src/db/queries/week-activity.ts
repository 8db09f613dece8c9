/**
 * What happened in one week, read for the digest in one round trip: papers first seen in it,
 * earlier papers that got a new version or were matched again in it, and the week's verdict counts.
 */
import { and, asc, eq, gte, lt, sql } from "drizzle-orm";
import type { Database } from "../client";
import { ingestBatches, papers, paperVersions, recordMatches, themeAssignments } from "../schema";
import { type CoverageRow, coverageBetween, runCountBetween } from "./harvest";

export interface WeekRange {
  start: number;
  end: number;
}

const paperColumns = {
  key: papers.key,
  arxivId: papers.arxivId,
  title: papers.title,
  headline: papers.headline,
  abstractPlain: papers.abstractPlain,
  authors: papers.authors,
  categories: papers.categories,
  codeLinks: papers.codeLinks,
  latestVersion: papers.latestVersion,
  firstSeenAt: papers.firstSeenAt,
};

export type WeekPaperRow = {
  key: string;
  arxivId: string | null;
  title: string | null;
  headline: string;
  abstractPlain: string;
  authors: string[];
  categories: string[];
  codeLinks: string[];
  latestVersion: number | null;
  firstSeenAt: number;
};

export interface UpdatedPaperRow extends WeekPaperRow {
  themeId: string | null;
}

export interface MatchedAgainRow {
  key: string;
  arxivId: string | null;
  title: string | null;
  headline: string;
  firstSeenAt: number;
  verdict: "duplicate" | "near-duplicate";
  similarity: number;
  records: number;
}

export interface WeekActivity {
  newPapers: WeekPaperRow[];
  updated: UpdatedPaperRow[];
  matchedAgain: MatchedAgainRow[];
  /** Summed verdict counts of the week's ingest requests. */
  verdicts: Record<string, number>;
  /** The week's harvest coverage rows and run count (docs/harvest.md). */
  harvest?: { coverage: CoverageRow[]; runs: number };
}

export async function loadWeekActivity(db: Database, { start, end }: WeekRange): Promise<WeekActivity> {
  const seenBefore = lt(papers.firstSeenAt, start);
  const [newPapers, updated, matchedAgain, batches, coverage, runs] = await db.batch([
    db
      .select(paperColumns)
      .from(papers)
      .where(and(gte(papers.firstSeenAt, start), lt(papers.firstSeenAt, end)))
      .orderBy(asc(papers.firstSeenAt), asc(papers.id)),
    // Earlier papers with a version first seen this week.
    db
      .selectDistinct({ ...paperColumns, themeId: themeAssignments.themeId })
      .from(papers)
      .innerJoin(paperVersions, eq(paperVersions.paperKey, papers.key))
      .leftJoin(themeAssignments, eq(themeAssignments.paperKey, papers.key))
      .where(
        and(
          seenBefore,
          gte(paperVersions.seenAt, start),
          lt(paperVersions.seenAt, end),
          // A late-arriving older version is not an update.
          sql`coalesce(${paperVersions.version}, -1) = coalesce(${papers.latestVersion}, -1)`,
        ),
      )
      .orderBy(asc(papers.key)),
    // Earlier papers an id-less record matched by its text this week.
    db
      .select({
        key: papers.key,
        arxivId: papers.arxivId,
        title: papers.title,
        headline: papers.headline,
        firstSeenAt: papers.firstSeenAt,
        verdict: sql<"duplicate" | "near-duplicate">`min(${recordMatches.verdict})`,
        similarity: sql<number>`max(${recordMatches.similarity})`,
        records: sql<number>`count(*)`,
      })
      .from(recordMatches)
      .innerJoin(papers, eq(papers.key, recordMatches.paperKey))
      .where(and(seenBefore, gte(recordMatches.seenAt, start), lt(recordMatches.seenAt, end)))
      .groupBy(papers.key)
      .orderBy(asc(papers.key)),
    db
      .select({ counts: ingestBatches.verdictCounts })
      .from(ingestBatches)
      .where(and(gte(ingestBatches.receivedAt, start), lt(ingestBatches.receivedAt, end))),
    coverageBetween(db, start, end),
    runCountBetween(db, start, end),
  ]);
  const verdicts: Record<string, number> = {};
  for (const { counts } of batches) {
    for (const [verdict, n] of Object.entries(counts)) verdicts[verdict] = (verdicts[verdict] ?? 0) + n;
  }
  return { newPapers, updated, matchedAgain, verdicts, harvest: { coverage, runs: runs[0]?.runs ?? 0 } };
}

/** Papers first seen in each of `weeks` consecutive weeks ending before `end`, oldest first. */
export async function countNewPapersByWeek(db: Database, end: number, weeks: number): Promise<number[]> {
  const weekMs = 7 * 86_400_000;
  const start = end - weeks * weekMs;
  const rows = await db
    .select({
      // D1 binds JS numbers as REAL: cast, or the division (and so the grouping) is not by whole weeks.
      slot: sql<number>`CAST((${papers.firstSeenAt} - ${start}) / ${weekMs} AS INTEGER)`,
      papers: sql<number>`count(*)`,
    })
    .from(papers)
    .where(and(gte(papers.firstSeenAt, start), lt(papers.firstSeenAt, end)))
    .groupBy(sql`1`);
  const counts = new Array<number>(weeks).fill(0);
  for (const row of rows) counts[row.slot] = row.papers;
  return counts;
}

/** The earliest paper or ingest request at or after `from` (ms), or null. */
export async function firstActivityAfter(db: Database, from: number): Promise<number | null> {
  const [firstPaper, firstBatch] = await db.batch([
    db
      .select({ at: sql<number | null>`min(${papers.firstSeenAt})` })
      .from(papers)
      .where(gte(papers.firstSeenAt, from)),
    db
      .select({ at: sql<number | null>`min(${ingestBatches.receivedAt})` })
      .from(ingestBatches)
      .where(gte(ingestBatches.receivedAt, from)),
  ]);
  const times = [firstPaper[0]?.at, firstBatch[0]?.at].filter((t): t is number => typeof t === "number");
  return times.length > 0 ? Math.min(...times) : null;
}
