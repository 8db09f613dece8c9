/**
 * A week as one subscription receives it (issue #13, contract "each subscriber's digest"): the
 * week's new papers that pass its filters, ranked by what it said (seeds, authors, keywords,
 * readers' signals) through src/rank/, each pick with a score, a `why` and a TL;DR. Without any
 * interests or signals: the most representative papers of the week's themes, one theme after
 * another, so a new subscriber sees the breadth of the week rather than its largest theme.
 */
import type { Database } from "../db/client";
import { hasProfile, type RankedPaper, rankPapers } from "../rank";
import { filterDigest } from "./filter-digest";
import { rankWeekOf } from "./rank-week-cache";
import { loadSubscriberProfile } from "./subscriber-profile";
import { themeAnchor } from "./theme-anchor";
import type { Digest, DigestLinks, DigestPaper, DigestStatus } from "./types";

/** Picks when the caller names no limit (the digest's own size). */
export const DEFAULT_PICKS = 10;
/** Papers named per theme in the themes' brief. */
const THEME_TOP = 3;

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
  top: Array<{ key: string; title: string }>;
  url: string;
}

export interface SubscriberDigest {
  week: string;
  status: DigestStatus;
  subscriptionId: string;
  /** `profile`: ranked by the subscription's interests and signals; `default`: it has none yet. */
  ranking: "profile" | "default";
  picks: SubscriberPick[];
  themes: SubscriberThemeBrief[];
  /** The week's other papers that pass the filters, on the web. */
  more: { papers: number; url: string };
}

export interface SubscriberDigestRequest {
  /** The week's digest, unfiltered (as published, or the live preview). */
  digest: Digest;
  subscription: { id: string; themes: string[]; query: string | null };
  limit: number;
  publicBaseUrl: string;
}

/**
 * The default order: themes largest first ("other" last), then round after round the next most
 * representative paper of each theme. Score: the paper's similarity to its theme.
 */
export function representativeOrder(digest: Digest): RankedPaper[] {
  const themes = [...digest.themes]
    .filter((t) => t.papers.length > 0)
    .sort(
      (a, b) => Number(a.kind === "other") - Number(b.kind === "other") || b.papers.length - a.papers.length,
    );
  const order: RankedPaper[] = [];
  for (let round = 0; order.length < themes.reduce((n, t) => n + t.papers.length, 0); round++) {
    for (const theme of themes) {
      const paper = theme.papers[round];
      if (!paper) continue;
      const why =
        theme.kind === "other"
          ? "this week's paper outside the named themes"
          : `among the most representative of "${theme.label}" (${theme.papers.length} papers this week)`;
      order.push({ key: paper.key, score: round4(paper.themeSimilarity), why, reasons: [] });
    }
  }
  return order;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export async function buildSubscriberDigest(
  db: Database,
  request: SubscriberDigestRequest,
): Promise<SubscriberDigest> {
  const { digest, subscription, limit, publicBaseUrl } = request;
  const filtered = filterDigest(digest, { themes: subscription.themes, query: subscription.query });
  const where = new Map<string, { paper: DigestPaper; theme: { id: string; label: string } }>();
  for (const t of filtered.themes) {
    for (const paper of t.papers) where.set(paper.key, { paper, theme: { id: t.id, label: t.label } });
  }
  const [profile, week] = await Promise.all([
    loadSubscriberProfile(db, subscription.id),
    rankWeekOf(db, digest),
  ]);
  const only = new Set(where.keys());
  // Something to rank by: a liked or seed paper, a followed author or a keyword.
  const personal = hasProfile(profile.examples, profile.interests);
  let ranked: RankedPaper[];
  if (personal) {
    ranked = rankPapers(week, profile.examples, profile.interests, only);
  } else {
    // Excluded words still remove papers: the engine's survivors, in the representative order.
    const kept = new Set(rankPapers(week, [], profile.interests, only).map((r) => r.key));
    ranked = representativeOrder(filtered).filter((r) => kept.has(r.key));
  }
  const webUrl = `${publicBaseUrl}/digests/${digest.week}`;
  const picks = ranked.slice(0, limit).map((r): SubscriberPick => {
    const { paper, theme } = where.get(r.key)!;
    return {
      key: r.key,
      arxivId: paper.arxivId,
      title: paper.title,
      authors: paper.authors,
      tldr: paper.tldr,
      score: round4(r.score),
      why: r.why,
      theme,
      links: paper.links,
    };
  });
  // Each theme's brief lists its papers in this subscription's order.
  const briefs = new Map<string, SubscriberThemeBrief>();
  for (const r of ranked) {
    const { paper, theme } = where.get(r.key)!;
    let brief = briefs.get(theme.id);
    if (!brief) {
      brief = { ...theme, papers: 0, top: [], url: `${webUrl}#${themeAnchor(theme)}` };
      briefs.set(theme.id, brief);
    }
    brief.papers++;
    if (brief.top.length < THEME_TOP) brief.top.push({ key: paper.key, title: paper.title });
  }
  const themes = filtered.themes.flatMap((t) => briefs.get(t.id) ?? []);
  return {
    week: digest.week,
    status: digest.status,
    subscriptionId: subscription.id,
    ranking: personal ? "profile" : "default",
    picks,
    themes,
    more: { papers: ranked.length - picks.length, url: webUrl },
  };
}

/**
 * The digest a delivery sends, in this subscription's order (issue #13: deliveries use the same
 * ranking): excluded papers removed, each theme's papers best first, themes by their best paper
 * ("other" stays last). Unchanged for a subscription that has said nothing.
 */
export async function rankedForSubscription(
  db: Database,
  week: Digest,
  filtered: Digest,
  subscriptionId: string,
): Promise<Digest> {
  const profile = await loadSubscriberProfile(db, subscriptionId);
  const personal = hasProfile(profile.examples, profile.interests);
  if (!personal && profile.interests.exclude.length === 0) return filtered;
  const only = new Set(filtered.themes.flatMap((t) => t.papers.map((p) => p.key)));
  const prepared = await rankWeekOf(db, week);
  const examples = personal ? profile.examples : [];
  const position = new Map(rankPapers(prepared, examples, profile.interests, only).map((r, i) => [r.key, i]));
  const place = (key: string) => position.get(key) ?? Number.POSITIVE_INFINITY;
  const themes = filtered.themes
    .map((t) => ({
      ...t,
      papers: personal
        ? t.papers.filter((p) => position.has(p.key)).sort((a, b) => place(a.key) - place(b.key))
        : t.papers.filter((p) => position.has(p.key)),
    }))
    .filter((t) => t.papers.length + t.updated.length > 0);
  const best = (t: Digest["themes"][number]) =>
    t.papers[0] ? place(t.papers[0].key) : Number.POSITIVE_INFINITY;
  if (personal) {
    themes.sort((a, b) => Number(a.kind === "other") - Number(b.kind === "other") || best(a) - best(b));
  }
  return { ...filtered, themes };
}
