import { asc, eq } from "drizzle-orm";
import type { Database } from "../client";
import { papers, paperVersions, recordMatches } from "../schema";

export type PaperRow = typeof papers.$inferSelect;
export type PaperVersionRow = typeof paperVersions.$inferSelect;
export type RecordMatchRow = typeof recordMatches.$inferSelect;

export interface PaperDetailRows {
  paper: PaperRow;
  versions: PaperVersionRow[];
  matches: RecordMatchRow[];
}

/** The paper with its versions and known duplicates, in one round trip. */
export async function loadPaperDetail(db: Database, key: string): Promise<PaperDetailRows | null> {
  const [paperRows, versions, matches] = await db.batch([
    db.select().from(papers).where(eq(papers.key, key)).limit(1),
    db
      .select()
      .from(paperVersions)
      .where(eq(paperVersions.paperKey, key))
      .orderBy(asc(paperVersions.version), asc(paperVersions.id)),
    db.select().from(recordMatches).where(eq(recordMatches.paperKey, key)).orderBy(asc(recordMatches.id)),
  ]);
  const paper = paperRows[0];
  return paper ? { paper, versions, matches } : null;
}
