/** How a harvest run behaves: where arXiv is, how politely and how much it asks. From env (env.ts). */

export interface HarvestSettings {
  /** The arXiv API query endpoint (`https://export.arxiv.org/api/query`). */
  apiUrl: string;
  /** The announcement feeds' base (`https://rss.arxiv.org/rss`); `/<category>` is appended. */
  rssUrl: string;
  userAgent: string;
  /** Followed categories until an admin stores a configuration (`HARVEST_CATEGORIES`). */
  defaultCategories: string[];
  /** Minimum time between two requests to arXiv, retries included (arXiv asks for 3 s). */
  requestIntervalMs: number;
  timeoutMs: number;
  maxAttempts: number;
  /** Longest `Retry-After` a run waits for; a longer one ends the source's turn (next run retries). */
  maxRetryWaitMs: number;
  /** Requests per run, retries included. */
  maxRequests: number;
  /** Wall time a run may spend asking arXiv; the cron then still publishes digests. */
  budgetMs: number;
  /** `max_results` per API page (arXiv allows up to 2000; smaller pages resume more finely). */
  pageSize: number;
  /** The API windows trail the clock by this much: a paper is only visible once announced. */
  apiLagHours: number;
  /** Days of API windows a newly followed source starts with. */
  backfillDays: number;
  /** Runs in a row a window may answer "fewer entries than announced" before it is closed with gaps. */
  maxShortAnswers: number;
  /** Entries re-read before the resume point when a later run resumes a window (they may shift). */
  resumeOverlap: number;
}

export const HARVEST_DEFAULTS = {
  apiUrl: "https://export.arxiv.org/api/query",
  rssUrl: "https://rss.arxiv.org/rss",
  requestIntervalMs: 3000,
  timeoutMs: 30_000,
  maxAttempts: 3,
  maxRetryWaitMs: 60_000,
  maxRequests: 80,
  budgetMs: 6 * 60_000,
  pageSize: 200,
  apiLagHours: 96,
  backfillDays: 1,
  maxShortAnswers: 3,
  resumeOverlap: 20,
} as const;

/** arXiv asks API clients to identify themselves: the bot, where it runs, whom to contact. */
export function harvestUserAgent(publicBaseUrl: string, contact: string | undefined): string {
  const parts = ["arXiv digest harvester", `+${publicBaseUrl}`];
  if (contact) parts.push(`mailto:${contact}`);
  return `arxiv-digest/0.1 (${parts.join("; ")})`;
}
