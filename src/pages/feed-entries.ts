/**
 * The two Atom feeds of issue #14 as values for atom-feed.ts: a subscription's picks of its recent
 * weeks (private: its address carries the reader token) and a theme's papers of its recent weeks
 * (public). Ids are tag: URIs (RFC 4151) built from the bot's host, the week and the paper's key,
 * so an entry keeps its id across polls and never carries the token.
 */
import type { SubscriberFeedWeek, ThemeFeedSource } from "../digest/feed-weeks";
import { subscriberFeedPath, subscriberPagePath, themeFeedPath } from "../digest/reader-links";
import { themeAnchor } from "../digest/theme-anchor";
import type { AtomEntry, AtomFeed } from "./atom-feed";

/** Entries in a theme's feed: its newest weeks' papers up to this many. */
export const THEME_FEED_ENTRIES = 100;
/** The tag: URIs' date: fixed once, so ids never change (RFC 4151 only asks that the host was ours then). */
const TAG_DATE = "2025";

const iso = (ms: number) => new Date(ms).toISOString();

/** `tag:<host>,2025:<path>`; each path segment percent-encoded (paper keys hold `:` and `/`). */
export function tagUri(publicBaseUrl: string, ...segments: string[]): string {
  return `tag:${new URL(publicBaseUrl).hostname},${TAG_DATE}:${segments.map(encodeURIComponent).join("/")}`;
}

export interface FeedSubscription {
  id: string;
  channel: "email" | "webhook" | "slack";
  target: string;
  createdAt: number;
}

/**
 * Which subscription the feed is, for a reader who has several, without spelling out the target
 * (a feed reader may show its titles to others): `a…@example.org`, a webhook's host, "Slack".
 */
export function targetHint(s: Pick<FeedSubscription, "channel" | "target">): string {
  if (s.channel === "slack") return "Slack";
  if (s.channel === "email") {
    const at = s.target.lastIndexOf("@");
    return at > 0 ? `${s.target[0]}…${s.target.slice(at)}` : "e-mail";
  }
  try {
    return new URL(s.target).hostname;
  } catch {
    return "webhook";
  }
}

export function subscriptionFeed(input: {
  publicBaseUrl: string;
  subscription: FeedSubscription;
  readerToken: string;
  /** Newest first. */
  weeks: SubscriberFeedWeek[];
}): AtomFeed {
  const { publicBaseUrl: base, subscription: s, weeks } = input;
  const token = `?token=${encodeURIComponent(input.readerToken)}`;
  const entries: AtomEntry[] = weeks.flatMap(({ week, publishedAt, brief }) =>
    brief.picks.map((pick) => ({
      id: tagUri(base, "subscriptions", s.id, week, pick.key),
      title: pick.title,
      // A paper without an arXiv id is read on the week's page, at its theme.
      link: pick.links?.abs ?? brief.themes.find((t) => t.id === pick.theme.id)?.url ?? brief.more.url,
      updated: iso(publishedAt),
      authors: pick.authors,
      summary: `${pick.tldr}\n\nWhy this pick: ${pick.why}`,
      categories: [pick.theme.label],
    })),
  );
  return {
    id: tagUri(base, "subscriptions", s.id),
    title: `arXiv digest: your picks (${targetHint(s)})`,
    subtitle:
      weeks.length === 0
        ? "The papers picked for you each week, as your digest ranks them: none yet, no week is published."
        : `The papers picked for you each week, as your digest ranks them now: the last ${weeks.length === 1 ? "published week" : `${weeks.length} published weeks`}, newest first.`,
    updated: iso(weeks[0]?.publishedAt ?? s.createdAt),
    self: `${base}${subscriberFeedPath(s.id)}${token}`,
    alternate: `${base}${subscriberPagePath(s.id)}${token}`,
    entries,
  };
}

export function themeFeed(input: { publicBaseUrl: string; source: ThemeFeedSource }): AtomFeed {
  const { publicBaseUrl: base, source } = input;
  const anchor = themeAnchor(source);
  const entries: AtomEntry[] = source.weeks
    .flatMap(({ week, publishedAt, theme }) =>
      theme.papers.map((paper) => ({
        id: tagUri(base, "themes", source.id, week, paper.key),
        title: paper.title,
        link: paper.links?.abs ?? `${base}/digests/${week}#${anchor}`,
        published: paper.firstSeenAt,
        updated: iso(publishedAt),
        authors: paper.authors,
        summary: paper.tldr,
        categories: [source.label],
      })),
    )
    .slice(0, THEME_FEED_ENTRIES);
  const newest = source.weeks[0];
  return {
    id: tagUri(base, "themes", source.id),
    title: `arXiv digest: ${source.label}`,
    subtitle: `New papers of the theme "${source.label}" in the recently published weekly digests, newest week first.`,
    updated: iso(newest?.publishedAt ?? source.newestPublishedAt ?? 0),
    self: `${base}${themeFeedPath(source.id)}`,
    alternate: newest ? `${base}/digests/${newest.week}#${anchor}` : `${base}/digests`,
    entries,
  };
}
