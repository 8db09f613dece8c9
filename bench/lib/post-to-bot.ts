/**
 * Sends records to a local bot the way the CLI does (parsed locally, `batchRecords` a
 * request, one request at a time) and times the whole send.
 */
import { type ChunkedIngestResult, postRecordsInChunks } from "../../scripts/lib/post-chunks";
import type { LocalBot } from "../../scripts/lib/wrangler-process";
import type { ParsedRecord } from "../../src/ingest/types";

export const ADMIN_TOKEN = "dev-admin-token"; // the local default from .dev.vars

export interface PostToBotOptions {
  /** The benchmark's name and what this send is: the ingest source is `bench:<benchmark>:<label>`. */
  benchmark: string;
  label: string;
  batchRecords: number;
  signal: AbortSignal;
}

/** Retries are printed as warnings; a request that fails for good throws. */
export async function postToBot(
  bot: LocalBot,
  records: readonly ParsedRecord[],
  options: PostToBotOptions,
): Promise<{ seconds: number; sent: ChunkedIngestResult }> {
  const { benchmark, label, batchRecords, signal } = options;
  const started = performance.now();
  const sent = await postRecordsInChunks({ url: bot.url, token: ADMIN_TOKEN }, records, {
    batchRecords,
    source: `bench:${benchmark}:${label}`,
    signal,
    onRetry: (attempt, reason) => console.log(`  warning: ${reason}; retry ${attempt}`),
  });
  const seconds = (performance.now() - started) / 1000;
  if (sent.failure) throw new Error(`${label}: request failed for good: ${sent.failure.message}`);
  return { seconds, sent };
}
