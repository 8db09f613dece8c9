/**
 * A subscription's interests and seed papers (issue #13): saved whole by PUT …/interests (one D1
 * batch: the interests row, then the seeds replaced), read back for the API and for ranking.
 */
import { eq, sql } from "drizzle-orm";
import { chunkForJsonParam, type Database } from "../client";
import { subscriptionInterests, subscriptionSeeds } from "../schema";

export type InterestsRow = typeof subscriptionInterests.$inferSelect;
export type SeedRow = typeof subscriptionSeeds.$inferSelect;
export type NewSeed = Omit<SeedRow, "subscriptionId" | "addedAt">;

export interface InterestWords {
  authors: string[];
  keywords: string[];
  exclude: string[];
}

const INSERT_SEEDS = `
  INSERT INTO subscription_seeds (subscription_id, ref, given, source, paper_key, added_at)
  SELECT ?2, json_extract(value, '$.ref'), json_extract(value, '$.given'), json_extract(value, '$.source'),
    json_extract(value, '$.paperKey'), ?3
  FROM json_each(?1) WHERE true
  ON CONFLICT(subscription_id, ref) DO NOTHING`;

/** Replaces the subscription's interests and seeds in one transaction. */
export async function saveInterests(
  db: Database,
  subscriptionId: string,
  words: InterestWords,
  seeds: readonly NewSeed[],
  now: number,
): Promise<void> {
  const d1 = db.$client;
  await d1.batch([
    d1
      .prepare(
        `INSERT INTO subscription_interests (subscription_id, authors, keywords, exclude, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(subscription_id) DO UPDATE SET authors = excluded.authors, keywords = excluded.keywords,
           exclude = excluded.exclude, updated_at = excluded.updated_at`,
      )
      .bind(
        subscriptionId,
        JSON.stringify(words.authors),
        JSON.stringify(words.keywords),
        JSON.stringify(words.exclude),
        now,
      ),
    d1.prepare("DELETE FROM subscription_seeds WHERE subscription_id = ?1").bind(subscriptionId),
    ...chunkForJsonParam(seeds).map((json) => d1.prepare(INSERT_SEEDS).bind(json, subscriptionId, now)),
  ]);
}

/**
 * The interest words alone (one row, or none when the subscription never said any): what ranking
 * reads. A statement, so the subscriber's other reads can share its round trip (rank-inputs.ts).
 */
export function interestWordsStatement(d1: D1Database, subscriptionId: string): D1PreparedStatement {
  return d1
    .prepare("SELECT authors, keywords, exclude FROM subscription_interests WHERE subscription_id = ?1")
    .bind(subscriptionId);
}

/** interestWordsStatement's row; null without one. */
export function interestWordsOf(rows: readonly unknown[]): InterestWords | null {
  const row = rows[0] as { authors: string; keywords: string; exclude: string } | undefined;
  if (!row) return null;
  const list = (json: string) => JSON.parse(json) as string[];
  return { authors: list(row.authors), keywords: list(row.keywords), exclude: list(row.exclude) };
}

/** The stored interests (null when the subscription never said any) and its seeds. */
export async function loadInterests(
  db: Database,
  subscriptionId: string,
): Promise<{ interests: InterestsRow | null; seeds: SeedRow[] }> {
  const [interests, seeds] = await db.batch([
    db.select().from(subscriptionInterests).where(eq(subscriptionInterests.subscriptionId, subscriptionId)),
    db
      .select()
      .from(subscriptionSeeds)
      .where(eq(subscriptionSeeds.subscriptionId, subscriptionId))
      .orderBy(subscriptionSeeds.addedAt, subscriptionSeeds.ref),
  ]);
  return { interests: interests[0] ?? null, seeds };
}

/**
 * Which of these normalised refs the bot has, and under which key: `arxiv:` refs by key (or an
 * alias), `doi:` refs by the case-folded DOI. One statement whatever the count.
 */
export async function matchSeedRefs(db: Database, refs: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const json of chunkForJsonParam(refs)) {
    const rows = await db.all<{ ref: string; key: string }>(sql`
      SELECT r.value AS ref, p.key AS key FROM json_each(${json}) r
      JOIN papers p ON p.key = coalesce((SELECT a.paper_key FROM paper_aliases a WHERE a.alias_key = r.value), r.value)
      WHERE r.value LIKE 'arxiv:%' OR r.value LIKE 'fp:%'
      UNION ALL
      SELECT r.value, p.key FROM json_each(${json}) r
      JOIN papers p ON lower(p.doi) = substr(r.value, 5)
      WHERE r.value LIKE 'doi:%'`);
    for (const row of rows) if (!found.has(row.ref)) found.set(row.ref, row.key);
  }
  return found;
}

/** Papers whose headline has these words (FTS5), for matching BibTeX entries known by title only. */
export async function papersByTitleWords(
  db: Database,
  match: string,
  limit: number,
): Promise<Array<{ key: string; headline: string }>> {
  return db.all<{ key: string; headline: string }>(sql`
    SELECT p.key AS key, p.headline AS headline FROM papers_fts JOIN papers p ON p.id = papers_fts.rowid
    WHERE papers_fts MATCH ${match} ORDER BY bm25(papers_fts, 5.0, 1.0, 3.0) LIMIT ${limit}`);
}
