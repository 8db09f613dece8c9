/**
 * One handler per subcommand, and whether it answers inline or deferred (schedule.ts):
 *
 * | subcommand        | mode     | why |
 * |-------------------|----------|-----|
 * | help, usage       | inline   | no I/O |
 * | `<id>`, share     | inline   | one D1 batch by a unique key (a few ms at 100,000 papers) |
 * | search            | inline   | one FTS5 query ranking rowids only, LIMIT 5 (ms for rare words, ~0.1–0.4 s for words in half of 100,000 papers) |
 * | subscribe         | inline   | reads the themes table, one upsert (the channel's one live subscription) |
 * | unsubscribe       | inline   | one read, one update per live subscription (usually one) |
 * | themes            | deferred | builds the current week's preview with the theme engine: seconds with thousands of papers |
 * | digest            | deferred | the latest digest is often that same preview |
 * | like, dislike, save | inline | the channel's subscription, one paper by key, one upsert (reading-room.ts) |
 * | saved (bib)       | inline   | one grouped read of the channel's saves, LIMIT 20 (bib: no read but the subscription) |
 * | follow, unfollow  | inline   | one read and one compare-and-set write of the followed authors |
 * | following, interests | inline | the interests row, seeds and signal counts by subscription id |
 * | why               | deferred | ranks a whole week for the channel: reads every paper's vector (>1 s on a cold isolate) |
 *
 * Inline ones still fall back to a response_url answer if they miss the 2 s budget.
 */
import type { Database } from "../db/client";
import { liveSubscriptionsOf } from "../db/queries/channel-subscriptions";
import { loadPaperDetail } from "../db/queries/paper-detail";
import { searchPapers } from "../db/queries/search";
import { endSubscription } from "../db/queries/subscriptions";
import { loadStoredThemes } from "../db/queries/themes";
import type { DeliveryMessage } from "../deliver/types";
import { loadDigestForWeek, loadLatestDigest, loadPreview } from "../digest";
import type { AppConfig } from "../env";
import { paperView } from "../lookup/paper-view";
import { resolvePaperRef } from "../lookup/resolve-ref";
import { allTermsMatch, anyTermMatch, searchTerms } from "../lookup/search-query";
import { themeListView } from "../lookup/theme-list";
import { SubscriptionBody } from "../subscribe/subscription-input";
import { createSubscription } from "../subscribe/subscriptions";
import { digestBrief } from "./blocks/digest-brief";
import { helpMessage, notice, usageMessage } from "./blocks/help";
import { paperCard } from "./blocks/paper-card";
import { searchResults } from "./blocks/search-results";
import { safe } from "./blocks/text";
import { themesList } from "./blocks/themes-list";
import type { SlashCommand, SlashCommandKind } from "./command-text";
import type { SlashPayload } from "./payload";
import * as readingRoom from "./reading-room";
import { ephemeral, inChannel, type SlackReply } from "./reply";
import type { Plan } from "./schedule";
import { chooseSubscription } from "./theme-choice";

export interface SlashContext {
  db: Database;
  queue: Queue<DeliveryMessage>;
  config: AppConfig;
  now: number;
  payload: SlashPayload;
}

export const SEARCH_RESULTS = 5;

export const COMMAND_MODES: Record<SlashCommandKind, Plan["mode"]> = {
  help: "inline",
  usage: "inline",
  lookup: "inline",
  share: "inline",
  search: "inline",
  subscribe: "inline",
  unsubscribe: "inline",
  themes: "deferred",
  digest: "deferred",
  feedback: "inline",
  saved: "inline",
  follow: "inline",
  unfollow: "inline",
  following: "inline",
  interests: "inline",
  why: "deferred",
};

