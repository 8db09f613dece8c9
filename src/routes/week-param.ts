/** A week named in a request, and the week's digest or the contract's errors for it. */
import type { Database } from "../db/client";
import { type Digest, isoWeekOf, loadDigestForWeek, parseIsoWeek, weekRange } from "../digest";
import { ApiError } from "../errors";

/** `2026-W47` (also `2026w47`), or 400 `invalid_week`. */
export function weekParam(raw: string, now: number): string {
  const week = parseIsoWeek(raw);
  if (week === null) {
    throw new ApiError(
      400,
      "invalid_week",
      `"${raw.slice(0, 40)}" is not an ISO week; write it like ${isoWeekOf(now)}.`,
    );
  }
  return week;
}

/** The week's digest (published, or the current week's preview), or 404 `digest_not_found`. */
export async function digestOrNotFound(db: Database, week: string, now: number): Promise<Digest> {
  const digest = await loadDigestForWeek(db, week, now);
  if (digest !== null) return digest;
  throw digestNotFound(week, now);
}

/** 404 `digest_not_found`: why `week` has no digest. */
export function digestNotFound(week: string, now: number): ApiError {
  const message =
    weekRange(week).start > now
      ? `${week} has not started yet.`
      : `There is no digest for ${week}: the bot saw nothing that week, or its digest is published on the Monday after it ends.`;
  return new ApiError(404, "digest_not_found", message);
}
