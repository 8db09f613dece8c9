/**
 * The week's papers as the ranking engine takes them. A published week's papers are read and
 * decoded once per isolate (a few weeks kept): the weekly fan-out ranks thousands of
 * subscriptions against the same week, one queue message each, and must not read 1,000 rows
 * for every one of them. The live preview is read fresh.
 */
import type { Database } from "../db/client";
import { loadRankPapers } from "../db/queries/rank-inputs";
import type { RankPaper } from "../rank";
import { rankPaperOf } from "./subscriber-profile";
import type { Digest } from "./types";

const MAX_WEEKS = 3;
// Per database binding, so two databases (two test files, two environments) never share entries.
const caches = new WeakMap<object, Map<string, Promise<Map<string, RankPaper>>>>();

async function load(db: Database, keys: readonly string[]): Promise<Map<string, RankPaper>> {
  const rows = await loadRankPapers(db, keys);
  return new Map(rows.map((row) => [row.key, rankPaperOf(row)]));
}

/** Every new paper of the week: what a subscription's filters choose from. */
export function newPaperKeys(digest: Digest): string[] {
  return digest.themes.flatMap((t) => t.papers.map((p) => p.key));
}

/**
 * The papers of `keys` (new papers of `digest`, the week unfiltered), in their order; papers the
 * store no longer has are left out. A published week is loaded whole once and cached.
 */
export async function weekRankPapers(
  db: Database,
  digest: Digest,
  keys: readonly string[],
): Promise<RankPaper[]> {
  let byKey: Map<string, RankPaper>;
  if (digest.status !== "published") {
    byKey = await load(db, keys);
  } else {
    let cache = caches.get(db.$client);
    if (!cache) {
      cache = new Map();
      caches.set(db.$client, cache);
    }
    let hit = cache.get(digest.week);
    if (!hit) {
      hit = load(db, newPaperKeys(digest));
      cache.set(digest.week, hit);
      const entries = cache;
      const week = digest.week;
      hit.catch(() => entries.delete(week));
      while (cache.size > MAX_WEEKS) cache.delete(cache.keys().next().value!);
    }
    byKey = await hit;
  }
  return keys.flatMap((k) => byKey.get(k) ?? []);
}
