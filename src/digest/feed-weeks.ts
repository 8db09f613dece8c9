/**
 * What the Atom feeds list (issue #14): the last few published weeks, as published. A feed never
 * shows the live preview: its entries must not change or vanish between two polls of a reader.
 * pages/feed-entries.ts turns these into feed entries.
 */
import type { Database } from "../db/client";
import { listPublished } from "../db/queries/digests";
import { loadThemeLabels } from "../db/queries/themes";
import { publishedDigest } from "./published-digest-cache";
import { buildSubscriberDigest, DEFAULT_PICKS, type SubscriberDigest } from "./subscriber-digest";
import { loadSubscriberProfile } from "./subscriber-profile";
import type { SubscriptionFilter } from "./subscriber-ranking";
import type { Digest, DigestTheme } from "./types";

/**
 * Weeks in a subscription's feed. Each week is ranked for the subscription, and the prepared weeks
 * the ranking reads are cached three at a time per isolate (rank-week-cache.ts, first in first
 * out): a fourth week would evict and reload every week on every poll.
 */
export const SUBSCRIPTION_FEED_WEEKS = 3;
/** Weeks in a theme's feed: as many as the published-digest cache keeps (it parses each once). */
export const THEME_FEED_WEEKS = 4;

export interface PublishedWeek {
  week: string;
  /** When the week was published (ms): its entries' `updated`. */
  publishedAt: number;
  digest: Digest;
}

/** The newest `count` published weeks, newest first. */
export async function recentPublishedWeeks(db: Database, count: number): Promise<PublishedWeek[]> {
  const rows = await listPublished(db, count);
  const weeks = await Promise.all(
    rows.map(async (row) => {
      const digest = await publishedDigest(db, row.week);
      return digest && { week: row.week, publishedAt: row.publishedAt, digest };
    }),
  );
  return weeks.filter((w): w is PublishedWeek => w !== null);
}

export interface SubscriberFeedWeek {
  week: string;
  publishedAt: number;
  brief: SubscriberDigest;
}

/**
 * The subscription's picks of each recent published week, newest week first, as its digest would
 * list them now (ranked by its interests and signals as they are today).
 */
export async function subscriberFeedWeeks(
  db: Database,
  subscription: SubscriptionFilter & { digestSize: number | null },
  publicBaseUrl: string,
): Promise<SubscriberFeedWeek[]> {
  const [weeks, profile] = await Promise.all([
    recentPublishedWeeks(db, SUBSCRIPTION_FEED_WEEKS),
    loadSubscriberProfile(db, subscription.id),
  ]);
  const limit = subscription.digestSize ?? DEFAULT_PICKS;
  // One week after the other (the rank cache prepares each week once); the profile is read once.
  const out: SubscriberFeedWeek[] = [];
  for (const w of weeks) {
    const brief = await buildSubscriberDigest(db, {
      digest: w.digest,
      subscription,
      limit,
      publicBaseUrl,
      profile,
    });
    out.push({ week: w.week, publishedAt: w.publishedAt, brief });
  }
  return out;
}

export interface ThemeFeedWeek {
  week: string;
  publishedAt: number;
  theme: DigestTheme;
}

export interface ThemeFeedSource {
  id: string;
  /** Its label now (a theme's label can change; the feed's title follows it). */
  label: string;
  /** The recent published weeks it had papers in, newest first. */
  weeks: ThemeFeedWeek[];
  /** The newest of the recent published weeks (the feed's `updated` when the theme had none). */
  newestPublishedAt: number | null;
}

/**
 * A theme's recent weeks, or null when no stored theme and no recent week has this id. Its label:
 * the stored one (operator themes are renamed there), else the newest week's.
 */
export async function themeFeedSource(db: Database, themeId: string): Promise<ThemeFeedSource | null> {
  const [weeks, stored] = await Promise.all([
    recentPublishedWeeks(db, THEME_FEED_WEEKS),
    loadThemeLabels(db),
  ]);
  const found: ThemeFeedWeek[] = [];
  for (const w of weeks) {
    const theme = w.digest.themes.find((t) => t.id === themeId);
    if (theme) found.push({ week: w.week, publishedAt: w.publishedAt, theme });
  }
  const label = stored.find((t) => t.id === themeId)?.label ?? found[0]?.theme.label;
  if (label === undefined) return null;
  return { id: themeId, label, weeks: found, newestPublishedAt: weeks[0]?.publishedAt ?? null };
}
