/**
 * One ingest request, end to end after parsing: prepare each record, load what storage
 * knows about them, decide every verdict, and write the result in one D1 transaction.
 */
import type { Database } from "../db/client";
import { loadIdentitySnapshot } from "../db/queries/identity-snapshot";
import { buildIngestWrites } from "../db/queries/ingest-writes";
import { keyForArxivId } from "../ingest/arxiv-id";
import { enforceFieldLimits } from "../ingest/field-limits";
import type { ParseResult } from "../ingest/types";
import { decideVerdicts } from "./decide-verdicts";
import { invalidOutcome } from "./outcomes";
import { prepareRecord } from "./prepare-record";
import type { RecordOutcome, Verdict } from "./types";

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
  now?: number;
}

export async function recordBatch(
  db: Database,
  unchecked: ParseResult,
  origin: BatchOrigin,
): Promise<{ report: IngestReport; d1Statements: number }> {
  // Here, not in each parser, so every source (HTTP, harvest) gets the same limits.
  const parsed = enforceFieldLimits(unchecked);
  const now = origin.now ?? Date.now();
  const prepared = await Promise.all(parsed.records.map(prepareRecord));
  const snapshot = await loadIdentitySnapshot(db, {
    fingerprints: [...new Set(prepared.map((r) => r.fingerprint))],
    records: prepared.map((r) => ({
      arxivKey: r.arxivId === null ? null : keyForArxivId(r.arxivId),
      candidateKeys: r.bandKeys,
    })),
  });
  const { outcomes, changes } = decideVerdicts(prepared, snapshot, now);

  const invalid = parsed.errors.map((e) => invalidOutcome(e.index));
  const records = [...outcomes, ...invalid].sort((a, b) => a.index - b.index);
  const verdictCounts: Partial<Record<Verdict, number>> = {};
  for (const r of records) verdictCounts[r.verdict] = (verdictCounts[r.verdict] ?? 0) + 1;
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
      receivedAt: now,
      format: parsed.format,
      source: origin.source,
      bytes: origin.bytes,
      received: records.length,
      stored,
      verdictCounts,
    });
    await db.$client.batch(statements);
    writeStatements = statements.length;
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
