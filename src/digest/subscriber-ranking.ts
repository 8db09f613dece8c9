/**
 * One subscription's order of a week, computed once and shared by everything it receives (issue
 * #13/#14): the digest's picks and themes in brief, the delivered digest's order, the feeds and the
 * subscriber's page. The week's new papers that pass the filters, ranked by the subscription's
 * interests and readers' signals (src/rank/); without any, the most representative papers of the
 * week's themes, one theme after another, so a new subscriber sees the breadth of the week.
 */
import type { Database } from "../db/client";
import { type TeamSignalRow, teamSignalsBetween } from "../db/queries/team-picks";
import { hasProfile, normaliseForMatch, phraseMatcher, type RankedPaper, rankPapers } from "../rank";
import { filterDigest } from "./filter-digest";
import { rankWeekOf } from "./rank-week-cache";
import { memoisedRanking, rankingInputs } from "./ranking-memo";
import { loadSubscriberWeekInputs, type SubscriberProfile } from "./subscriber-profile";
import type { Digest } from "./types";

export interface SubscriptionFilter {
  id: string;
  themes: string[];
  query: string | null;
}

export interface SubscriberRanking {
  subscriptionId: string;
  /** The week as published (unfiltered). */
  week: Digest;
  /** The week through the subscription's theme and keyword filters (excluded words not yet removed). */
  filtered: Digest;
  /** The filtered week's new papers the subscription keeps (excluded words removed), best first. */
  ranked: readonly RankedPaper[];
  /** `profile`: ranked by interests and signals; `default`: it has none yet. */
  ranking: "profile" | "default";
  /** Words whose papers the subscription never wants (applied to updated papers too). */
  exclude: readonly string[];
  /** Its readers' likes and saves during the week (team picks, issue #15), newest first. */
  teamSignals: TeamSignalRow[];
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

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
  const total = themes.reduce((n, t) => n + t.papers.length, 0);
  const order: RankedPaper[] = [];
  for (let round = 0; order.length < total; round++) {
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

export interface RankForSubscriptionOptions {
  /** Already read (several weeks ranked for one subscription read it once). */
  profile?: SubscriberProfile;
  /** The week's team picks, read with the profile (loadSubscriberWeekInputs); only with `profile`. */
  teamSignals?: TeamSignalRow[];
  /** How many of the best papers get named reasons: the picks the caller shows. */
  explain?: number;
}

export async function rankForSubscription(
  db: Database,
  week: Digest,
  subscription: SubscriptionFilter,
  { explain, ...known }: RankForSubscriptionOptions = {},
): Promise<SubscriberRanking> {
  const filtered = filterDigest(week, { themes: subscription.themes, query: subscription.query });
  const teamWindow = { from: Date.parse(week.range.start), to: Date.parse(week.range.end) };
  const { profile, teamSignals } = known.profile
    ? {
        profile: known.profile,
        teamSignals:
          known.teamSignals ??
          (await teamSignalsBetween(db, subscription.id, teamWindow.from, teamWindow.to)),
      }
    : await loadSubscriberWeekInputs(db, subscription.id, { teamWindow });
  const exclude = profile.interests.exclude;
  const personal = hasProfile(profile.examples, profile.interests);
  const only = new Set(filtered.themes.flatMap((t) => t.papers.map((p) => p.key)));
  let ranked: readonly RankedPaper[];
  if (personal) {
    const rankWeek = await rankWeekOf(db, week);
    const rank = () => rankPapers(rankWeek, profile.examples, profile.interests, { only, explain });
    // A published week's ranking is kept while its inputs stay the same (ranking-memo.ts).
    ranked =
      week.status === "published"
        ? memoisedRanking(
            db,
            `${subscription.id}@${week.week}@${week.generatedAt}`,
            rankingInputs(rankWeek, profile, {
              themes: subscription.themes,
              query: subscription.query,
              explain,
            }),
            rank,
          )
        : rank();
  } else if (exclude.length > 0) {
    // Excluded words still remove papers: the engine's survivors, in the representative order.
    const kept = new Set(
      rankPapers(await rankWeekOf(db, week), [], profile.interests, { only }).map((r) => r.key),
    );
    ranked = representativeOrder(filtered).filter((r) => kept.has(r.key));
  } else {
    ranked = representativeOrder(filtered);
  }
  return {
    subscriptionId: subscription.id,
    week,
    filtered,
    ranked,
    ranking: personal ? "profile" : "default",
    exclude,
    teamSignals,
  };
}

/**
 * The filtered digest in this subscription's order (what a webhook receives, and the full week on
 * the subscriber's page): excluded papers removed, each theme's papers best first, themes by their
 * best paper ("other" stays last). A subscription that said nothing gets the digest as published.
 */
export function orderedDigest(r: SubscriberRanking): Digest {
  if (r.ranking === "default" && r.exclude.length === 0) return r.filtered;
  const position = new Map(r.ranked.map((p, i) => [p.key, i]));
  const place = (key: string) => position.get(key) ?? Number.POSITIVE_INFINITY;
  const personal = r.ranking === "profile";
  const themes = r.filtered.themes
    .map((t) => ({
      ...t,
      papers: personal
        ? t.papers.filter((p) => position.has(p.key)).sort((a, b) => place(a.key) - place(b.key))
        : t.papers.filter((p) => position.has(p.key)),
      updated: t.updated.filter((p) => !mentionsAny(`${p.title} ${p.summary}`, r.exclude)),
    }))
    .filter((t) => t.papers.length + t.updated.length > 0);
  const best = (t: Digest["themes"][number]) =>
    t.papers[0] ? place(t.papers[0].key) : Number.POSITIVE_INFINITY;
  if (personal) {
    themes.sort((a, b) => Number(a.kind === "other") - Number(b.kind === "other") || best(a) - best(b));
  }
  return {
    ...r.filtered,
    themes,
    seenBefore: r.filtered.seenBefore.filter((e) => !mentionsAny(e.title, r.exclude)),
  };
}

/** The ranking's own reading of excluded words (whole words, accents and plurals folded). */
function mentionsAny(text: string, words: readonly string[]): boolean {
  if (words.length === 0) return false;
  return phraseMatcher(words).matches(normaliseForMatch(text)).length > 0;
}
