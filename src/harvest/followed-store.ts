/** The followed categories and queries: the stored configuration, else the deployment's default. */
import type { Database } from "../db/client";
import { loadFollowedRow, saveFollowedRow } from "../db/queries/harvest";
import { type Followed, sourcesOf } from "./followed";

export interface FollowedConfig extends Followed {
  /** `stored`: set through the API; `default`: `HARVEST_CATEGORIES`, nothing stored yet. */
  origin: "stored" | "default";
  updatedAt: string | null;
}

export async function loadFollowed(db: Database, defaultCategories: string[]): Promise<FollowedConfig> {
  const row = await loadFollowedRow(db);
  if (row === null) return { categories: defaultCategories, queries: [], origin: "default", updatedAt: null };
  return {
    categories: row.categories,
    queries: row.queries,
    origin: "stored",
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

/** Replaces the followed sources. A newly followed source starts fresh (its old cursor, if any, is dropped). */
export async function saveFollowed(
  db: Database,
  followed: Followed,
  now: number,
  defaultCategories: string[],
): Promise<FollowedConfig> {
  const before = new Set(sourcesOf(await loadFollowed(db, defaultCategories)).map((s) => s.name));
  const added = sourcesOf(followed)
    .map((s) => s.name)
    .filter((name) => !before.has(name));
  await saveFollowedRow(db, followed, now, added);
  return { ...followed, origin: "stored", updatedAt: new Date(now).toISOString() };
}
