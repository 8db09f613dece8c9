/**
 * arXiv's terms: at most one request every 3 seconds, one connection at a time, a descriptive
 * User-Agent. Every harvest request goes through one PoliteClient per run, which paces requests
 * (retries included), retries 5xx/429 answers and timeouts, honours `Retry-After`, and stops when
 * the run's request or time budget is spent. Intervals and timeouts are parameters (tests use ms).
 */

export interface PoliteOptions {
  userAgent: string;
  /** Minimum time between the starts of two requests (arXiv: 3000). */
  requestIntervalMs: number;
  /** Per request, answer body included. */
  timeoutMs: number;
  /** Attempts per URL (1 = no retry). */
  maxAttempts: number;
  /** A `Retry-After` longer than this is not waited for in this run: the next run retries. */
  maxRetryWaitMs: number;
  /** Requests this run may send, retries included. */
  maxRequests: number;
  /** Real clock time (ms) after which no request is started. */
  deadline: number;
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export type FetchOutcome =
  | { ok: true; text: string; attempts: number }
  /** Not sent: the run's budget is spent (the next run carries on). */
  | { ok: false; kind: "budget"; message: string; attempts: number }
  /** Sent and failed: an outage (5xx, timeouts) after every attempt, or a refusal (4xx). */
  | { ok: false; kind: "outage" | "refused"; message: string; attempts: number; status: number | null };

const RETRYABLE = (status: number) => status === 429 || status >= 500;

/** `Retry-After` as delta-seconds or an HTTP date, in ms from `now`; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function describeError(err: unknown, timeoutMs: number): string {
  const name = err instanceof Error ? err.name : "";
  if (name === "TimeoutError" || name === "AbortError") return `no answer within ${timeoutMs} ms (timeout)`;
  return `network error: ${err instanceof Error ? err.message : String(err)}`;
}

export class PoliteClient {
  /** Requests sent so far (each attempt counts). */
  requests = 0;
  private nextSlot = 0;
  /** Set once a request could not be sent for lack of budget: nothing more is sent in this run. */
  private exhausted = false;

  constructor(
    private readonly options: PoliteOptions,
    private readonly fetcher: typeof fetch = (input, init) => fetch(input, init),
    private readonly clock: Clock = realClock,
  ) {}

  /** True while another request may be sent in this run. */
  hasBudget(): boolean {
    return (
      !this.exhausted && this.requests < this.options.maxRequests && this.clock.now() < this.options.deadline
    );
  }

  async get(url: string): Promise<FetchOutcome> {
    const { maxAttempts, requestIntervalMs, deadline } = this.options;
    let lastError = "";
    let lastStatus: number | null = null;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const wait = Math.max(0, this.nextSlot - this.clock.now());
      if (!this.hasBudget() || this.clock.now() + wait >= deadline) {
        this.exhausted = true;
        const message = "the run's request or time budget is spent";
        return attempt === 1
          ? { ok: false, kind: "budget", message, attempts: 0 }
          : {
              ok: false,
              kind: "outage",
              message: `${lastError}; ${message}`,
              attempts: attempt - 1,
              status: lastStatus,
            };
      }
      if (wait > 0) await this.clock.sleep(wait);
      this.requests++;
      this.nextSlot = this.clock.now() + requestIntervalMs;
      const timeoutMs = Math.max(1, Math.min(this.options.timeoutMs, deadline - this.clock.now()));
      const backoff = requestIntervalMs * 2 ** (attempt - 1);
      try {
        const response = await this.fetcher(url, {
          headers: {
            "user-agent": this.options.userAgent,
            accept: "application/atom+xml, application/rss+xml, application/xml;q=0.9, */*;q=0.1",
          },
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (response.ok) return { ok: true, text: await response.text(), attempts: attempt };
        await response.body?.cancel();
        lastStatus = response.status;
        if (!RETRYABLE(response.status)) {
          return {
            ok: false,
            kind: "refused",
            message: `arXiv answered HTTP ${response.status}`,
            attempts: attempt,
            status: response.status,
          };
        }
        lastError = `arXiv answered HTTP ${response.status}`;
        const asked = retryAfterMs(response.headers.get("retry-after"), this.clock.now());
        if (asked !== null && asked > this.options.maxRetryWaitMs) {
          return {
            ok: false,
            kind: "outage",
            message: `${lastError} and asked to come back in ${Math.ceil(asked / 1000)} s, later than this run waits`,
            attempts: attempt,
            status: lastStatus,
          };
        }
        if (asked !== null) lastError += ` (Retry-After: ${Math.ceil(asked / 1000)} s, honoured)`;
        this.nextSlot = Math.max(this.nextSlot, this.clock.now() + (asked ?? backoff));
      } catch (err) {
        lastError = describeError(err, timeoutMs);
        lastStatus = null;
        this.nextSlot = Math.max(this.nextSlot, this.clock.now() + backoff);
      }
    }
    return {
      ok: false,
      kind: "outage",
      message: `${lastError}; gave up after ${maxAttempts} attempts`,
      attempts: maxAttempts,
      status: lastStatus,
    };
  }
}
