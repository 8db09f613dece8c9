import { asc, eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import { paperAliases, papers, paperVersions, recordMatches, themeAssignments, themes } from "../schema";

export type PaperRow = typeof papers.$inferSelect;
export type PaperVersionRow = typeof paperVersions.$inferSelect;
export type RecordMatchRow = typeof recordMatches.$inferSelect;
export type PaperAliasRow = typeof paperAliases.$inferSelect;

export interface PaperDetailRows {
  paper: PaperRow;
  versions: PaperVersionRow[];
  matches: RecordMatchRow[];
  aliases: PaperAliasRow[];
  /** Set once the week the paper was first seen has been published. */
  theme: { id: string; label: string | null; week: string } | null;
}

/**
 * The paper with its versions, known duplicates and old keys, in one round trip. `key` may
 * be an alias (the `fp:` key of an id-less paper its id'd twin absorbed).
 */
export async function loadPaperDetail(db: Database, key: string): Promise<PaperDetailRows | null> {
  const canonical = sql`coalesce((SELECT ${paperAliases.paperKey} FROM ${paperAliases} WHERE ${paperAliases.aliasKey} = ${key}), ${key})`;
  const [paperRows, versions, matches, aliases, assigned] = await db.batch([
    db.select().from(papers).where(eq(papers.key, canonical)).limit(1),
    db
      .select()
      .from(paperVersions)
      .where(eq(paperVersions.paperKey, canonical))
      .orderBy(asc(paperVersions.version), asc(paperVersions.id)),
    db
      .select()
      .from(recordMatches)
      .where(eq(recordMatches.paperKey, canonical))
      .orderBy(asc(recordMatches.id)),
    db
      .select()
      .from(paperAliases)
      .where(eq(paperAliases.paperKey, canonical))
      .orderBy(asc(paperAliases.aliasKey)),
    db
      .select({ id: themeAssignments.themeId, label: themes.label, week: themeAssignments.week })
      .from(themeAssignments)
      .leftJoin(themes, eq(themes.id, themeAssignments.themeId))
      .where(eq(themeAssignments.paperKey, canonical))
      .limit(1),
  ]);
  const paper = paperRows[0];
  return paper ? { paper, versions, matches, aliases, theme: assigned[0] ?? null } : null;
}

/** The stored paper's key for `key` (itself, or the paper an alias points to); null when unknown. */
export async function canonicalPaperKey(db: Database, key: string): Promise<string | null> {
  const canonical = sql`coalesce((SELECT ${paperAliases.paperKey} FROM ${paperAliases} WHERE ${paperAliases.aliasKey} = ${key}), ${key})`;
  const [row] = await db.select({ key: papers.key }).from(papers).where(eq(papers.key, canonical)).limit(1);
  return row?.key ?? null;
}
