import { count, desc } from "drizzle-orm";
import type { Database } from "../client";
import { papers } from "../schema";

/** The most recently first-seen papers and how many the bot holds, in one round trip. */
export async function loadRecentPapers(db: Database, limit: number) {
  const [recent, totals] = await db.batch([
    db
      .select({
        key: papers.key,
        arxivId: papers.arxivId,
        headline: papers.headline,
        authors: papers.authors,
        codeLinks: papers.codeLinks,
        latestVersion: papers.latestVersion,
        firstSeenAt: papers.firstSeenAt,
      })
      .from(papers)
      .orderBy(desc(papers.firstSeenAt), desc(papers.id))
      .limit(limit),
    db.select({ papers: count() }).from(papers),
  ]);
  return { recent, total: totals[0]?.papers ?? 0 };
}
