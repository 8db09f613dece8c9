/**
 * A receiver's answer → what the ledger does next. 2xx sent; 410 disables the endpoint; 408, 409,
 * 425, 429 and 5xx are retried (a Retry-After is honoured); 3xx is a failure (redirects are not
 * followed: a public host must not bounce us inward); any other 4xx is a failure.
 */
import type { SendOutcome } from "../types";

const RETRYABLE_4XX = new Set([408, 409, 425, 429]);
/** How much of a receiver's answer is kept in the ledger's error. */
const EXCERPT_CHARS = 200;
/** Bytes read from an error body at most (the rest is discarded unread). */
const EXCERPT_BYTES = 4096;

/** Retry-After in milliseconds from `now`: delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // HTTP dates name their day and zone (IMF-fixdate and the obsolete forms); a bare number is not one.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The start of a response body as one short line (read at most a few KB, then the stream is cancelled). */
export async function bodyExcerpt(response: Response): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < EXCERPT_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // A body cut short (timeout, reset) still leaves what arrived.
  } finally {
    reader.cancel().catch(() => {});
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  const text = new TextDecoder().decode(bytes.subarray(0, EXCERPT_BYTES)).replace(/\s+/g, " ").trim();
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
}

/** `HTTP 500: <excerpt>` (the reason phrase is left out: HTTP/2 has none, so it is not reliable). */
function describe(status: number, excerpt: string): string {
  return excerpt ? `HTTP ${status}: ${excerpt}` : `HTTP ${status}`;
}

/** Classifies a receiver's answer; `excerpt` is the start of its body (see bodyExcerpt). */
export function outcomeOf(response: Response, excerpt: string, now: number): SendOutcome {
  const { status } = response;
  const what = describe(status, excerpt);
  if (status >= 200 && status < 300) return { kind: "sent", detail: `HTTP ${status}` };
  if (status === 410) {
    return { kind: "disable", error: `${what} (the receiver asked to stop: endpoint disabled)` };
  }
  if (status >= 500 || RETRYABLE_4XX.has(status)) {
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), now);
    return retryAfterMs === undefined
      ? { kind: "retry", error: what }
      : { kind: "retry", error: what, retryAfterMs };
  }
  if (status >= 300 && status < 400) {
    const location = response.headers.get("location");
    return {
      kind: "failed",
      error: `${what} (redirects are not followed${location ? `; Location: ${location.slice(0, 200)}` : ""})`,
    };
  }
  return { kind: "failed", error: what };
}
