/**
 * Sends parsed records as a sequence of JSON-lines requests and maps every index in the
 * answers back to the input's own record numbers. Shared by the CLI and the benchmark so
 * both measure and exercise the same path.
 */
import type { RecordOutcome } from "../../src/identify/types";
import type { ParsedRecord } from "../../src/ingest/types";
import { type IngestTarget, type PostOptions, postIngest } from "./ingest-api";
import { chunkRecords, type RecordChunk } from "./record-chunks";

export interface ChunkReport {
  chunk: RecordChunk;
  elapsedMs: number;
  d1Statements: number | null;
  outcomes: RecordOutcome[];
}

export interface ChunkedIngestResult {
  outcomes: RecordOutcome[];
  errors: Array<{ index: number; message: string }>;
  /** One entry per successful request, in order. */
  chunks: ChunkReport[];
  /** Set when a request failed for good; later chunks were not sent. */
  failure: { status: number | null; message: string; firstIndex: number } | null;
}

export interface ChunkedPostOptions extends Omit<PostOptions, "contentType"> {
  batchRecords: number;
  onChunkDone?: (report: ChunkReport) => void;
}

export const JSON_LINES_TYPE = "application/x-ndjson";

export async function postRecordsInChunks(
  target: IngestTarget,
  records: readonly ParsedRecord[],
  options: ChunkedPostOptions,
): Promise<ChunkedIngestResult> {
  const { batchRecords, onChunkDone, ...postOptions } = options;
  const result: ChunkedIngestResult = { outcomes: [], errors: [], chunks: [], failure: null };
  for (const chunk of chunkRecords(records, batchRecords)) {
    const posted = await postIngest(target, chunk.body, { ...postOptions, contentType: JSON_LINES_TYPE });
    if (!posted.ok) {
      result.failure = {
        status: posted.status,
        message: posted.message,
        firstIndex: chunk.recordIndexes[0] ?? 0,
      };
      break;
    }
    const toInputIndex = (chunkIndex: number) => chunk.recordIndexes[chunkIndex] ?? chunkIndex;
    const outcomes = posted.response.records.map((r) => ({ ...r, index: toInputIndex(r.index) }));
    result.outcomes.push(...outcomes);
    result.errors.push(...posted.response.errors.map((e) => ({ ...e, index: toInputIndex(e.index) })));
    const report = { chunk, elapsedMs: posted.elapsedMs, d1Statements: posted.d1Statements, outcomes };
    result.chunks.push(report);
    onChunkDone?.(report);
  }
  return result;
}
