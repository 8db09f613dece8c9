/**
 * Re-serialises parsed records as JSON lines in request-sized chunks. Used for files too
 * big for one request: the CLI parses them locally and sends the records in the JSON
 * field names the server's JSON parser reads, so nothing the parser found is lost.
 */
import type { ParsedRecord } from "../../src/ingest/types";

/** One record in the JSON shape `POST /api/ingest` accepts. Null fields are left out. */
export interface JsonRecord {
  id?: string;
  title?: string;
  authors?: string[];
  categories?: string[];
  abstract: string;
  comments?: string;
  doi?: string;
  journal_ref?: string;
  published?: string;
  updated?: string;
}

export interface RecordChunk {
  /** JSON lines, one record a line. */
  body: string;
  /** `recordIndexes[i]` is the input's own index of the chunk's i-th record (the server counts from 0). */
  recordIndexes: number[];
}

// Well under the server's 10 MiB default so one odd giant abstract cannot cause a 413.
const DEFAULT_MAX_CHUNK_BYTES = 4 * 1024 * 1024;

export function toJsonRecord(record: ParsedRecord): JsonRecord {
  const json: JsonRecord = { abstract: record.abstract };
  if (record.arxivId)
    json.id = record.version === null ? record.arxivId : `${record.arxivId}v${record.version}`;
  if (record.title) json.title = record.title;
  if (record.authors.length > 0) json.authors = record.authors;
  if (record.categories.length > 0) json.categories = record.categories;
  if (record.comments) json.comments = record.comments;
  if (record.doi) json.doi = record.doi;
  if (record.journalRef) json.journal_ref = record.journalRef;
  if (record.createdAt) json.published = record.createdAt;
  if (record.updatedAt) json.updated = record.updatedAt;
  return json;
}

export function chunkRecords(
  records: readonly ParsedRecord[],
  maxRecords: number,
  maxBytes = DEFAULT_MAX_CHUNK_BYTES,
): RecordChunk[] {
  const chunks: RecordChunk[] = [];
  let lines: string[] = [];
  let indexes: number[] = [];
  let bytes = 0;
  const flush = () => {
    if (lines.length > 0) chunks.push({ body: `${lines.join("\n")}\n`, recordIndexes: indexes });
    lines = [];
    indexes = [];
    bytes = 0;
  };
  for (const record of records) {
    const line = JSON.stringify(toJsonRecord(record));
    const lineBytes = Buffer.byteLength(line) + 1;
    if (lines.length >= maxRecords || (lines.length > 0 && bytes + lineBytes > maxBytes)) flush();
    lines.push(line);
    indexes.push(record.index);
    bytes += lineBytes;
  }
  flush();
  return chunks;
}