const ACKS: Record<SlashCommandKind, string> = {
  help: "One moment…",
  usage: "One moment…",
  lookup: "Looking the paper up… the card follows in a moment.",
  share: "Looking the paper up… the card follows in this channel in a moment.",
  search: "Searching… the results follow in a moment.",
  subscribe: "Subscribing this channel… the confirmation follows in a moment.",
  unsubscribe: "Unsubscribing this channel… the confirmation follows in a moment.",
  themes: "Working out this week's themes… they follow in a few seconds.",
  digest: "Putting the latest digest together… it follows in a few seconds.",
  feedback: "Noting it… the confirmation follows in a moment.",
  saved: "Reading the reading list… it follows in a moment.",
  follow: "Following… the confirmation follows in a moment.",
  unfollow: "Unfollowing… the confirmation follows in a moment.",
  following: "Reading the followed authors… they follow in a moment.",
  interests: "Reading the channel's interests… they follow in a moment.",
  why: "Ranking this week's papers for this channel… the answer follows in a few seconds.",
};

/** Only a channel (public C…, private G…) can be a digest target; not a DM or a group DM. */
const CHANNEL_ID = /^[CG][A-Z0-9]{6,20}$/;

async function lookup(ctx: SlashContext, ref: string): Promise<SlackReply | null> {
  const resolved = resolvePaperRef(ref);
  const detail = resolved ? await loadPaperDetail(ctx.db, resolved.key) : null;
  if (!resolved || !detail) return null;
  return ephemeral(
    paperCard(paperView(detail, resolved.version), ctx.config.delivery.publicBaseUrl, ctx.now),
  );
}

function unknownPaper(ctx: SlashContext, ref: string): SlackReply {
  return ephemeral(
    notice(
      `No paper is known for *${safe(ref, 200)}*: the bot has not ingested it. Search by words: \`${ctx.payload.command} search <words>\`.`,
    ),
  );
}

async function search(ctx: SlashContext, words: string): Promise<SlackReply> {
  const base = ctx.config.delivery.publicBaseUrl;
  const terms = searchTerms(words);
  if (terms.length === 0) {
    return ephemeral(usageMessage(ctx.payload.command, "`search` needs words made of letters or digits."));
  }
  let mode: "all" | "any" = "all";
  let hits = await searchPapers(ctx.db, allTermsMatch(terms), SEARCH_RESULTS);
  if (hits.length === 0 && terms.length > 1) {
    mode = "any";
    hits = await searchPapers(ctx.db, anyTermMatch(terms), SEARCH_RESULTS);
  }
  return ephemeral(searchResults(words, hits, mode, base, ctx.payload.command));
}

async function subscribe(ctx: SlashContext, args: string): Promise<SlackReply> {
  const { channel_id: channel, command } = ctx.payload;
  if (!CHANNEL_ID.test(channel)) {
    return ephemeral(
      notice(
        "Only a channel can subscribe: run this in the channel that should get the digest (not in a direct message).",
      ),
    );
  }
  if (!ctx.config.delivery.slackBotToken) {
    return ephemeral(
      notice(
        "The bot cannot post to channels yet: its operator has to set SLACK_BOT_TOKEN (README, “Connect Slack”).",
      ),
    );
  }
  const stored = await loadStoredThemes(ctx.db);
  const choosable = stored.rows
    .filter((r) => r.retiredAt === null)
    .map((r) => ({ id: r.id, label: r.label }));
  const choice = chooseSubscription(args, choosable);
  const body = SubscriptionBody.safeParse({
    channel: "slack",
    target: channel,
    themes: choice.kind === "themes" ? choice.themes.map((t) => t.id) : [],
    ...(choice.kind === "query" ? { query: choice.query } : {}),
  });
  if (!body.success) {
    return ephemeral(
      notice("That is too long for a subscription: at most 50 themes, or keywords of up to 200 characters."),
    );
  }
  // The signed request from this channel is what lets it be subscribed by id (security/subscribe-authority.ts).
  const outcome = await createSubscription(ctx.db, ctx.queue, body.data, ctx.config.delivery, ctx.now, {
    kind: "slack-channel",
    channelId: channel,
  });
  if (!outcome.ok) return ephemeral(notice(safe(outcome.refusal.message, 500)));
  const { created } = outcome.value;
  const what =
    choice.kind === "everything"
      ? "the whole weekly digest"
      : choice.kind === "themes"
        ? `the weekly digest's ${choice.themes.length === 1 ? "theme" : "themes"} ${choice.themes
            .map((t) => `*${safe(t.label, 100)}* (\`${safe(t.id, 40)}\`)`)
            .join(", ")}`
        : `the weekly digest's papers whose title or summary has every word of *${safe(choice.query, 200)}*`;
  const lines = [
    `<#${channel}> is subscribed to ${what}, posted each Monday at 08:00 UTC.`,
    created ? "" : "This replaces the channel's earlier subscription.",
    channel.startsWith("G")
      ? "It is a private channel: invite the bot to it, or the digest cannot be posted."
      : "",
    `Stop with \`${command} unsubscribe\`.`,
  ];
  return ephemeral(notice(lines.filter(Boolean).join(" ")));
}

