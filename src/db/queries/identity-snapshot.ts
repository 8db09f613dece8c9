/**
 * Loads what storage knows about a batch's arXiv ids, fingerprints and LSH bands, in two round
 * trips whatever the batch size (each list travels as one JSON parameter).
 */
import { type AnyColumn, sql } from "drizzle-orm";
import type { StoredSnapshot } from "../../identify/decide-verdicts";
import type { PaperState } from "../../identify/types";
import type { Database } from "../client";
import { lshBands, papers, paperVersions, recordMatches } from "../schema";

/** A paper whose band is shared by more papers than this is not a useful candidate source. */
const MAX_PAPERS_PER_BAND = 50;

function inJsonList(column: AnyColumn, values: Array<string | number>) {
  return sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;
}

export async function loadIdentitySnapshot(
  db: Database,
  paperKeys: string[],
  fingerprints: string[],
  bandKeys: number[],
): Promise<StoredSnapshot> {
  const [versionsByText, matchesByText, bandRows] = await db.batch([
    db
      .select({ paperKey: paperVersions.paperKey })
      .from(paperVersions)
      .where(inJsonList(paperVersions.fingerprint, fingerprints)),
    db
      .select({ paperKey: recordMatches.paperKey, fingerprint: recordMatches.fingerprint })
      .from(recordMatches)
      .where(inJsonList(recordMatches.fingerprint, fingerprints)),
    db
      .select({ bandKey: lshBands.bandKey, paperKey: lshBands.paperKey })
      .from(lshBands)
      .where(inJsonList(lshBands.bandKey, bandKeys)),
  ]);
  const perBand = new Map<number, number>();
  for (const row of bandRows) perBand.set(row.bandKey, (perBand.get(row.bandKey) ?? 0) + 1);
  const bands = bandRows.filter((row) => (perBand.get(row.bandKey) ?? 0) <= MAX_PAPERS_PER_BAND);

  const keys = [
    ...new Set([
      ...paperKeys,
      ...versionsByText.map((v) => v.paperKey),
      ...matchesByText.map((m) => m.paperKey),
      ...bands.map((b) => b.paperKey),
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
        abstract: paperVersions.abstract,
      })
      .from(paperVersions)
      .where(inJsonList(paperVersions.paperKey, keys)),
  ]);
  return {
    papers: paperRows.map(({ id: _rowid, ...paper }): PaperState => paper),
    versions: versionRows,
    matches: matchesByText,
    bands,
  };
}
