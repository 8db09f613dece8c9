/**
 * Slack request signing, version 0 (docs.slack.dev "Verifying requests from Slack"): Slack sends
 * `X-Slack-Request-Timestamp` (Unix seconds) and `X-Slack-Signature: v0=<hex HMAC-SHA256>` over
 * the basestring `v0:<timestamp>:<raw body>`, keyed with the app's signing secret.
 *
 * A request passes when the timestamp is within five minutes of our clock (either way), the
 * signature matches (compared in constant time, over the raw body bytes, never a re-encoding),
 * and the same signature has not been seen before (replays).
 *
 * Replays: an in-memory set per isolate answers the common case without a query; then every
 * accepted signature is recorded in D1 until its window closes (db/queries/slack-signatures.ts),
 * so a replay that lands on another isolate or after an eviction is refused too. The timestamp
 * window bounds what has to be remembered: a captured request is worthless five minutes after
 * Slack signed it. Slack never retries a slash command, so a second copy is always a replay.
 */

export const SLACK_SIGNATURE_VERSION = "v0";
/** How far a request's timestamp may be from our clock, either way. */
export const SLACK_TIMESTAMP_WINDOW_SECONDS = 5 * 60;

const encoder = new TextEncoder();
const SIGNATURE = /^v0=([0-9a-f]{64})$/;
const TIMESTAMP = /^\d{1,12}$/;

export type SlackSignatureFailure = "missing" | "stale" | "invalid" | "replayed";

export type SlackSignatureCheck =
  /** `signature` (hex) and when it stops mattering, for the durable replay record. */
  | { ok: true; signature: string; expiresAtMs: number }
  | { ok: false; reason: SlackSignatureFailure; message: string };

export const REPLAYED = {
  ok: false,
  reason: "replayed",
  message: "This signed request was already received once.",
} as const satisfies SlackSignatureCheck;

export interface SlackSignedRequest {
  timestamp: string | null | undefined;
  signature: string | null | undefined;
  /** The body exactly as received. */
  body: Uint8Array;
}

function basestring(timestamp: string, body: Uint8Array): Uint8Array {
  const prefix = encoder.encode(`${SLACK_SIGNATURE_VERSION}:${timestamp}:`);
  const out = new Uint8Array(prefix.byteLength + body.byteLength);
  out.set(prefix, 0);
  out.set(body, prefix.byteLength);
  return out;
}

/** The imported key of the last secret used: one secret per deployment, imported once per isolate. */
let cachedKey: { secret: string; key: Promise<CryptoKey> } | null = null;

async function hmac(secret: string, data: Uint8Array): Promise<Uint8Array> {
  if (cachedKey?.secret !== secret) {
    const key = crypto.subtle.importKey(
      "raw",
      encoder.encode(secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    cachedKey = { secret, key };
  }
  return new Uint8Array(await crypto.subtle.sign("HMAC", await cachedKey.key, data));
}

function fromHex(text: string): Uint8Array {
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/**
 * Signatures already accepted, each kept until its timestamp leaves the window (after that the
 * window refuses it anyway). Bounded: past `maxEntries` the oldest is forgotten first, which can
 * only let through a replay of a request already close to expiry.
 */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();

  constructor(private readonly maxEntries = 20_000) {}

  /** True when `signature` was seen before; otherwise remembers it until `expiresAtMs`. */
  seenBefore(signature: string, expiresAtMs: number, nowMs: number): boolean {
    this.prune(nowMs);
    const until = this.seen.get(signature);
    if (until !== undefined && until > nowMs) return true;
    this.seen.set(signature, expiresAtMs);
    while (this.seen.size > this.maxEntries) {
      const oldest = this.seen.keys().next().value;
      if (oldest === undefined) break;
      this.seen.delete(oldest);
    }
    return false;
  }

  get size(): number {
    return this.seen.size;
  }

  private prune(nowMs: number): void {
    // Entries expire roughly in insertion order (timestamps are close to arrival), so stop at the
    // first live one: amortised O(1) a request.
    for (const [signature, until] of this.seen) {
      if (until > nowMs) break;
      this.seen.delete(signature);
    }
  }
}

/**
 * Checks one request. `nowMs` is injected (tests use the official vector's own time). The guard,
 * when given, is consulted only after the signature is proven, so forged requests cannot fill it.
 */
export async function verifySlackRequest(
  request: SlackSignedRequest,
  secret: string,
  nowMs: number,
  guard?: ReplayGuard,
): Promise<SlackSignatureCheck> {
  const { timestamp, signature } = request;
  if (!timestamp || !signature) {
    return {
      ok: false,
      reason: "missing",
      message:
        "The request lacks X-Slack-Signature or X-Slack-Request-Timestamp: it does not come from Slack.",
    };
  }
  if (!TIMESTAMP.test(timestamp)) {
    return {
      ok: false,
      reason: "invalid",
      message: "X-Slack-Request-Timestamp is not a Unix time in seconds.",
    };
  }
  const ageSeconds = nowMs / 1000 - Number(timestamp);
  if (Math.abs(ageSeconds) > SLACK_TIMESTAMP_WINDOW_SECONDS) {
    return {
      ok: false,
      reason: "stale",
      message: "The request's timestamp is more than five minutes from the bot's clock.",
    };
  }
  const expected = await hmac(secret, basestring(timestamp, request.body));
  const presented = SIGNATURE.exec(signature.trim().toLowerCase());
  // A malformed header is compared against the expected MAC itself and then refused, so the
  // time taken never depends on how the presented value differs.
  const matches = crypto.subtle.timingSafeEqual(expected, presented ? fromHex(presented[1]!) : expected);
  if (!presented || !matches) {
    return { ok: false, reason: "invalid", message: "The Slack signature does not match the request." };
  }
  const expiresAtMs = (Number(timestamp) + SLACK_TIMESTAMP_WINDOW_SECONDS) * 1000 + 1000;
  if (guard?.seenBefore(presented[1]!, expiresAtMs, nowMs)) return REPLAYED;
  return { ok: true, signature: presented[1]!, expiresAtMs };
}
