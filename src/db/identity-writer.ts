/**
 * The one writer for identity decisions: a Durable Object that runs ingests one at a time.
 * Every ingest (POST /api/ingest, the daily harvest) goes through it, so each request decides its
 * verdicts against everything committed before it, exactly as if the requests had come one after
 * another. Why a Durable Object and not only the write guard in db/store-ingest.ts: the
 * guard alone keeps storage right, but N concurrent requests would redo their snapshots up to N
 * times; serialised, each costs one snapshot and one write batch. docs/identity.md has the design.
 */
import { DurableObject } from "cloudflare:workers";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ApiError, type ErrorCode } from "../errors";
import type { ParseResult } from "../ingest/types";
import { openDatabase } from "./client";
import { type BatchOrigin, type StoredIngest, type StoreIngest, storeIngest } from "./store-ingest";

/** One instance for the whole deployment: identity is one namespace. */
const WRITER_NAME = "identity";

/**
 * What crosses the RPC boundary: an ApiError would arrive as a plain Error (RPC keeps only the
 * message), so it travels as data and is thrown again on the caller's side.
 */
type WriterAnswer =
  | { ok: true; recorded: StoredIngest }
  | { ok: false; status: ContentfulStatusCode; code: ErrorCode; message: string };

export class IdentityWriter extends DurableObject<Env> {
  /** The ingest running now; the next one starts when it settles (whatever its outcome). */
  private tail: Promise<unknown> = Promise.resolve();

  /**
   * Awaiting D1 lets other requests into a Durable Object (input gates only cover its own
   * storage), so serialising needs this explicit queue. Not blockConcurrencyWhile: that resets
   * the object when a callback runs past 30 s, and a 10 MiB ingest may.
   */
  record(parsed: ParseResult, origin: BatchOrigin): Promise<WriterAnswer> {
    const run = this.tail.then(() => storeIngest(openDatabase(this.env.DB), parsed, origin));
    this.tail = run.catch(() => undefined);
    return run.then(
      (recorded): WriterAnswer => ({ ok: true, recorded }),
      (err: unknown): WriterAnswer => {
        if (err instanceof ApiError)
          return { ok: false, status: err.status, code: err.code, message: err.message };
        throw err;
      },
    );
  }
}

/** The StoreIngest every entry point uses: through the writer. */
export function storeThroughWriter(env: Env): StoreIngest {
  return async (parsed, origin) => {
    const answer = (await env.IDENTITY_WRITER.getByName(WRITER_NAME).record(parsed, origin)) as WriterAnswer;
    if (!answer.ok) throw new ApiError(answer.status, answer.code, answer.message);
    return answer.recorded;
  };
}
