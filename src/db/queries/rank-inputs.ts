/**
 * What ranking a week for one subscription reads (issue #13): the week's papers' ranking
 * representations, and the subscription's examples (matched seeds, readers' signals) with theirs.
 * A constant number of statements: one per ~900 KB of keys for the papers, one batch for the
 * profile (and the team picks), whatever the corpus size.
 */
import { sql } from "drizzle-orm";
import { chunkForJsonParam, type Database } from "../client";
import { publishedAtOf, publishedAtStatement } from "./digests";
import type { Signal } from "./feedback";
import { type InterestWords, interestWordsOf, interestWordsStatement } from "./interests";
import { type TeamSignalRow, teamSignalRows, teamSignalsStatement } from "./team-picks";

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

/**
 * An example paper as the profile reads it: its vector by its tag (the caller has it decoded, or
 * reads it with loadRankVectors), inline where it has no tag, rebuilt from its text where none is
 * stored (rows from before migration 0009).
 */
export interface ExampleRow {
  key: string;
  headline: string;
  rankVectorTag: string | null;
  /** The stored vector, only where it has no tag. */
  rankVector: string | null;
  /** The text, only where no vector is stored. */
  text: { title: string | null; abstract: string; authors: string[] } | null;
  /** Seeds: when set; signals: when given. */
  at: number;
}

export interface SignalExampleRow extends ExampleRow {
  signal: Signal;
}

/** An example's columns for json_array, from `p` (papers) and the subquery's `at`. */
const EXAMPLE_COLUMNS = `p.key, p.headline, p.rank_vector_tag AS tag,
  CASE WHEN p.rank_vector_tag IS NULL THEN p.rank_vector END AS vector,
  CASE WHEN p.rank_vector IS NULL THEN p.title END AS title,
  CASE WHEN p.rank_vector IS NULL THEN p.abstract_plain END AS abstract,
  CASE WHEN p.rank_vector IS NULL THEN p.authors END AS authors`;
const EXAMPLE_ARRAY = "json_array(key, headline, tag, vector, title, abstract, authors, at, signal)";

type RawExample = [
  key: string,
  headline: string,
  tag: string | null,
  vector: string | null,
  title: string | null,
  abstract: string | null,
  authors: string | null,
  at: number,
  signal: Signal | null,
];

/**
 * The rows of a statement that aggregates its examples into one JSON value: 500 examples as 500
 * rows cost the D1 binding ~10 ms of CPU turning columns into objects, one string ~1 ms.
 */
function examplesOf(results: readonly unknown[]): Array<ExampleRow & { signal: Signal | null }> {
  const json = (results[0] as { examples: string } | undefined)?.examples ?? "[]";
  return (JSON.parse(json) as RawExample[]).map(
    ([key, headline, tag, vector, title, abstract, authors, at, signal]) => ({
      key,
      headline,
      rankVectorTag: tag,
      rankVector: vector,
      text:
        vector === null && tag === null
          ? { title, abstract: abstract ?? "", authors: JSON.parse(authors ?? "[]") as string[] }
          : null,
      at,
      signal,
    }),
  );
}

/**
 * In one order whatever order SQLite aggregated them in (json_group_array keeps none): newest
 * first, then by key. The ranking trains on the examples in this order, so a reload ranks alike.
 */
