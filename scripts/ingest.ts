/**
 * `npm run ingest -- <files or folders> [--url U] [--token T] [--source label] [--batch-records N]
 *   [--received-at T]`
 *
 * Sends abstracts to a running bot's `POST /api/ingest` and prints what it made of them.
 * Exit code 1 when any file could not be ingested.
 */
import { parseArgs } from "node:util";
import { checkReceivedAt } from "../src/ingest/received-at";
import { type FileResult, ingestFile } from "./lib/ingest-file";
import { renderSummary } from "./lib/ingest-summary";
import { IngestProgress } from "./lib/progress";
import { expandInputs } from "./lib/walk-files";

const USAGE = `Usage: npm run ingest -- <files or folders…> [options]

  --url URL            bot base URL (default: $ARXIV_DIGEST_URL or http://localhost:8787)
  --token TOKEN        admin token (default: $ADMIN_TOKEN or dev-admin-token)
  --source LABEL       batch label stored with every request (default: cli:<file path>)
  --batch-records N    records per request for files over 1 MiB (default: 500)
  --received-at T      importing history: take the records as received at T, an ISO 8601
                       instant (2025-10-06T09:00:00Z) or a date (00:00 UTC); not in the future
  -h, --help           show this help`;

const MAX_SOURCE_LENGTH = 200;

interface CliOptions {
  inputs: string[];
  url: string;
  token: string;
  source: string | null;
  batchRecords: number;
  receivedAt: string | null;
}

function readOptions(argv: string[]): CliOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: "string" },
      token: { type: "string" },
      source: { type: "string" },
      "batch-records": { type: "string", default: "500" },
      "received-at": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (positionals.length === 0) throw new UsageError("give at least one file or folder to ingest");
  const batchRecords = Number(values["batch-records"]);
  if (!Number.isInteger(batchRecords) || batchRecords < 1 || batchRecords > 10_000) {
    throw new UsageError("--batch-records must be a whole number from 1 to 10000");
  }
  const source = values.source?.trim() ?? null;
  if (source !== null && (source.length === 0 || source.length > MAX_SOURCE_LENGTH)) {
    throw new UsageError(`--source must be 1 to ${MAX_SOURCE_LENGTH} characters`);
  }
  const receivedAt = values["received-at"]?.trim() ?? null;
  if (receivedAt !== null) {
    // The bot checks it again against its own clock; this only spares a run of doomed requests.
    const check = checkReceivedAt(receivedAt, Date.now());
    if (!check.ok) throw new UsageError(`--received-at: ${check.message}`);
  }
  return {
    inputs: positionals,
    url: values.url ?? process.env.ARXIV_DIGEST_URL ?? "http://localhost:8787",
    token: values.token ?? process.env.ADMIN_TOKEN ?? "dev-admin-token",
    source,
    batchRecords,
    receivedAt,
  };
}

class UsageError extends Error {}

/** `cli:<path>`, keeping the end of a long path (the file name is the useful part). */
function sourceLabel(displayPath: string): string {
  const label = `cli:${displayPath}`;
  return label.length <= MAX_SOURCE_LENGTH ? label : `cli:…${displayPath.slice(-(MAX_SOURCE_LENGTH - 5))}`;
}

async function main(): Promise<number> {
  const options = readOptions(process.argv.slice(2));
  const files = await expandInputs(options.inputs);
  if (files.length === 0) throw new UsageError("no files found in the given folders");

  const target = {
    url: options.url,
    token: options.token,
    ...(options.receivedAt ? { receivedAt: options.receivedAt } : {}),
  };
  const progress = new IngestProgress(files.reduce((sum, f) => sum + f.size, 0));
  const results: FileResult[] = [];
  try {
    for (const file of files) {
      const fileResult = await ingestFile(target, file, {
        source: options.source ?? sourceLabel(file.displayPath),
        batchRecords: options.batchRecords,
        onProgress: (bytes, records) => progress.advance(bytes, records, file.displayPath),
        onRetry: (attempt, reason, delayMs) =>
          progress.log(
            `${file.displayPath}: ${reason}; retry ${attempt} in ${(delayMs / 1000).toFixed(1)} s`,
          ),
      });
      results.push(fileResult);
      if (fileResult.fatal) break;
    }
  } finally {
    progress.stop();
  }

  console.log(renderSummary(results, files.length - results.length));
  return results.some((r) => r.failure) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`ingest: ${message}`);
    // parseArgs reports unknown or malformed options with ERR_PARSE_ARGS_* codes.
    const badArgs = error instanceof UsageError || (error instanceof TypeError && "code" in error);
    if (badArgs) console.error(`\n${USAGE}`);
    process.exit(1);
  },
);
