import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import type { Database } from "../../db/client";
import { storeThroughWriter } from "../../db/identity-writer";
import { latestPublishedWeek } from "../../db/queries/digests";
import type { BatchOrigin } from "../../db/store-ingest";
import { weekRange } from "../../digest/iso-week";
import type { AppEnv } from "../../env";
import { ApiError } from "../../errors";
import { decodeBytes } from "../../ingest/clean-text";
import { parseInput } from "../../ingest/parse-input";
import { checkReceivedAt } from "../../ingest/received-at";
import { requireAdmin } from "../middleware";

/** An import's instant and the end of the newest published week (db/store-ingest.ts BatchOrigin). */
async function receivedAtOrigin(
  db: Database,
  receivedAt: string | undefined,
  now: number,
): Promise<Pick<BatchOrigin, "now" | "closedBefore">> {
  if (receivedAt === undefined) return {};
  const check = checkReceivedAt(receivedAt, now);
  if (!check.ok) throw new ApiError(400, check.code, check.message);
  const published = await latestPublishedWeek(db);
  return { now: check.at, ...(published ? { closedBefore: weekRange(published).end } : {}) };
}

const IngestQuery = z.object({
  // Free-form label stored with the batch (the CLI sends `cli:<file name>`).
  source: z.string().trim().min(1).max(200).default("api"),
  // Importing history (contract, "Importing history"): checked by checkReceivedAt.
  receivedAt: z.string().max(100).optional(),
});

export const ingestRoutes = new Hono<AppEnv>().post(
  "/",
  requireAdmin,
  (c, next) =>
    bodyLimit({
      maxSize: c.var.config.ingestMaxBytes,
      onError: () => {
        throw new ApiError(
          413,
          "payload_too_large",
          `The body is over the ${c.var.config.ingestMaxBytes}-byte limit; split it into smaller requests (npm run ingest does).`,
        );
      },
    })(c, next),
  async (c) => {
    const query = IngestQuery.safeParse(c.req.query());
    if (!query.success) {
      throw new ApiError(
        400,
        "invalid_query",
        "`source` must be 1 to 200 characters, `receivedAt` at most 100.",
      );
    }
    const received = await receivedAtOrigin(c.var.db, query.data.receivedAt, Date.now());
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const text = decodeBytes(bytes);
    if (text.trim().length === 0)
      throw new ApiError(400, "empty_body", "The body is empty: send abstracts to ingest.");
    const parsed = await parseInput(text, c.req.header("content-type"), bytes);
    if (parsed === null) {
      throw new ApiError(
        415,
        "unsupported_format",
        "The body is not a format the bot reads: seed text layouts, arXiv .abs, listing e-mail, Atom, RSS or JSON.",
      );
    }
    // A recognised format that cannot be read at all is the caller's error, not a record's.
    if (parsed.unreadable !== undefined) {
      throw new ApiError(
        400,
        "invalid_body",
        `The body looks like ${parsed.format} but cannot be read: ${parsed.unreadable}.`,
      );
    }
    const { report, d1Statements } = await storeThroughWriter(c.env)(parsed, {
      source: query.data.source,
      bytes: bytes.byteLength,
      ...received,
    });
    // What the request cost in D1 statements (the dedup benchmark reads it).
    c.header("x-d1-statements", String(d1Statements));
    return c.json(report);
  },
);
