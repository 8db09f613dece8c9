/**
 * A subscription's followed authors alone (`/paper follow` and `unfollow`, issue #15), changed
 * without touching its keywords, excluded words or seed papers. PUT …/interests replaces the whole
 * interests (seeds from a BibTeX export included, whose text is not stored), so a one-author change
 * cannot go through it. Compare-and-set on the stored JSON text: two members following at once
 * never lose one another's change (the caller reads again and retries).
 */
import type { Database } from "../client";

export interface StoredAuthors {
  /** The column as stored, compared on write; null when the subscription has no interests row. */
  raw: string | null;
  authors: string[];
}

export async function loadFollowedAuthors(db: Database, subscriptionId: string): Promise<StoredAuthors> {
  const row = await db.$client
    .prepare("SELECT authors FROM subscription_interests WHERE subscription_id = ?1")
    .bind(subscriptionId)
    .first<{ authors: string }>();
  if (!row) return { raw: null, authors: [] };
  let authors: string[] = [];
  try {
    const value: unknown = JSON.parse(row.authors);
    if (Array.isArray(value)) authors = value.filter((v): v is string => typeof v === "string");
  } catch {
    // An unreadable column reads as none; the write below replaces it.
  }
  return { raw: row.authors, authors };
}

/** Writes `authors` if the column still holds `before.raw`; false when someone changed it meanwhile. */
export async function replaceFollowedAuthors(
  db: Database,
  subscriptionId: string,
  before: StoredAuthors,
  authors: readonly string[],
  now: number,
): Promise<boolean> {
  const d1 = db.$client;
  const json = JSON.stringify(authors);
  const result =
    before.raw === null
      ? await d1
          .prepare(
            `INSERT INTO subscription_interests (subscription_id, authors, keywords, exclude, updated_at)
             VALUES (?1, ?2, '[]', '[]', ?3) ON CONFLICT(subscription_id) DO NOTHING`,
          )
          .bind(subscriptionId, json, now)
          .run()
      : await d1
          .prepare(
            "UPDATE subscription_interests SET authors = ?2, updated_at = ?3 WHERE subscription_id = ?1 AND authors = ?4",
          )
          .bind(subscriptionId, json, now, before.raw)
          .run();
  return result.meta.changes === 1;
}
