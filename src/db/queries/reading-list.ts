/**
 * A subscription's reading list (issue #15): the papers its readers saved (signal `save`), one row
 * per paper however many readers saved it, newest save first, with the paper's fields a list or a
 * BibTeX export needs; and its signals counted by kind. Read-only; signals are written by
 * queries/feedback.ts.
 */
import { sql } from "drizzle-orm";
import type { Database } from "../client";
import type { Signal } from "./feedback";

export interface SavedPaper {
  paperKey: string;
  arxivId: string | null;
  /** The source's title, else the headline (as the digest shows it). */
  title: string;
  authors: string[];
  /** Primary category first, when the source said which. */
  categories: string[];
  doi: string | null;
  /** ISO date of the first version, when known. */
  publishedAt: string | null;
  /** Who saved it (`''` is the API), newest first. */
  savers: Array<{ by: string; at: number }>;
  /** The newest save. */
  at: number;
}

export interface SavedPage {
  papers: SavedPaper[];
  /** Saved papers in all, beyond the `limit` too. */
  total: number;
}

interface Row {
  paperKey: string;
  arxivId: string | null;
  title: string;
  authors: string;
  categories: string;
  doi: string | null;
  publishedAt: string | null;
  savers: string;
  at: number;
  total: number;
}

/** A JSON column read defensively: a list of strings, or none. */
function strings(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

function saversOf(json: string): Array<{ by: string; at: number }> {
  try {
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value)) return [];
    return value
      .filter(
        (v): v is { by: string; at: number } =>
          typeof v === "object" && v !== null && typeof v.by === "string" && typeof v.at === "number",
      )
      .sort((a, b) => b.at - a.at || a.by.localeCompare(b.by));
  } catch {
    return [];
  }
}

/**
 * The saved papers, newest save first, at most `limit`; `total` counts them all (a window over the
 * grouped rows, so one statement). Saves of papers the store no longer has are left out.
 */
export async function savedPapers(db: Database, subscriptionId: string, limit: number): Promise<SavedPage> {
  const rows = await db.all<Row>(sql`
    SELECT f.paper_key AS paperKey, p.arxiv_id AS arxivId, coalesce(p.title, p.headline) AS title,
      p.authors AS authors, p.categories AS categories, p.doi AS doi, p.published_at AS publishedAt,
      json_group_array(json_object('by', f.by, 'at', f.at)) AS savers, max(f.at) AS at,
      count(*) OVER () AS total
    FROM subscription_feedback f JOIN papers p ON p.key = f.paper_key
    WHERE f.subscription_id = ${subscriptionId} AND f.signal = 'save'
    GROUP BY f.paper_key
    ORDER BY at DESC, f.paper_key
    LIMIT ${limit}`);
  return {
    papers: rows.map((r) => ({
      paperKey: r.paperKey,
      arxivId: r.arxivId,
      title: r.title,
      authors: strings(r.authors),
      categories: strings(r.categories),
      doi: r.doi,
      publishedAt: r.publishedAt,
      savers: saversOf(r.savers),
      at: r.at,
    })),
    total: rows[0]?.total ?? 0,
  };
}

/** The subscription's signals by kind: how many readers' signals, on how many papers. */
export async function signalCounts(
  db: Database,
  subscriptionId: string,
): Promise<Record<Signal, { signals: number; papers: number }>> {
  const rows = await db.all<{ signal: Signal; signals: number; papers: number }>(sql`
    SELECT signal, count(*) AS signals, count(DISTINCT paper_key) AS papers
    FROM subscription_feedback WHERE subscription_id = ${subscriptionId} GROUP BY signal`);
  const counts = {
    up: { signals: 0, papers: 0 },
    down: { signals: 0, papers: 0 },
    save: { signals: 0, papers: 0 },
  };
  for (const r of rows) if (r.signal in counts) counts[r.signal] = { signals: r.signals, papers: r.papers };
  return counts;
}
