/**
 * Loads what storage knows about a batch: papers by arXiv id, texts by fingerprint, and the
 * few near-duplicate candidates each record needs. Two round trips whatever the batch or
 * corpus size; each list travels as one JSON parameter.
 */
import { type AnyColumn, and, notInArray, sql } from "drizzle-orm";
import type { StoredSnapshot } from "../../identify/decide-verdicts";
import { isIdlessKey } from "../../identify/fingerprint";
import { topCandidates } from "../../identify/similarity/top-candidates";
import type { PaperState } from "../../identify/types";
import type { Database } from "../client";
import { ingestBatches, lshBands, papers, paperVersions, recordMatches } from "../schema";

/** A candidate key shared by more papers than this is boilerplate, not evidence. */
const MAX_PAPERS_PER_KEY = 8;

/** Statements a snapshot costs: 5 in the first round trip, 2 in the second. */
export const SNAPSHOT_STATEMENTS = 7;

/** What storage knows, and the newest ingest_batches rowid it was read at (see ingest-writes.ts). */
export interface IdentitySnapshot extends StoredSnapshot {
  watermark: number;
}

export interface SnapshotRequest {
  fingerprints: string[];
  records: Array<{
    /** `arxiv:<id>` for a record with an id, else null. */
    arxivKey: string | null;
    candidateKeys: number[];
  }>;
}

function inJsonList(column: AnyColumn, values: Array<string | number>) {
  return sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;
}

export async function loadIdentitySnapshot(
  db: Database,
  request: SnapshotRequest,
): Promise<IdentitySnapshot> {
  const arxivKeys = [...new Set(request.records.flatMap((r) => (r.arxivKey ? [r.arxivKey] : [])))];
  const allCandidateKeys = [...new Set(request.records.flatMap((r) => r.candidateKeys))];
  const popularKeys = db
    .select({ bandKey: lshBands.bandKey })
    .from(lshBands)
    .where(inJsonList(lshBands.bandKey, allCandidateKeys))
    .groupBy(lshBands.bandKey)
    .having(sql`count(*) > ${MAX_PAPERS_PER_KEY}`);
  const [watermarkRows, knownIds, versionsByText, matchesByText, bandRows] = await db.batch([
    // First, in the same transaction as the lookups: any ingest committed later moves it.
    db.select({ watermark: sql<number>`coalesce(max(rowid), 0)` }).from(ingestBatches),
    db.select({ key: papers.key }).from(papers).where(inJsonList(papers.key, arxivKeys)),
    db
      .select({ paperKey: paperVersions.paperKey })
      .from(paperVersions)
      .where(inJsonList(paperVersions.fingerprint, request.fingerprints)),
    db
      .select({ paperKey: recordMatches.paperKey, fingerprint: recordMatches.fingerprint })
      .from(recordMatches)
      .where(inJsonList(recordMatches.fingerprint, request.fingerprints)),
    db
      .select({ bandKey: lshBands.bandKey, paperKey: lshBands.paperKey })
      .from(lshBands)
      .where(and(inJsonList(lshBands.bandKey, allCandidateKeys), notInArray(lshBands.bandKey, popularKeys))),
  ]);

  // Candidates per record: none for a known id (ids decide), id-less twins only for a new id.
  const known = new Set(knownIds.map((row) => row.key));
  const papersByKey = new Map<number, string[]>();
  for (const { bandKey, paperKey } of bandRows) {
    const list = papersByKey.get(bandKey);
    if (list) list.push(paperKey);
    else papersByKey.set(bandKey, [paperKey]);
  }
  const candidates = new Set<string>();
  for (const record of request.records) {
    if (record.arxivKey !== null && known.has(record.arxivKey)) continue;
    const accept = record.arxivKey === null ? () => true : isIdlessKey;
    for (const key of topCandidates(record.candidateKeys, (k) => papersByKey.get(k) ?? [], accept)) {
      candidates.add(key);
    }
  }

  const keys = [
    ...new Set([
      ...known,
      ...versionsByText.map((v) => v.paperKey),
      ...matchesByText.map((m) => m.paperKey),
      ...candidates,
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
    watermark: watermarkRows[0]?.watermark ?? 0,
    papers: paperRows.map(({ id: _rowid, ...paper }): PaperState => paper),
    versions: versionRows,
    matches: matchesByText,
    bands: bandRows.filter((row) => candidates.has(row.paperKey)),
  };
}
