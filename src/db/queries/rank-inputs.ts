/**
 * What ranking a week for one subscription reads (issue #13): the week's papers' ranking
 * representations, and the subscription's examples (matched seeds, readers' signals) with theirs.
 * A constant number of statements: one per ~900 KB of keys for the papers, one batch of three for
 * the profile, whatever the corpus size.
 */
import { sql } from "drizzle-orm";
import { chunkForJsonParam, type Database } from "../client";
import type { Signal } from "./feedback";

/** A paper as ranking needs it (`rankVector` null: rebuild it from the text). */
export interface RankPaperRow {
  key: string;
  title: string | null;
  headline: string;
  abstractPlain: string;
  authors: string[];
  rankVector: string | null;
}

interface RawPaper {
  key: string;
  title: string | null;
  headline: string;
  abstract_plain: string;
  authors: string;
  rank_vector: string | null;
}

const PAPER_COLUMNS = sql.raw("p.key, p.title, p.headline, p.abstract_plain, p.authors, p.rank_vector");

function toPaper(r: RawPaper): RankPaperRow {
  return {
    key: r.key,
    title: r.title,
    headline: r.headline,
    abstractPlain: r.abstract_plain,
    authors: JSON.parse(r.authors) as string[],
    rankVector: r.rank_vector,
  };
}

export async function loadRankPapers(db: Database, keys: readonly string[]): Promise<RankPaperRow[]> {
  const rows: RankPaperRow[] = [];
  for (const json of chunkForJsonParam(keys)) {
    const chunk = await db.all<RawPaper>(
      sql`SELECT ${PAPER_COLUMNS} FROM json_each(${json}) k JOIN papers p ON p.key = k.value`,
    );
    for (const r of chunk) rows.push(toPaper(r));
  }
  return rows;
}

export interface SeedExampleRow extends RankPaperRow {
  ref: string;
  addedAt: number;
}

export interface SignalExampleRow extends RankPaperRow {
  signal: Signal;
  by: string;
  at: number;
}

/**
 * The subscription's matched seeds (arXiv refs by key, DOI refs by the paper's DOI, so a seed
 * counts from the moment its paper arrives) and its newest `limit` signals, each with its paper.
 */
export async function loadProfileExamples(
  db: Database,
  subscriptionId: string,
  limit: number,
): Promise<{ seeds: SeedExampleRow[]; signals: SignalExampleRow[] }> {
  const d1 = db.$client;
  // The abstract only where no vector is stored (it is rebuilt from the text): 500 examples'
  // abstracts would be ~1 MB read for nothing.
  const columns =
    "p.key, p.title, p.headline, CASE WHEN p.rank_vector IS NULL THEN p.abstract_plain ELSE '' END AS abstract_plain, p.authors, p.rank_vector";
  const [seeds, signals] = await d1.batch<
    RawPaper & { ref: string; added_at: number; signal: Signal; by: string; at: number }
  >([
    d1
      .prepare(
        `SELECT s.ref, s.added_at, ${columns} FROM subscription_seeds s
         JOIN papers p ON p.key = coalesce(s.paper_key, s.ref)
         WHERE s.subscription_id = ?1 AND (s.paper_key IS NOT NULL OR s.ref LIKE 'arxiv:%')
         UNION ALL
         SELECT s.ref, s.added_at, ${columns} FROM subscription_seeds s
         JOIN papers p ON lower(p.doi) = substr(s.ref, 5)
         WHERE s.subscription_id = ?1 AND s.paper_key IS NULL AND s.ref LIKE 'doi:%'
         LIMIT ?2`,
      )
      .bind(subscriptionId, limit),
    d1
      .prepare(
        `SELECT f.signal, f.by, f.at, ${columns} FROM subscription_feedback f
         JOIN papers p ON p.key = f.paper_key
         WHERE f.subscription_id = ?1 ORDER BY f.at DESC LIMIT ?2`,
      )
      .bind(subscriptionId, limit),
  ]);
  return {
    seeds: (seeds?.results ?? []).map((r) => ({ ...toPaper(r), ref: r.ref, addedAt: r.added_at })),
    signals: (signals?.results ?? []).map((r) => ({ ...toPaper(r), signal: r.signal, by: r.by, at: r.at })),
  };
}
