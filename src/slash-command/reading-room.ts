/**
 * The channel's reading room (issue #15): `like`, `dislike`, `save`, `saved`, `follow`,
 * `unfollow`, `following`, `interests`, `why`. Each acts on the channel's one live subscription
 * (the one `/paper subscribe` made) and records who ran it (`by` = the Slack user id).
 */
import { liveSubscriptionsOf } from "../db/queries/channel-subscriptions";
import { canonicalPaperKey, loadPaperDetail } from "../db/queries/paper-detail";
import { signalCounts } from "../db/queries/reading-list";
import type { SubscriptionRow } from "../db/queries/subscriptions";
import { isoWeekOf, loadDigestForWeek, shiftWeek } from "../digest";
import { subscriberPagePath } from "../digest/reader-links";
import { DEFAULT_PICKS } from "../digest/subscriber-digest";
import { rankForSubscription } from "../digest/subscriber-ranking";
import type { Digest } from "../digest/types";
import { resolvePaperRef } from "../lookup/resolve-ref";
import { readerTokenOf } from "../security/reader-token";
import { giveFeedback } from "../subscribe/feedback";
import { followAuthor, followedAuthors, unfollowAuthor } from "../subscribe/followed-authors";
import { interestsView } from "../subscribe/interests";
import { readingList } from "../subscribe/reading-list";
import { notice } from "./blocks/help";
import {
  interestsMessage,
  type PaperRef,
  readingListMessage,
  titleOf,
  whyMessage,
} from "./blocks/reading-room";
import { safe } from "./blocks/text";
import type { SlashContext } from "./handlers";
import { ephemeral, inChannel, type SlackReply } from "./reply";

/** Papers `/paper saved` lists; the rest are in the BibTeX export it links to. */
export const SAVED_LISTED = 20;

/** The channel's live subscription: the active one (there is one), else a pending one. */
async function channelSubscription(ctx: SlashContext): Promise<SubscriptionRow | null> {
  const live = await liveSubscriptionsOf(ctx.db, "slack", ctx.payload.channel_id);
  return live.find((s) => s.status === "active") ?? live[0] ?? null;
}

function noSubscription(ctx: SlashContext): SlackReply {
  const c = ctx.payload.command;
  return ephemeral(
    notice(
      `<#${ctx.payload.channel_id}> has no subscription, so there is nothing to like, save or follow for. Subscribe it first with \`${c} subscribe\` (every weekly digest) or \`${c} subscribe <themes or words>\`; then likes, saves and followed authors shape what it gets.`,
    ),
  );
}

function unknownPaper(ctx: SlashContext, ref: string): SlackReply {
  return ephemeral(
    notice(
      `No paper is known for *${safe(ref, 200)}*: the bot has not ingested it, so it cannot be liked or saved yet. Find one by words: \`${ctx.payload.command} search <words>\`.`,
    ),
  );
}

/** The paper's title and arXiv id, by a key already known to exist. */
async function paperRef(ctx: SlashContext, key: string): Promise<PaperRef> {
  const detail = await loadPaperDetail(ctx.db, key);
  return {
    title: detail?.paper.title ?? detail?.paper.headline ?? key,
    arxivId: detail?.paper.arxivId ?? null,
  };
}

/** The reader-token link of the subscription's BibTeX export (it opens nothing else). */
async function exportUrl(ctx: SlashContext, id: string): Promise<string> {
  const token = await readerTokenOf(id, ctx.config.delivery.tokenSecret);
  return `${ctx.config.delivery.publicBaseUrl}/api/subscriptions/${encodeURIComponent(id)}/saved.bib?token=${encodeURIComponent(token)}`;
}

export async function feedback(
  ctx: SlashContext,
  signal: "up" | "down" | "save",
  ref: string,
): Promise<SlackReply> {
  const user = ctx.payload.user_id;
  if (!user) return ephemeral(notice("Slack did not say who ran the command, so nothing was recorded."));
  const s = await channelSubscription(ctx);
  if (!s) return noSubscription(ctx);
  const outcome = await giveFeedback(ctx.db, s.id, { paper: ref, signal, by: user }, ctx.now);
  if (!outcome.ok) return unknownPaper(ctx, ref);
  const title = titleOf(await paperRef(ctx, outcome.paper));
  const c = ctx.payload.command;
  switch (signal) {
    case "save":
      // The reading list is the team's: everyone sees what was added to it.
      return inChannel(notice(`🔖 <@${user}> saved ${title} to the reading list (\`${c} saved\` shows it).`));
    case "up":
      return ephemeral(
        notice(
          `👍 Noted: you like ${title}. <#${ctx.payload.channel_id}>'s next digests rank papers like it higher. (\`${c} dislike\` changes your mind.)`,
        ),
      );
    case "down":
      return ephemeral(
        notice(
          `👎 Noted: you dislike ${title}. <#${ctx.payload.channel_id}>'s next digests rank papers like it lower. (\`${c} like\` changes your mind.)`,
        ),
      );
  }
}

export async function saved(ctx: SlashContext, bib: boolean): Promise<SlackReply> {
  const s = await channelSubscription(ctx);
  if (!s) return noSubscription(ctx);
  const channel = ctx.payload.channel_id;
  const url = await exportUrl(ctx, s.id);
  if (bib) {
    return ephemeral(
      notice(
        `<#${channel}>'s reading list as BibTeX: <${url}|saved-${safe(s.id, 60)}.bib>. No login needed: its token opens only the channel's reader links (this export, its digest page and feed), never its settings.`,
      ),
    );
  }
  const list = await readingList(ctx.db, s.id, SAVED_LISTED);
  return ephemeral(
    readingListMessage({
      channel,
      command: ctx.payload.command,
      papers: list.papers.map((p) => ({ title: p.title, arxivId: p.arxivId, savers: p.savers, at: p.at })),
      total: list.total,
      exportUrl: url,
    }),
  );
}