function newestFirst<T extends ExampleRow>(rows: T[]): T[] {
  return rows.sort((a, b) => b.at - a.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The window a digest covers, for its team picks. */
export interface TeamWindow {
  from: number;
  to: number;
}

export interface ProfileReadOptions {
  /** Read the team's picks in this window too (the week a digest covers). */
  teamWindow?: TeamWindow;
  /** Read when this week's digest was published too. */
  publishedWeek?: string;
}

export interface ProfileRows {
  interests: InterestWords | null;
  seeds: ExampleRow[];
  signals: SignalExampleRow[];
  /** The readers' likes and saves in `teamWindow` (empty without one). */
  teamSignals: TeamSignalRow[];
  /** When `publishedWeek` was published; null when it is not (or none was asked). */
  publishedAt: number | null;
}

/**
 * In one D1 batch (locally each round trip costs ~4 ms of CPU, more than the statements): the
 * interest words, the subscription's matched seeds (arXiv refs by key, DOI refs by the paper's DOI,
 * so a seed counts from the moment its paper arrives), its newest `limit` signals, each with its
 * paper; on demand its team picks in a window and when a week was published. A tagged vector is
 * not read here: up to 500 of them are ~1.3 MB, most of a request's CPU, and the isolate usually
 * has them decoded already (digest/subscriber-profile.ts reads the missing ones).
 */
export async function loadProfileRows(
  db: Database,
  subscriptionId: string,
  limit: number,
  { teamWindow, publishedWeek }: ProfileReadOptions = {},
): Promise<ProfileRows> {
  const d1 = db.$client;
  const statements = [
    interestWordsStatement(d1, subscriptionId),
    // Matched seeds: arXiv refs by key, DOI refs by the paper's DOI (so a seed counts once its paper arrives).
    d1
      .prepare(
        `SELECT json_group_array(${EXAMPLE_ARRAY}) AS examples FROM (
           SELECT ${EXAMPLE_COLUMNS}, s.added_at AS at, NULL AS signal FROM subscription_seeds s
           JOIN papers p ON p.key = coalesce(s.paper_key, s.ref)
           WHERE s.subscription_id = ?1 AND (s.paper_key IS NOT NULL OR s.ref LIKE 'arxiv:%')
           UNION ALL
           SELECT ${EXAMPLE_COLUMNS}, s.added_at AS at, NULL AS signal FROM subscription_seeds s
           JOIN papers p ON lower(p.doi) = substr(s.ref, 5)
           WHERE s.subscription_id = ?1 AND s.paper_key IS NULL AND s.ref LIKE 'doi:%'
           LIMIT ?2)`,
      )
      .bind(subscriptionId, limit),
    d1
      .prepare(
        `SELECT json_group_array(${EXAMPLE_ARRAY}) AS examples FROM (
           SELECT ${EXAMPLE_COLUMNS}, f.at, f.signal FROM subscription_feedback f
           JOIN papers p ON p.key = f.paper_key
           WHERE f.subscription_id = ?1 ORDER BY f.at DESC, f.paper_key LIMIT ?2)`,
      )
      .bind(subscriptionId, limit),
    teamWindow ? teamSignalsStatement(d1, subscriptionId, teamWindow.from, teamWindow.to) : null,
    publishedWeek === undefined ? null : publishedAtStatement(d1, publishedWeek),
  ].filter((statement) => statement !== null);
  const [interests, seeds, signals, ...asked] = await d1.batch(statements);
  const team = teamWindow ? asked.shift() : undefined;
  const published = publishedWeek === undefined ? undefined : asked.shift();
  return {
    interests: interestWordsOf(interests?.results ?? []),
    seeds: newestFirst(examplesOf(seeds?.results ?? [])),
    signals: newestFirst(
      examplesOf(signals?.results ?? []).filter((r): r is SignalExampleRow => r.signal !== null),
    ),
    teamSignals: teamSignalRows(team?.results ?? []),
    publishedAt: publishedAtOf(published?.results ?? []),
  };
}

/** Papers' stored vectors with their tags (a paper gone since, or without a vector, is left out). */
export async function loadRankVectors(
  db: Database,
  keys: readonly string[],
): Promise<Array<{ key: string; rankVector: string; rankVectorTag: string | null }>> {
  const out: Array<{ key: string; rankVector: string; rankVectorTag: string | null }> = [];
  for (const json of chunkForJsonParam(keys)) {
    const rows = await db.all<{ key: string; rank_vector: string; rank_vector_tag: string | null }>(
      sql`SELECT p.key, p.rank_vector, p.rank_vector_tag FROM json_each(${json}) k
          JOIN papers p ON p.key = k.value WHERE p.rank_vector IS NOT NULL`,
    );
    for (const r of rows)
      out.push({ key: r.key, rankVector: r.rank_vector, rankVectorTag: r.rank_vector_tag });
  }
  return out;
}
