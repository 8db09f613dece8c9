/**
 * Loads what storage knows about a batch: papers by arXiv id, texts by fingerprint, and the
 * few near-duplicate candidates each record needs. Two round trips whatever the batch or
 * corpus size. Each list travels as JSON parameters of at most MAX_JSON_PARAM_BYTES (D1 caps
 * a bound value at 2 MB; 12,000 records carry ~3 MB of band keys), so a statement is issued
 * per chunk of each list: a constant number per chunk, one chunk for any ordinary request.
 */
import { type AnyColumn, and, notInArray, sql } from "drizzle-orm";
import type { StoredSnapshot } from "../../identify/decide-verdicts";
import { isIdlessKey } from "../../identify/fingerprint";
import { topCandidates } from "../../identify/similarity/top-candidates";
import type { PaperState, VersionState } from "../../identify/types";
import { chunkForJsonParam, type Database } from "../client";
import { ingestBatches, lshBands, papers, paperVersions, recordMatches } from "../schema";

/** A candidate key shared by more papers than this is boilerplate, not evidence. */
const MAX_PAPERS_PER_KEY = 8;

/**
 * Statements a snapshot costs: the watermark, and per chunk of arXiv keys 1, of fingerprints 2
 * and of candidate keys 1 in the first round trip; per chunk of paper keys 2 in the second. Every
 * list counts at least one chunk (an empty list is still queried), so an ordinary request costs 7.
 */
export function snapshotStatements(chunks: {
  arxivKeys: number;
  fingerprints: number;
  candidateKeys: number;
  paperKeys: number;
}): number {
  return 1 + chunks.arxivKeys + 2 * chunks.fingerprints + chunks.candidateKeys + 2 * chunks.paperKeys;
}

/** What storage knows, and the newest ingest_batches rowid it was read at (see ingest-writes.ts). */
export interface IdentitySnapshot extends StoredSnapshot {
  watermark: number;
  d1Statements: number;
}

export interface SnapshotRequest {
  fingerprints: string[];
  records: Array<{
    /** `arxiv:<id>` for a record with an id, else null. */
    arxivKey: string | null;
    candidateKeys: number[];
  }>;
}

function inJsonList(column: AnyColumn, json: string) {
  return sql`${column} IN (SELECT value FROM json_each(${json}))`;
}

/** drizzle's batch() wants a non-empty tuple; every list has at least one chunk, so this holds. */
function nonEmpty<T>(items: T[]): [T, ...T[]] {
  const [first, ...rest] = items;
  if (first === undefined) throw new Error("a snapshot round trip with no statement");
  return [first, ...rest];
}

/** JSON chunks of a list; an empty list is one empty chunk, so the statement count stays fixed. */
function jsonChunks(values: ReadonlyArray<string | number>): string[] {
  const chunks = chunkForJsonParam(values);
  return chunks.length > 0 ? chunks : ["[]"];
}

export async function loadIdentitySnapshot(
  db: Database,
  request: SnapshotRequest,
): Promise<IdentitySnapshot> {
  const arxivKeys = jsonChunks([
    ...new Set(request.records.flatMap((r) => (r.arxivKey ? [r.arxivKey] : []))),
  ]);
  const fingerprints = jsonChunks(request.fingerprints);
  const candidateKeys = jsonChunks([...new Set(request.records.flatMap((r) => r.candidateKeys))]);
  // Each band key sits in exactly one chunk, so counting its papers within the chunk is exact.
  const bandQuery = (json: string) => {
    const popularKeys = db
      .select({ bandKey: lshBands.bandKey })
      .from(lshBands)
      .where(inJsonList(lshBands.bandKey, json))
      .groupBy(lshBands.bandKey)
      .having(sql`count(*) > ${MAX_PAPERS_PER_KEY}`);
    return db
      .select({ bandKey: lshBands.bandKey, paperKey: lshBands.paperKey })
      .from(lshBands)
      .where(and(inJsonList(lshBands.bandKey, json), notInArray(lshBands.bandKey, popularKeys)));
  };
  const idQueries = arxivKeys.map((json) =>
    db.select({ key: papers.key }).from(papers).where(inJsonList(papers.key, json)),
  );
  const versionQueries = fingerprints.map((json) =>
    db
      .select({ paperKey: paperVersions.paperKey })
      .from(paperVersions)
      .where(inJsonList(paperVersions.fingerprint, json)),
  );
  const matchQueries = fingerprints.map((json) =>
    db
      .select({ paperKey: recordMatches.paperKey, fingerprint: recordMatches.fingerprint })
      .from(recordMatches)
      .where(inJsonList(recordMatches.fingerprint, json)),
  );
  const bandQueries = candidateKeys.map(bandQuery);
  // The watermark first, in the same transaction as the lookups: any ingest committed later moves it.
  const watermarkQuery = db.select({ watermark: sql<number>`coalesce(max(rowid), 0)` }).from(ingestBatches);
  const [watermarkRows, ...firstResults] = (await db.batch([
    watermarkQuery,
    ...idQueries,
    ...versionQueries,
    ...matchQueries,
    ...bandQueries,
  ])) as [Array<{ watermark: number }>, ...unknown[]];
  // Results come back in statement order: each query's chunks are one consecutive slice.
  let at = 0;
  const take = <T>(n: number): T[] => {
    const rows = firstResults.slice(at, at + n).flat() as T[];
    at += n;
    return rows;
  };
  const knownIds = take<{ key: string }>(idQueries.length);
  const versionsByText = take<{ paperKey: string }>(versionQueries.length);
  const matchesByText = take<{ paperKey: string; fingerprint: string }>(matchQueries.length);
  const bandRows = take<{ bandKey: number; paperKey: string }>(bandQueries.length);

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
  const keyChunks = jsonChunks(keys);
  const paperQueries = keyChunks.map((json) => db.select().from(papers).where(inJsonList(papers.key, json)));
  const versionRowQueries = keyChunks.map((json) =>
    db
      .select({
        id: paperVersions.id,
        paperKey: paperVersions.paperKey,
        version: paperVersions.version,
        fingerprint: paperVersions.fingerprint,
        abstract: paperVersions.abstract,
      })
      .from(paperVersions)
      .where(inJsonList(paperVersions.paperKey, json)),
  );
  const secondResults: unknown[] = await db.batch(nonEmpty([...paperQueries, ...versionRowQueries]));
  const paperRows = secondResults.slice(0, paperQueries.length).flat() as Array<typeof papers.$inferSelect>;
  const versionRows = secondResults.slice(paperQueries.length).flat() as VersionState[];
  return {
    watermark: watermarkRows[0]?.watermark ?? 0,
    d1Statements: snapshotStatements({
      arxivKeys: arxivKeys.length,
      fingerprints: fingerprints.length,
      candidateKeys: candidateKeys.length,
      paperKeys: keyChunks.length,
    }),
    papers: paperRows.map(({ id: _rowid, ...paper }): PaperState => paper),
    versions: versionRows,
    matches: matchesByText,
    bands: bandRows.filter((row) => candidates.has(row.paperKey)),
  };
}
