/**
 * Ingests one file. Small files go to the server byte for byte (it detects the format);
 * files over 1 MiB are parsed here and sent as JSON-lines chunks so no request nears the
 * server's body limit, with the answers mapped back to the file's own record numbers.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { invalidOutcome } from "../../src/identify/outcomes";
import type { RecordOutcome } from "../../src/identify/types";
import { countVerdicts, type VerdictCounts } from "../../src/identify/verdict-counts";
import { decodeBytes } from "../../src/ingest/clean-text";
import { parseInput } from "../../src/ingest/parse-input";
import { type IngestTarget, type PostOptions, postIngest } from "./ingest-api";
import { postRecordsInChunks } from "./post-chunks";
import type { InputFile } from "./walk-files";

export const RAW_POST_MAX_BYTES = 1024 * 1024;

export interface FileResult {
  file: InputFile;
  /** Format as the server reported it (raw files) or as parsed locally (large files). */
  format: string | null;
  counts: VerdictCounts;
  errors: Array<{ index: number; message: string }>;
  /** Why the file (or part of it) was not ingested; null on success. */
  failure: string | null;
  /** The failure will repeat for every file (bad token, server gone): stop the run. */
  fatal: boolean;
  /** Something worth saying that is not a failure (e.g. an empty file was skipped). */
  note: string | null;
}

export interface FileIngestOptions extends Pick<PostOptions, "signal" | "onRetry"> {
  source: string;
  batchRecords: number;
  /** Called as input is consumed: bytes of the file and records answered for. */
  onProgress?: (bytes: number, records: number) => void;
}

export async function ingestFile(
  target: IngestTarget,
  file: InputFile,
  options: FileIngestOptions,
): Promise<FileResult> {
  const bytes = new Uint8Array(await readFile(file.absolutePath));
  if (bytes.byteLength === 0) {
    return result(file, { note: "empty file, skipped" });
  }
  return bytes.byteLength <= RAW_POST_MAX_BYTES
    ? ingestRaw(target, file, bytes, options)
    : ingestChunked(target, file, bytes, options);
}

async function ingestRaw(
  target: IngestTarget,
  file: InputFile,
  bytes: Uint8Array<ArrayBuffer>,
  options: FileIngestOptions,
) {
  const posted = await postIngest(target, bytes, {
    source: options.source,
    contentType: contentTypeFor(file.absolutePath),
    signal: options.signal,
    onRetry: options.onRetry,
  });
  options.onProgress?.(bytes.byteLength, posted.ok ? posted.response.records.length : 0);
  if (!posted.ok) return result(file, { failure: posted.message, fatal: isFatal(posted.status) });
  const { response } = posted;
  return result(file, { format: response.format, outcomes: response.records, errors: response.errors });
}

async function ingestChunked(
  target: IngestTarget,
  file: InputFile,
  bytes: Uint8Array<ArrayBuffer>,
  options: FileIngestOptions,
) {
  const parsed = await parseInput(decodeBytes(bytes), contentTypeFor(file.absolutePath), bytes);
  if (parsed === null) {
    options.onProgress?.(bytes.byteLength, 0);
    const size = (bytes.byteLength / 1024 / 1024).toFixed(1);
    return result(file, {
      failure: `not a format the bot reads (parsed locally because it is ${size} MiB, over the 1 MiB raw limit)`,
    });
  }
  // The server would answer 400 invalid_body: say so instead of posting nothing.
  if (parsed.unreadable !== undefined) {
    options.onProgress?.(bytes.byteLength, 0);
    return result(file, { failure: `the ${parsed.format} body cannot be read: ${parsed.unreadable}` });
  }
  // Entries the local parse rejected never reach the server; report them as it would.
  const localInvalid = parsed.errors.map((e) => invalidOutcome(e.index));
  const entryCount = parsed.records.length + parsed.errors.length;
  const bytesPerRecord = bytes.byteLength / Math.max(1, parsed.records.length);
  // With no valid record there is no chunk to move the bar, so count the file as done now.
  options.onProgress?.(parsed.records.length === 0 ? bytes.byteLength : 0, localInvalid.length);
  const sent = await postRecordsInChunks(target, parsed.records, {
    source: options.source,
    batchRecords: options.batchRecords,
    signal: options.signal,
    onRetry: options.onRetry,
    onChunkDone: (report) =>
      options.onProgress?.(bytesPerRecord * report.outcomes.length, report.outcomes.length),
  });
  const failure = sent.failure
    ? `${sent.failure.message} (records from #${sent.failure.firstIndex} of ${entryCount} not ingested)`
    : null;
  return result(file, {
    format: parsed.format,
    outcomes: [...localInvalid, ...sent.outcomes],
    errors: [...parsed.errors, ...sent.errors].sort((a, b) => a.index - b.index),
    failure,
    fatal: sent.failure ? isFatal(sent.failure.status) : false,
  });
}

function result(
  file: InputFile,
  parts: {
    format?: string | null;
    outcomes?: RecordOutcome[];
    errors?: FileResult["errors"];
    failure?: string | null;
    fatal?: boolean;
    note?: string;
  },
): FileResult {
  return {
    file,
    format: parts.format ?? null,
    counts: countVerdicts(parts.outcomes ?? []),
    errors: parts.errors ?? [],
    failure: parts.failure ?? null,
    fatal: parts.fatal ?? false,
    note: parts.note ?? null,
  };
}

/** No answer at all, or the token was refused: every other file would fail the same way. */
function isFatal(status: number | null): boolean {
  return status === null || status === 401 || status === 403;
}

/** A hint only: the server detects the format from the content and uses this to break ties. */
export function contentTypeFor(filePath: string): string {
  switch (path.extname(filePath).toLowerCase()) {
    case ".json":
      return "application/json";
    case ".jsonl":
    case ".ndjson":
      return "application/x-ndjson";
    case ".xml":
      return "application/xml";
    case ".atom":
      return "application/atom+xml";
    case ".rss":
      return "application/rss+xml";
    case ".eml":
      return "message/rfc822";
    default:
      return "text/plain; charset=utf-8";
  }
}
