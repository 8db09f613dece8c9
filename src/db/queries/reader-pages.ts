/**
 * What the reader's pages read (issue #14): the paper a feedback link names, the signals the
 * page's reader gave, and the published weeks around the page's week. The page, the e-mail's feedback links and the API are one reader (`by` is ''),
 * so a signal given on any of them shows as pressed on the others; Slack members are readers of
 * their own and are not shown.
 */
import { and, desc, eq, gt, lt, sql } from "drizzle-orm";
import type { Database } from "../client";
import { digests, paperAliases, papers, subscriptionFeedback } from "../schema";
import type { Signal } from "./feedback";

/** The reader that is not a Slack member (the schema stores it as ''). */
const PAGE_READER = "";

export interface NamedPaper {
  key: string;
  arxivId: string | null;
  /** The source's title, else the headline derived from the abstract. */
  title: string;
}

/** The stored paper `key` names (an alias resolves to the paper it points to); null when unknown. */
export async function namedPaper(db: Database, key: string): Promise<NamedPaper | null> {
  const canonical = sql`coalesce((SELECT ${paperAliases.paperKey} FROM ${paperAliases} WHERE ${paperAliases.aliasKey} = ${key}), ${key})`;
  const [row] = await db
    .select({ key: papers.key, arxivId: papers.arxivId, title: papers.headline })
    .from(papers)
    .where(eq(papers.key, canonical))
    .limit(1);
  return row ?? null;
}

/** The page reader's current signal on one paper, or null. */
export async function pageSignalOf(
  db: Database,
  subscriptionId: string,
  paperKey: string,
): Promise<Signal | null> {
  const [row] = await db
    .select({ signal: subscriptionFeedback.signal })
    .from(subscriptionFeedback)
    .where(
      and(
        eq(subscriptionFeedback.subscriptionId, subscriptionId),
        eq(subscriptionFeedback.paperKey, paperKey),
        eq(subscriptionFeedback.by, PAGE_READER),
      ),
    )
    .limit(1);
  return row?.signal ?? null;
}

/**
 * The page reader's signals by paper, newest first, up to `limit` (one reader marks a few papers a
 * week; the cap only bounds a page's work however long the subscription has run).
 */
export async function pageSignals(
  db: Database,
  subscriptionId: string,
  limit: number,
): Promise<Map<string, Signal>> {
  const rows = await db
    .select({ paperKey: subscriptionFeedback.paperKey, signal: subscriptionFeedback.signal })
    .from(subscriptionFeedback)
    .where(
      and(eq(subscriptionFeedback.subscriptionId, subscriptionId), eq(subscriptionFeedback.by, PAGE_READER)),
    )
    .orderBy(desc(subscriptionFeedback.at))
    .limit(limit);
  return new Map(rows.map((r) => [r.paperKey, r.signal]));
}

/** The published weeks either side of `week` (null where there is none). ISO weeks sort in time. */
export async function publishedNeighbours(
  db: Database,
  week: string,
): Promise<{ previous: string | null; next: string | null }> {
  const [before, after] = await db.batch([
    db
      .select({ week: sql<string | null>`max(${digests.week})` })
      .from(digests)
      .where(lt(digests.week, week)),
    db
      .select({ week: sql<string | null>`min(${digests.week})` })
      .from(digests)
      .where(gt(digests.week, week)),
  ]);
  return { previous: before[0]?.week ?? null, next: after[0]?.week ?? null };
}
