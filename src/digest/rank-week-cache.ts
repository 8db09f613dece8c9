/**
 * The week made ready for ranking (src/rank prepareWeek: every new paper's vector, the week's
 * TF-IDF weights and mean). A published week is read and prepared once per isolate (a few weeks
 * kept): the weekly fan-out ranks thousands of subscriptions against the same week, one queue
 * message each, and must not read 1,000 rows and rebuild the weights for every one of them. The
 * live preview is read fresh.
 */
import type { Database } from "../db/client";
import { loadRankPapers } from "../db/queries/rank-inputs";
import { prepareWeek, type RankWeek } from "../rank";
import { rankPaperOf } from "./subscriber-profile";
import type { Digest } from "./types";

const MAX_WEEKS = 3;
// Per database binding, so two databases (two test files, two environments) never share entries.
const caches = new WeakMap<object, Map<string, Promise<RankWeek>>>();

/** Every new paper of the week: what a subscription's filters choose from. */
export function newPaperKeys(digest: Digest): string[] {
  return digest.themes.flatMap((t) => t.papers.map((p) => p.key));
}

async function load(db: Database, digest: Digest): Promise<RankWeek> {
  const rows = await loadRankPapers(db, newPaperKeys(digest));
  return prepareWeek(rows.map(rankPaperOf));
}

/** The week's new papers (of `digest`, the week unfiltered), prepared for ranking. */
export function rankWeekOf(db: Database, digest: Digest): Promise<RankWeek> {
  if (digest.status !== "published") return load(db, digest);
  let cache = caches.get(db.$client);
  if (!cache) {
    cache = new Map();
    caches.set(db.$client, cache);
  }
  // The publication time too: a database emptied and published again is never answered from the old week.
  const key = `${digest.week}@${digest.generatedAt}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = load(db, digest);
    cache.set(key, hit);
    const entries = cache;
    hit.catch(() => entries.delete(key));
    while (cache.size > MAX_WEEKS) cache.delete(cache.keys().next().value!);
  }
  return hit;
}
