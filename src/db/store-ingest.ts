/**
 * One ingest request, end to end after parsing: prepare each record, load what storage
 * knows about them, decide every verdict, and write the result in one D1 transaction.
 *
 * Optimistic concurrency (docs/identity.md, "Concurrent ingests"): the snapshot carries a
 * watermark (the newest ingest_batches rowid) and the write transaction refuses to commit
 * if another ingest has committed since. A refused request decides again from a fresh
 * snapshot, so no two requests can both call the same paper new. Ingests are also serialised
 * by the IdentityWriter Durable Object, so in practice the first attempt always commits.
 */

import { ApiError } from "../errors";
import { decideVerdicts } from "../identify/decide-verdicts";
import { invalidOutcome } from "../identify/outcomes";
import { prepareRecord } from "../identify/prepare-record";
import type { PreparedRecord, RecordOutcome } from "../identify/types";
import { countVerdicts } from "../identify/verdict-counts";
import { keyForArxivId } from "../ingest/arxiv-id";
import { enforceFieldLimits } from "../ingest/field-limits";
import type { ParseResult } from "../ingest/types";
import type { Database } from "./client";
import { loadIdentitySnapshot } from "./queries/identity-snapshot";
import { buildIngestWrites, isStaleSnapshotError } from "./queries/ingest-writes";

export interface IngestReport {
  batchId: string | null;
  format: ParseResult["format"];
  received: number;
  stored: number;
  records: RecordOutcome[];
  errors: Array<{ index: number; message: string }>;
}

export interface BatchOrigin {
  source: string;
  bytes: number;
  /** When the records were received: now, or an imported past instant (`?receivedAt=`). */
  now?: number;
  /**
   * Set when importing history: the end of the newest published week. A record that would be a
   * new paper received before it is refused (409 `week_published`) and nothing is stored, since
   * a published digest never changes and the paper would be in no digest at all.
   */
  closedBefore?: number;
}

export interface StoredIngest {
  report: IngestReport;
  /** D1 statements the request cost, every attempt included. */
  d1Statements: number;
  /** Attempts until the write committed (1 unless another ingest committed in between). */
  attempts: number;
}

/** How ingests reach storage: the routes and the harvest are given one (db/identity-writer.ts). */
export type StoreIngest = (parsed: ParseResult, origin: BatchOrigin) => Promise<StoredIngest>;

/**
 * Far more than serialised ingests ever need (they need one); bounds the work of a request
 * that keeps losing to concurrent writers if the serialisation is ever bypassed.
 */
const MAX_ATTEMPTS = 12;

export async function storeIngest(
  db: Database,
  unchecked: ParseResult,
  origin: BatchOrigin,
): Promise<StoredIngest> {
  // Here, not in each parser, so every source (HTTP, harvest) gets the same limits.
  const parsed = enforceFieldLimits(unchecked);
  const now = origin.now ?? Date.now();
  const closedBefore = origin.closedBefore ?? Number.NEGATIVE_INFINITY;
  const prepared = await Promise.all(parsed.records.map(prepareRecord));
  let d1Statements = 0;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const result = await decideAndWrite(db, parsed, prepared, { ...origin, now, closedBefore });
    d1Statements += result.d1Statements;
    if (result.report) return { report: result.report, d1Statements, attempts: attempt };
  }
  throw new ApiError(
    503,
    "busy",
    `Other ingests kept changing the same papers for ${MAX_ATTEMPTS} attempts; send the body again.`,
  );
}

function refuseNewPapersInClosedWeeks(outcomes: RecordOutcome[], origin: Required<BatchOrigin>): void {
  if (origin.now >= origin.closedBefore) return;
  const fresh = outcomes.filter((o) => o.verdict === "new").length;
  if (fresh === 0) return;
  throw new ApiError(
    409,
    "week_published",
    `${fresh} record(s) would be new papers received ${new Date(origin.now).toISOString()}, in a week whose digest is already published (published digests never change); import history before the first digest is published, or send these without receivedAt.`,
  );
}

/** One attempt: null report when a concurrent ingest committed after the snapshot was read. */
async function decideAndWrite(
  db: Database,
  parsed: ParseResult,
  prepared: PreparedRecord[],
  origin: Required<BatchOrigin>,
): Promise<{ report: IngestReport | null; d1Statements: number }> {
  const snapshot = await loadIdentitySnapshot(db, {
    fingerprints: [...new Set(prepared.map((r) => r.fingerprint))],
    records: prepared.map((r) => ({
      arxivKey: r.arxivId === null ? null : keyForArxivId(r.arxivId),
      candidateKeys: r.bandKeys,
    })),
  });
  const { outcomes, changes } = decideVerdicts(prepared, snapshot, origin.now);
  refuseNewPapersInClosedWeeks(outcomes, origin);

  const invalid = parsed.errors.map((e) => invalidOutcome(e.index));
  const records = [...outcomes, ...invalid].sort((a, b) => a.index - b.index);
  const verdictCounts = countVerdicts(records);
  // "Stored" counts the records that added a version: new papers, new versions and late older versions.
  const stored = changes.versionInserts.length;

  const changedSomething =
    changes.papers.size > 0 ||
    changes.versionInserts.length > 0 ||
    changes.versionNumberUpdates.length > 0 ||
    changes.matchInserts.length > 0 ||
    changes.aliases.length > 0;
  let batchId: string | null = null;
  let writeStatements = 0;
  if (changedSomething) {
    batchId = crypto.randomUUID();
    const statements = buildIngestWrites(db.$client, changes, {
      id: batchId,
      receivedAt: origin.now,
      format: parsed.format,
      source: origin.source,
      bytes: origin.bytes,
      received: records.length,
      stored,
      verdictCounts,
      snapshotWatermark: snapshot.watermark,
    });
    writeStatements = statements.length;
    try {
      await db.$client.batch(statements);
    } catch (err) {
      if (isStaleSnapshotError(err))
        return { report: null, d1Statements: snapshot.d1Statements + writeStatements };
      throw err;
    }
  }
  const report: IngestReport = {
    batchId,
    format: parsed.format,
    received: records.length,
    stored,
    records,
    errors: [...parsed.errors].sort((a, b) => a.index - b.index),
  };
  return { report, d1Statements: snapshot.d1Statements + writeStatements };
}