async function unsubscribe(ctx: SlashContext): Promise<SlackReply> {
  const channel = ctx.payload.channel_id;
  let ended = 0;
  for (const s of await liveSubscriptionsOf(ctx.db, "slack", channel)) {
    if (
      await endSubscription(ctx.db, s.id, "unsubscribed", "unsubscribed with /paper unsubscribe", ctx.now)
    ) {
      ended++;
    }
  }
  return ephemeral(
    notice(
      ended > 0
        ? `<#${channel}> is unsubscribed: no more digests are posted here. Subscribe again any time with \`${ctx.payload.command} subscribe\`.`
        : `<#${channel}> has no subscription, so there was nothing to end.`,
    ),
  );
}

async function themes(ctx: SlashContext): Promise<SlackReply> {
  const [stored, preview] = await Promise.all([loadStoredThemes(ctx.db), loadPreview(ctx.db, ctx.now)]);
  return ephemeral(
    themesList(themeListView(stored.rows, preview), ctx.config.delivery.publicBaseUrl, ctx.payload.command),
  );
}

async function digest(ctx: SlashContext, week: string | null): Promise<SlackReply> {
  const found =
    week === null ? await loadLatestDigest(ctx.db, ctx.now) : await loadDigestForWeek(ctx.db, week, ctx.now);
  if (found === null) {
    return ephemeral(
      notice(
        `There is no digest for ${safe(week ?? "", 20)}: it has not started, saw no papers, or is not published yet.`,
      ),
    );
  }
  return ephemeral(digestBrief(found, ctx.config.delivery.publicBaseUrl));
}

function run(ctx: SlashContext, command: SlashCommand): Promise<SlackReply> | SlackReply {
  const base = ctx.config.delivery.publicBaseUrl;
  switch (command.kind) {
    case "help":
      return ephemeral(helpMessage(ctx.payload.command, base));
    case "usage":
      return ephemeral(usageMessage(ctx.payload.command, command.problem, command.suggestion));
    case "lookup":
      return lookup(ctx, command.ref).then((card) => card ?? unknownPaper(ctx, command.ref));
    case "share":
      return lookup(ctx, command.ref).then((card) =>
        card ? inChannel(card) : unknownPaper(ctx, command.ref),
      );
    case "search":
      return search(ctx, command.words);
    case "subscribe":
      return subscribe(ctx, command.args);
    case "unsubscribe":
      return unsubscribe(ctx);
    case "themes":
      return themes(ctx);
    case "digest":
      return digest(ctx, command.week);
    case "feedback":
      return readingRoom.feedback(ctx, command.signal, command.ref);
    case "saved":
      return readingRoom.saved(ctx, command.bib);
    case "follow":
    case "unfollow":
      return readingRoom.follow(ctx, command.author, command.kind === "follow");
    case "following":
      return readingRoom.following(ctx);
    case "interests":
      return readingRoom.interests(ctx);
    case "why":
      return readingRoom.why(ctx, command.ref);
  }
}

export function planCommand(ctx: SlashContext, command: SlashCommand): Plan {
  return {
    mode: COMMAND_MODES[command.kind],
    ack: ephemeral(notice(ACKS[command.kind])),
    run: async () => run(ctx, command),
  };
}
