/**
 * Client for `POST /api/ingest`: one request, retried on transient failures.
 * Retrying is safe because ingest is idempotent in effect: a batch that did commit
 * before the connection dropped comes back as `duplicate` verdicts on the retry.
 */
import type { RecordOutcome } from "../../src/identify/types";

export interface IngestResponse {
  batchId: string | null;
  format: string;
  received: number;
  stored: number;
  records: RecordOutcome[];
  errors: Array<{ index: number; message: string }>;
}

export interface IngestTarget {
  /** Base URL of the bot, e.g. `http://localhost:8787`. */
  url: string;
  token: string;
  /** Importing history: the instant the records are taken as received (`?receivedAt=`). */
  receivedAt?: string;
}

export interface PostOptions {
  source: string;
  contentType: string;
  /** Cancels the request and any pending retry (e.g. an overall deadline). */
  signal?: AbortSignal;
  maxRetries?: number;
  /** First backoff delay; doubles on every retry. */
  baseDelayMs?: number;
  /** One attempt's limit, so a hung server becomes a retryable failure instead of a hang. */
  attemptTimeoutMs?: number;
  onRetry?: (attempt: number, reason: string, delayMs: number) => void;
}

export type PostResult =
  | {
      ok: true;
      response: IngestResponse;
      elapsedMs: number;
      attempts: number;
      /** D1 statements the request ran (the server's `x-d1-statements` header), when sent. */
      d1Statements: number | null;
    }
  | {
      ok: false;
      /** HTTP status of the last attempt, or null when the server was never reached. */
      status: number | null;
      message: string;
      attempts: number;
    };

const RETRY_DEFAULTS = { maxRetries: 3, baseDelayMs: 500, attemptTimeoutMs: 120_000 };

export function ingestUrl(target: IngestTarget, source: string): string {
  const receivedAt = target.receivedAt ? `&receivedAt=${encodeURIComponent(target.receivedAt)}` : "";
  return `${target.url.replace(/\/+$/, "")}/api/ingest?source=${encodeURIComponent(source)}${receivedAt}`;
}

export async function postIngest(
  target: IngestTarget,
  body: Uint8Array<ArrayBuffer> | string,
  options: PostOptions,
): Promise<PostResult> {
  const { maxRetries, baseDelayMs, attemptTimeoutMs } = { ...RETRY_DEFAULTS, ...options };
  const url = ingestUrl(target, options.source);
  let attempts = 0;
  for (;;) {
    attempts++;
    const attempt = await attemptPost(url, target.token, body, options, attemptTimeoutMs);
    const retryable = attempt.kind === "network" || (attempt.kind === "http" && attempt.status >= 500);
    if (attempt.kind === "ok") return { ...attempt.result, attempts } satisfies PostResult;
    if (!retryable || attempts > maxRetries || options.signal?.aborted) {
      return {
        ok: false,
        status: attempt.kind === "http" ? attempt.status : null,
        message: attempt.message,
        attempts,
      } satisfies PostResult;
    }
    const delayMs = baseDelayMs * 2 ** (attempts - 1);
    options.onRetry?.(attempts, attempt.message, delayMs);
    await sleep(delayMs, options.signal);
  }
}

type Attempt =
  | {
      kind: "ok";
      result: { ok: true; response: IngestResponse; elapsedMs: number; d1Statements: number | null };
    }
  | { kind: "http"; status: number; message: string }
  | { kind: "network"; message: string };

async function attemptPost(
  url: string,
  token: string,
  body: Uint8Array<ArrayBuffer> | string,
  options: PostOptions,
  timeoutMs: number,
): Promise<Attempt> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const started = performance.now();
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": options.contentType },
      body,
      signal,
    });
    const text = await res.text();
    const elapsedMs = performance.now() - started;
    if (!res.ok) {
      return { kind: "http", status: res.status, message: `HTTP ${res.status}: ${errorMessage(text)}` };
    }
    const response = parseIngestResponse(text);
    if (response === null) {
      return { kind: "http", status: res.status, message: `HTTP ${res.status} with an unexpected body` };
    }
    const statements = res.headers.get("x-d1-statements");
    const d1Statements = statements === null ? null : Number(statements);
    return { kind: "ok", result: { ok: true, response, elapsedMs, d1Statements } };
  } catch (error) {
    if (options.signal?.aborted) {
      return { kind: "network", message: `cancelled (${reasonText(options.signal.reason)})` };
    }
    return { kind: "network", message: networkMessage(error, url) };
  }
}

/** The server's `{"error":{"code","message"}}`, or the raw text when it sent something else. */
function errorMessage(text: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    if (isObject(parsed) && isObject(parsed.error)) {
      const { code, message } = parsed.error;
      if (typeof message === "string") return typeof code === "string" ? `${message} (${code})` : message;
    }
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return text.trim().slice(0, 300) || "(empty body)";
}

function parseIngestResponse(text: string): IngestResponse | null {
  try {
    const parsed: unknown = JSON.parse(text);
    if (isObject(parsed) && Array.isArray(parsed.records) && Array.isArray(parsed.errors)) {
      return parsed as unknown as IngestResponse;
    }
  } catch {
    // Handled below.
  }
  return null;
}

function networkMessage(error: unknown, url: string): string {
  if (error instanceof Error && error.name === "TimeoutError")
    return `no answer from ${new URL(url).origin} in time`;
  // undici reports `fetch failed` and hides the useful part (ECONNREFUSED, …) in `cause`.
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
  const base = error instanceof Error ? error.message : String(error);
  return `cannot reach ${new URL(url).origin} (${base}${cause})`;
}

function reasonText(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
