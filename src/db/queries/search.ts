import { sql } from "drizzle-orm";
import type { Database } from "../client";

export interface SearchHit {
  key: string;
  arxivId: string | null;
  title: string;
  authors: string[];
  latestVersion: number | null;
  publishedAt: string | null;
  firstSeenAt: number;
  snippet: string;
  score: number;
}

interface SearchRow {
  key: string;
  arxiv_id: string | null;
  headline: string;
  authors: string;
  latest_version: number | null;
  published_at: string | null;
  first_seen_at: number;
  snippet: string;
  score: number;
}

/**
 * Runs an FTS5 MATCH expression (built by lookup/search-query.ts, never raw user input),
 * best first (ties by rowid). bm25 weights: a hit in the headline counts 5x one in the abstract,
 * authors 3x. Serves GET /api/search and the Slack `search` command.
 *
 * Ranked in a subquery that carries only rowids: the papers row and the snippet are then read for
 * the `limit` winners alone, instead of for every matching row before the sort. With 100,000
 * papers a common word matches tens of thousands of rows, and this is 1.5–4× faster than joining
 * first (BENCHMARKS.md, Slack section).
 */
export async function searchPapers(db: Database, match: string, limit: number): Promise<SearchHit[]> {
  const rows = await db.all<SearchRow>(sql`
    SELECT p.key, p.arxiv_id, p.headline, p.authors, p.latest_version, p.published_at, p.first_seen_at,
      snippet(papers_fts, 1, '«', '»', '…', 24) AS snippet,
      bm25(papers_fts, 5.0, 1.0, 3.0) AS score
    FROM papers_fts JOIN papers p ON p.id = papers_fts.rowid
    WHERE papers_fts MATCH ${match}
      AND papers_fts.rowid IN (
        SELECT rowid FROM papers_fts WHERE papers_fts MATCH ${match}
        ORDER BY bm25(papers_fts, 5.0, 1.0, 3.0), rowid LIMIT ${limit})
    ORDER BY score, p.id`);
  return rows.map((r) => ({
    key: r.key,
    arxivId: r.arxiv_id,
    title: r.headline,
    authors: JSON.parse(r.authors) as string[],
    latestVersion: r.latest_version,
    publishedAt: r.published_at,
    firstSeenAt: r.first_seen_at,
    snippet: r.snippet,
    // bm25() is lower-is-better and negative; report higher-is-better.
    score: Math.round(-r.score * 1000) / 1000,
  }));
}
