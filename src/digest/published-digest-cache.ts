/**
 * Published digests never change (digest/publish-due-weeks.ts), so a consumer isolate reads and
 * parses each week's JSON once instead of once per delivery: 10,000 deliveries of one digest are
 * one read, not 10,000. Bounded to a few weeks; an isolate that restarts simply reads again.
 */
import type { Database } from "../db/client";
import { publishedAt } from "../db/queries/digests";
import { loadPublishedDigest } from "./frozen-digest";
import type { Digest } from "./types";

const MAX_WEEKS = 4;
// Per database binding, so two databases (two test files, two environments) never share entries.
const caches = new WeakMap<object, Map<string, Promise<Digest | null>>>();

/**
 * Keyed by the week and its publication time (one small read each call), so a database that was
 * emptied and published again (tests, a restored backup) is never answered from the old copy.
 */
export async function publishedDigest(
  db: Database,
  week: string,
  /** When it was published, when the caller read that already (null: not published). */
  knownAt?: number | null,
): Promise<Digest | null> {
  const at = knownAt === undefined ? await publishedAt(db, week) : knownAt;
  if (at === null) return null;
  const key = `${week}@${at}`;
  let cache = caches.get(db.$client);
  if (!cache) {
    cache = new Map();
    caches.set(db.$client, cache);
  }
  let hit = cache.get(key);
  if (!hit) {
    hit = loadPublishedDigest(db, week);
    cache.set(key, hit);
    // A week not (yet) found or a failed read is not kept.
    const entries = cache;
    hit.then(
      (d) => d === null && entries.delete(key),
      () => entries.delete(key),
    );
    while (cache.size > MAX_WEEKS) cache.delete(cache.keys().next().value!);
  }
  return hit;
}
