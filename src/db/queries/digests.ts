/**
 * Published digests: written once per week in one D1 batch (one transaction) together with the
 * week's theme assignments and theme updates, read back as the frozen JSON they were (its shape and
 * version are digest/frozen-digest.ts's: storage keeps the text).
 */
import { asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Assignment, Theme } from "../../themes";
import { chunkForJsonParam, type Database } from "../client";
import { digestParts, digests, themeAssignments } from "../schema";
import { addOperatorThemeSizes, upsertFoundThemes } from "./themes";

/** Characters per stored part: ≤ 3 bytes each in UTF-8, so a part stays under D1's 2 MB value limit. */
const PART_CHARS = 600_000;

/** A digest ready to store: its week, its new-paper count (for the archive) and its frozen JSON. */
export interface FrozenDigestRow {
  week: string;
  newPapers: number;
  json: string;
}

export interface WeekToPublish {
  digest: FrozenDigestRow;
  /** The archive's line for the week (digest/build-digest.ts topThemeLabels). */
  topThemes: string[];
  assignments: Assignment[];
  /** Found themes created or updated this week. */
  changedThemes: Theme[];
  /** Papers each operator theme received this week. */
  operatorSizes: Map<string, number>;
  publishedAt: number;
}

const INSERT_ASSIGNMENTS = `
  INSERT INTO theme_assignments (paper_key, theme_id, week, kind, similarity)
  SELECT json_extract(value, '$.paperId'), json_extract(value, '$.themeId'), ?2,
         json_extract(value, '$.kind'), json_extract(value, '$.similarity')
  FROM json_each(?1) WHERE true
  ON CONFLICT(paper_key) DO NOTHING`;

/**
 * The statements that publish a week. The `digests` row goes first: if the week is already
 * published its key conflicts, D1 rolls the whole batch back and nothing is added twice.
 */
export function publishStatements(d1: D1Database, week: WeekToPublish): D1PreparedStatement[] {
  const { digest } = week;
  const { json } = digest;
  const parts: string[] = [];
  for (let i = 0; i < json.length; i += PART_CHARS) parts.push(json.slice(i, i + PART_CHARS));
  return [
    d1
      .prepare(
        "INSERT INTO digests (week, published_at, new_papers, top_themes, parts) VALUES (?1, ?2, ?3, ?4, ?5)",
      )
      .bind(digest.week, week.publishedAt, digest.newPapers, JSON.stringify(week.topThemes), parts.length),
    ...parts.map((part, i) =>
      d1
        .prepare("INSERT INTO digest_parts (week, part, json) VALUES (?1, ?2, ?3)")
        .bind(digest.week, i, part),
    ),
    ...chunkForJsonParam(week.assignments).map((chunk) =>
      d1.prepare(INSERT_ASSIGNMENTS).bind(chunk, digest.week),
    ),
    ...upsertFoundThemes(d1, week.changedThemes),
    ...addOperatorThemeSizes(d1, week.operatorSizes, digest.week),
  ];
}

/** The frozen JSON of a published week (digest/frozen-digest.ts thaws it), or null. */
export async function loadFrozenDigest(db: Database, week: string): Promise<string | null> {
  const parts = await db
    .select({ json: digestParts.json })
    .from(digestParts)
    .where(eq(digestParts.week, week))
    .orderBy(asc(digestParts.part));
  return parts.length === 0 ? null : parts.map((p) => p.json).join("");
}

/** When `week`'s digest was published, as a statement others batch with (rank-inputs.ts). */
export function publishedAtStatement(d1: D1Database, week: string): D1PreparedStatement {
  return d1.prepare("SELECT published_at FROM digests WHERE week = ?1").bind(week);
}

/** publishedAtStatement's row: null when the week is not published. */
export function publishedAtOf(rows: readonly unknown[]): number | null {
  return (rows[0] as { published_at: number } | undefined)?.published_at ?? null;
}

/** When the week was published (ms), or null: a cheap check of which frozen digest a cache holds. */
export async function publishedAt(db: Database, week: string): Promise<number | null> {
  const { results } = await publishedAtStatement(db.$client, week).all();
  return publishedAtOf(results);
}

export async function isPublished(db: Database, week: string): Promise<boolean> {
  const rows = await db.select({ week: digests.week }).from(digests).where(eq(digests.week, week)).limit(1);
  return rows.length > 0;
}

/** Published weeks, newest first. ISO week strings sort chronologically. */
export function listPublished(db: Database, limit = 520) {
  return db
    .select({
      week: digests.week,
      publishedAt: digests.publishedAt,
      newPapers: digests.newPapers,
      topThemes: digests.topThemes,
    })
    .from(digests)
    .orderBy(desc(digests.week))
    .limit(limit);
}

export async function latestPublishedWeek(db: Database): Promise<string | null> {
  const [row] = await db.select({ week: sql<string | null>`max(${digests.week})` }).from(digests);
  return row?.week ?? null;
}

/** Papers per (week, theme) over published weeks. */
export function themeCountsByWeek(db: Database, weeks: string[]) {
  return db
    .select({
      week: themeAssignments.week,
      themeId: themeAssignments.themeId,
      papers: sql<number>`count(*)`,
    })
    .from(themeAssignments)
    .where(inArray(themeAssignments.week, weeks))
    .groupBy(themeAssignments.week, themeAssignments.themeId);
}
