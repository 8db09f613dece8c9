/**
 * Loads what storage knows about a batch's arXiv ids and fingerprints, in two round trips
 * whatever the batch size (the lists travel as one JSON parameter each).
 */
import { type inArray, sql } from "drizzle-orm";
import type { StoredSnapshot } from "../../identify/decide-verdicts";
import type { PaperState } from "../../identify/types";
import type { Database } from "../client";
import { papers, paperVersions, recordMatches } from "../schema";

function inJsonList(column: Parameters<typeof inArray>[0], values: string[]) {
  return sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;
}

export async function loadIdentitySnapshot(
  db: Database,
  paperKeys: string[],
  fingerprints: string[],
): Promise<StoredSnapshot> {
  const [versionsByText, matchesByText] = await db.batch([
    db
      .select({ paperKey: paperVersions.paperKey })
      .from(paperVersions)
      .where(inJsonList(paperVersions.fingerprint, fingerprints)),
    db
      .select({ paperKey: recordMatches.paperKey, fingerprint: recordMatches.fingerprint })
      .from(recordMatches)
      .where(inJsonList(recordMatches.fingerprint, fingerprints)),
  ]);
  const keys = [
    ...new Set([
      ...paperKeys,
      ...versionsByText.map((v) => v.paperKey),
      ...matchesByText.map((m) => m.paperKey),
    ]),
  ];
  const [paperRows, versionRows] = await db.batch([
    db.select().from(papers).where(inJsonList(papers.key, keys)),
    db
      .select({
        id: paperVersions.id,
        paperKey: paperVersions.paperKey,
        version: paperVersions.version,
        fingerprint: paperVersions.fingerprint,
      })
      .from(paperVersions)
      .where(inJsonList(paperVersions.paperKey, keys)),
  ]);
  return {
    papers: paperRows.map(({ id: _rowid, ...paper }): PaperState => paper),
    versions: versionRows,
    matches: matchesByText,
  };
}
