/**
 * Team picks (issue #15): the papers a subscription's readers liked or saved in a time window (the
 * week a digest covers), with who and when, for the top of the next digest. One statement.
 */
import type { Database } from "../client";

export interface TeamSignalRow {
  paperKey: string;
  arxivId: string | null;
  title: string;
  by: string;
  signal: "up" | "save";
  at: number;
}

interface RawTeamSignal {
  paper_key: string;
  arxiv_id: string | null;
  title: string;
  by: string;
  signal: string;
  at: number;
}

/**
 * Most recent first; at most `limit` signals (a team marks tens, not thousands, in a week). A
 * statement, so the subscriber's other reads can share its round trip (rank-inputs.ts).
 */
export function teamSignalsStatement(
  d1: D1Database,
  subscriptionId: string,
  from: number,
  to: number,
  limit = 200,
): D1PreparedStatement {
  return d1
    .prepare(
      `SELECT f.paper_key, p.arxiv_id, p.headline AS title, f.by, f.signal, f.at
       FROM subscription_feedback f JOIN papers p ON p.key = f.paper_key
       WHERE f.subscription_id = ?1 AND f.signal IN ('up', 'save') AND f.at >= ?2 AND f.at < ?3
       ORDER BY f.at DESC LIMIT ?4`,
    )
    .bind(subscriptionId, from, to, limit);
}

/** teamSignalsStatement's rows. */
export function teamSignalRows(rows: readonly unknown[]): TeamSignalRow[] {
  return (rows as RawTeamSignal[]).map((r) => ({
    paperKey: r.paper_key,
    arxivId: r.arxiv_id,
    title: r.title,
    by: r.by,
    signal: r.signal === "save" ? "save" : "up",
    at: r.at,
  }));
}

export async function teamSignalsBetween(
  db: Database,
  subscriptionId: string,
  from: number,
  to: number,
  limit = 200,
): Promise<TeamSignalRow[]> {
  const { results } = await teamSignalsStatement(db.$client, subscriptionId, from, to, limit).all();
  return teamSignalRows(results);
}
