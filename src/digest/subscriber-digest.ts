/**
 * "What this subscriber gets this week" (issues #13 and #14): one model that every channel renders
 * (e-mail, Slack, webhook, the subscriber's page, its feed) and GET /api/subscriptions/{id}/digest
 * returns. The week's figures; the picks (the subscription's best new papers, each with TL;DR,
 * `why` and links); the week's themes in brief (count, top papers, a link to the rest); the
 * updated and seen-before papers the subscriber would have been shown; the full week on the web.
 */
import type { Database } from "../db/client";
import type { RankedPaper } from "../rank";
import { arxivLinks } from "./arxiv-links";
import { weekRange } from "./iso-week";
import { loadDigestForWeek } from "./read-digests";
import { loadSubscriberWeekInputs, type SubscriberProfile } from "./subscriber-profile";
import {
  orderedDigest,
  rankForSubscription,
  type SubscriberRanking,
  type SubscriptionFilter,
} from "./subscriber-ranking";
import { themeAnchor } from "./theme-anchor";
import type { Digest, DigestLinks, DigestPaper, DigestStatus, SeenBeforeEntry } from "./types";

/** Picks when the subscription names no size (issue #14: 3–50, default 10). */
export const DEFAULT_PICKS = 10;
export const MIN_PICKS = 3;
export const MAX_PICKS = 50;
/** Papers named per theme in the themes' brief. */
const THEME_TOP = 3;
/** Team picks listed at the top of a digest. */
export const TEAM_PICKS = 5;
/** Updated and seen-before papers listed; the rest are on the web. */
export const BRIEF_LIST = 5;

export interface SubscriberPick {
  key: string;
  arxivId: string | null;
  title: string;
  authors: string[];
  tldr: string;
  score: number;
  why: string;
  theme: { id: string; label: string };
  links: DigestLinks | null;
}

export interface SubscriberThemeBrief {
  id: string;
  label: string;
  /** The theme's new papers this subscription would see. */
  papers: number;
  top: Array<{ key: string; title: string; links: DigestLinks | null }>;
  url: string;
}

/** A paper the subscription's readers liked or saved during the week (issue #15), with who. */
export interface TeamPick {
  key: string;
  title: string;
  links: DigestLinks | null;
  /** Who liked / saved it: Slack user ids; null for a reader of the API, the mail or the page. */
  up: Array<string | null>;
  save: Array<string | null>;
}

export interface SubscriberDigestFigures {
  /** New papers this week that pass the subscription's filters. */
  newPapers: number;
  /** Named themes among them ("other" not counted). */
  themes: number;
  updated: number;
  seenBefore: number;
  /** New papers of the whole week, unfiltered. */
  weekPapers: number;
}

export interface SubscriberDigest {
  week: string;
  status: DigestStatus;
  subscriptionId: string;
  range: { start: string; end: string };
  /** `profile`: ranked by the subscription's interests and signals; `default`: it has none yet. */
  ranking: "profile" | "default";
  figures: SubscriberDigestFigures;
  /** What the team liked or saved during the week, most recent first (first TEAM_PICKS). */
  teamPicks: TeamPick[];
  picks: SubscriberPick[];
  themes: SubscriberThemeBrief[];
  /** Papers updated this week among those the subscription keeps, the first few. */
  updated: {
    papers: Array<Pick<DigestPaper, "key" | "title" | "tldr" | "latestVersion" | "links">>;
    total: number;
  };
  /** Records that match papers first seen earlier, among those it keeps, the first few. */
  seenBefore: { entries: SeenBeforeEntry[]; total: number };
  /** The week's other papers that pass the filters, on the web. */
  more: { papers: number; url: string };
}

