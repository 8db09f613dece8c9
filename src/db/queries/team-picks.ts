/**
 * Team picks (issue #15): the papers a subscription's readers liked or saved in a time window (the
 * week a digest covers), with who and when, for the top of the next digest. One statement.
 */
import { and, desc, eq, gte, inArray, lt } from "drizzle-orm";
import type { Database } from "../client";
import { papers, subscriptionFeedback } from "../schema";

export interface TeamSignalRow {
  paperKey: string;
  arxivId: string | null;
  title: string;
  by: string;
  signal: "up" | "save";
  at: number;
}

/** Most recent first; at most `limit` signals (a team marks tens, not thousands, in a week). */
export async function teamSignalsBetween(
  db: Database,
  subscriptionId: string,
  from: number,
  to: number,
  limit = 200,
): Promise<TeamSignalRow[]> {
  const rows = await db
    .select({
      paperKey: subscriptionFeedback.paperKey,
      arxivId: papers.arxivId,
      title: papers.headline,
      by: subscriptionFeedback.by,
      signal: subscriptionFeedback.signal,
      at: subscriptionFeedback.at,
    })
    .from(subscriptionFeedback)
    .innerJoin(papers, eq(papers.key, subscriptionFeedback.paperKey))
    .where(
      and(
        eq(subscriptionFeedback.subscriptionId, subscriptionId),
        inArray(subscriptionFeedback.signal, ["up", "save"]),
        gte(subscriptionFeedback.at, from),
        lt(subscriptionFeedback.at, to),
      ),
    )
    .orderBy(desc(subscriptionFeedback.at))
    .limit(limit);
  return rows.map((r) => ({ ...r, signal: r.signal === "save" ? "save" : "up" }));
}