export async function follow(ctx: SlashContext, author: string, on: boolean): Promise<SlackReply> {
  const s = await channelSubscription(ctx);
  if (!s) return noSubscription(ctx);
  const change = on ? followAuthor : unfollowAuthor;
  const outcome = await change(ctx.db, s.id, author, ctx.now);
  if (!outcome.ok) return ephemeral(notice(safe(outcome.message, 300)));
  const name = `*${safe(outcome.name, 200)}*`;
  const channel = `<#${ctx.payload.channel_id}>`;
  const by = ctx.payload.user_id ? `<@${ctx.payload.user_id}>` : "Someone";
  if (!outcome.changed) {
    return ephemeral(
      notice(
        on ? `${channel} already follows ${name}.` : `${channel} does not follow ${name}: nothing to undo.`,
      ),
    );
  }
  // The ranking of the whole channel changes: the channel sees who changed it.
  return inChannel(
    notice(
      on
        ? `${by} followed ${name} for ${channel}: their papers rank higher from the next digest.`
        : `${by} unfollowed ${name} for ${channel}.`,
    ),
  );
}

export async function following(ctx: SlashContext): Promise<SlackReply> {
  const s = await channelSubscription(ctx);
  if (!s) return noSubscription(ctx);
  const authors = await followedAuthors(ctx.db, s.id);
  const c = ctx.payload.command;
  const channel = `<#${ctx.payload.channel_id}>`;
  if (authors.length === 0) {
    return ephemeral(notice(`${channel} follows no authors. Follow one with \`${c} follow Ada Lovelace\`.`));
  }
  return ephemeral(
    notice(
      `${channel} follows ${authors.length} ${authors.length === 1 ? "author" : "authors"}: ${authors
        .map((a) => `*${safe(a, 100)}*`)
        .join(", ")}. Change with \`${c} follow <author>\` or \`${c} unfollow <author>\`.`,
    ),
  );
}

function filterOf(s: SubscriptionRow): string {
  if (s.themes.length > 0) return `the themes ${s.themes.map((t) => `\`${safe(t, 40)}\``).join(", ")}`;
  if (s.query) return `papers with every word of *${safe(s.query, 200)}*`;
  return "the whole weekly digest";
}

export async function interests(ctx: SlashContext): Promise<SlackReply> {
  const s = await channelSubscription(ctx);
  if (!s) return noSubscription(ctx);
  const [view, signals, token] = await Promise.all([
    interestsView(ctx.db, s.id),
    signalCounts(ctx.db, s.id),
    readerTokenOf(s.id, ctx.config.delivery.tokenSecret),
  ]);
  const base = ctx.config.delivery.publicBaseUrl;
  return ephemeral(
    interestsMessage({
      channel: ctx.payload.channel_id,
      command: ctx.payload.command,
      subscriptionId: s.id,
      filter: filterOf(s),
      seeds: { given: view.papers.length, matched: view.papers.filter((p) => p.paper !== null).length },
      authors: view.authors,
      keywords: view.keywords,
      exclude: view.exclude,
      signals,
      pageUrl: `${base}${subscriberPagePath(s.id)}?token=${encodeURIComponent(token)}#interests`,
      apiUrl: `${base}/api/subscriptions/${encodeURIComponent(s.id)}/interests`,
    }),
  );
}

const isNewIn = (digest: Digest, key: string) =>
  digest.themes.some((t) => t.papers.some((p) => p.key === key));

/**
 * Where the paper ranks for the channel: in this week's digest so far, else last week's (the one
 * the channel got on Monday). Ranking a week reads its papers' vectors: deferred (handlers.ts).
 */
export async function why(ctx: SlashContext, ref: string): Promise<SlackReply> {
  const s = await channelSubscription(ctx);
  if (!s) return noSubscription(ctx);
  const resolved = resolvePaperRef(ref);
  const key = resolved ? await canonicalPaperKey(ctx.db, resolved.key) : null;
  if (key === null) return unknownPaper(ctx, ref);
  const thisWeek = isoWeekOf(ctx.now);
  let digest: Digest | null = null;
  for (const week of [thisWeek, shiftWeek(thisWeek, -1)]) {
    const found = await loadDigestForWeek(ctx.db, week, ctx.now);
    if (found && isNewIn(found, key)) {
      digest = found;
      break;
    }
  }
  const paper = await paperRef(ctx, key);
  const channel = ctx.payload.channel_id;
  if (digest === null) {
    return ephemeral(
      notice(
        `${titleOf(paper)} is not a new paper of this week (${thisWeek}) or last week: <#${channel}>'s ranking orders each week's new papers only.`,
      ),
    );
  }
  const ranking = await rankForSubscription(ctx.db, digest, s);
  const index = ranking.ranked.findIndex((r) => r.key === key);
  if (index < 0) {
    const filtered = isNewIn(ranking.filtered, key);
    return ephemeral(
      notice(
        filtered
          ? `${titleOf(paper)} is in ${digest.week}, but <#${channel}> does not get it: it mentions one of the channel's excluded words (\`${ctx.payload.command} interests\`).`
          : `${titleOf(paper)} is in ${digest.week}, but outside what <#${channel}> gets: ${filterOf(s)}.`,
      ),
    );
  }
  const ranked = ranking.ranked[index]!;
  return ephemeral(
    whyMessage({
      channel,
      paper,
      week: digest.week,
      preview: digest.status === "preview",
      position: index + 1,
      of: ranking.ranked.length,
      picks: s.digestSize ?? DEFAULT_PICKS,
      score: ranked.score,
      why: ranked.why,
      ranking: ranking.ranking,
    }),
  );
}