export interface SubscriberDigestRequest {
  /** The week's digest, unfiltered (as published, or the live preview). */
  digest: Digest;
  subscription: SubscriptionFilter;
  limit: number;
  publicBaseUrl: string;
  /** The subscription's profile, when the caller has read it already. */
  profile?: SubscriberProfile;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export async function buildSubscriberDigest(
  db: Database,
  request: SubscriberDigestRequest,
): Promise<SubscriberDigest> {
  const ranking = await rankForSubscription(db, request.digest, request.subscription, {
    profile: request.profile,
    explain: request.limit,
  });
  return briefOf(ranking, request.limit, request.publicBaseUrl);
}

/**
 * `week`'s digest for the subscription (null when the week has none: not started, or finished and
 * not published), reading the subscription's profile, its team picks and the week's publication
 * in one D1 round trip (each costs ~4 ms of CPU locally, more than the statements in it).
 */
export async function subscriberDigestForWeek(
  db: Database,
  request: Omit<SubscriberDigestRequest, "digest" | "profile"> & { week: string; now: number },
): Promise<SubscriberDigest | null> {
  const { week, now, subscription, limit, publicBaseUrl } = request;
  const range = weekRange(week);
  if (range.start > now) return null;
  const { profile, teamSignals, publishedAt } = await loadSubscriberWeekInputs(db, subscription.id, {
    teamWindow: { from: range.start, to: range.end },
    publishedWeek: week,
  });
  const digest = await loadDigestForWeek(db, week, now, publishedAt);
  if (digest === null) return null;
  const ranking = await rankForSubscription(db, digest, subscription, {
    profile,
    teamSignals,
    explain: limit,
  });
  return briefOf(ranking, limit, publicBaseUrl);
}

/**
 * The model from a ranking already made. `kept`: the ranking's ordered digest, when the caller has
 * it already (a delivery sends it too; it walks the whole week).
 */
export function briefOf(
  r: SubscriberRanking,
  limit: number,
  publicBaseUrl: string,
  kept = orderedDigest(r),
): SubscriberDigest {
  const { week } = r;
  const where = new Map<string, { paper: DigestPaper; theme: { id: string; label: string } }>();
  for (const t of r.filtered.themes) {
    for (const paper of t.papers) where.set(paper.key, { paper, theme: { id: t.id, label: t.label } });
  }
  const webUrl = `${publicBaseUrl}/digests/${week.week}`;
  const picks = r.ranked.slice(0, limit).map((ranked) => pickOf(ranked, where.get(ranked.key)!));
  // Each theme's brief lists its papers in this subscription's order.
  const briefs = new Map<string, SubscriberThemeBrief>();
  for (const ranked of r.ranked) {
    const { paper, theme } = where.get(ranked.key)!;
    let brief = briefs.get(theme.id);
    if (!brief) {
      brief = { ...theme, papers: 0, top: [], url: `${webUrl}#${themeAnchor(theme)}` };
      briefs.set(theme.id, brief);
    }
    brief.papers++;
    if (brief.top.length < THEME_TOP)
      brief.top.push({ key: paper.key, title: paper.title, links: paper.links });
  }
  // Themes in the order of their best paper for this subscriber ("other" last); `briefs` was
  // filled in ranked order, so its insertion order is that order.
  const themes = [...briefs.values()].sort((a, b) => Number(a.id === "other") - Number(b.id === "other"));
  const updated = kept.themes.flatMap((t) => t.updated);
  return {
    week: week.week,
    status: week.status,
    subscriptionId: r.subscriptionId,
    range: week.range,
    ranking: r.ranking,
    figures: {
      newPapers: r.ranked.length,
      themes: kept.themes.filter((t) => t.kind !== "other" && t.papers.length > 0).length,
      updated: updated.length,
      seenBefore: kept.seenBefore.length,
      weekPapers: week.themes.reduce((n, t) => n + t.papers.length, 0),
    },
    teamPicks: teamPicksOf(r),
    picks,
    themes,
    updated: {
      papers: updated.slice(0, BRIEF_LIST).map(({ key, title, tldr, latestVersion, links }) => ({
        key,
        title,
        tldr,
        latestVersion,
        links,
      })),
      total: updated.length,
    },
    seenBefore: { entries: kept.seenBefore.slice(0, BRIEF_LIST), total: kept.seenBefore.length },
    more: { papers: r.ranked.length - picks.length, url: webUrl },
  };
}

function pickOf(
  ranked: RankedPaper,
  { paper, theme }: { paper: DigestPaper; theme: { id: string; label: string } },
): SubscriberPick {
  return {
    key: ranked.key,
    arxivId: paper.arxivId,
    title: paper.title,
    authors: paper.authors,
    tldr: paper.tldr,
    score: round4(ranked.score),
    why: ranked.why,
    theme,
    links: paper.links,
  };
}

function teamPicksOf(r: SubscriberRanking): TeamPick[] {
  const byPaper = new Map<string, TeamPick>();
  for (const row of r.teamSignals) {
    let pick = byPaper.get(row.paperKey);
    if (!pick) {
      if (byPaper.size >= TEAM_PICKS) continue;
      pick = { key: row.paperKey, title: row.title, links: arxivLinks(row.arxivId), up: [], save: [] };
      byPaper.set(row.paperKey, pick);
    }
    pick[row.signal].push(row.by === "" ? null : row.by);
  }
  return [...byPaper.values()];
}
