/**
 * A week's Slack digest (issue #14: a digest a reader finishes), pure: from the subscriber's model
 * (digest/subscriber-digest.ts) and its links, at most two messages, each within Slack's limits
 * (block-kit/limits.ts), whatever the week's size.
 *
 * Message 1: the week and its figures (new papers that pass the subscription's filters, themes,
 * how the picks were chosen), then the picks, each with its linked title, authors, TL;DR, why and
 * theme, and 👍 / 👎 / Save buttons (feedback-buttons.ts: what a click sends); a footer with the
 * subscriber's page, feed and unsubscribe link. Message 2, only when there is more to say: the
 * picks message 1 had no room for, the week's themes in brief, the papers updated this week and
 * the records seen before, and the full week on the web. With the bot token the sender posts
 * message 2 in message 1's thread; with an incoming webhook it simply follows (`threaded`).
 *
 * Packing, provably bounded. The picks are laid out by the first of PLANS that fits, measured
 * block by block (message-room.ts: 50 blocks, MESSAGE_TEXT_BUDGET characters of block text, the
 * closing block's room reserved first); message 2's themes and lists then take what room is left
 * (more-blocks.ts). The last plan always fits: picks are capped at MAX_PICKS (50), a `short-row`
 * pick costs at most SHORT_ROW_MAX (250) characters and one block, and the fixed parts are bounded
 * (header and figures under 700 characters; the footer and the closing line three links each, a
 * URL at most about 510 characters escaped since linkUrl drops longer ones), so message 1 keeps at
 * least 9,000 − 700 − 1,750 = 6,550 characters and 47 blocks for picks (26 short rows) and message
 * 2 at least 9,000 − 1,800 = 7,200 characters and 48 blocks (28 short rows): 54 ≥ 50. The property
 * test (test/unit/deliver/slack-digest.property.test.ts) holds every layout to this. The guard at
 * the end (dropping picks from the end) only keeps the function total should one of these bounds
 * ever break (say, a base URL full of `&`); the property test fails if it is ever used.
 */
import type { ContextBlock, KnownBlock, SectionBlock } from "@slack/types";
import {
  blockTextLength,
  MESSAGE_TEXT_BUDGET,
  SLACK_LIMITS,
  type SlackMessage,
} from "../../block-kit/limits";
import { escapeMrkdwn, mrkdwnLink, plainClip } from "../../block-kit/mrkdwn";
import type { ReaderLinks } from "../../digest/reader-links";
import { MAX_PICKS, type SubscriberDigest } from "../../digest/subscriber-digest";
import { count, formatWeekDays } from "../../pages/format";
import { MessageRoom } from "./message-room";
import { addSeenBefore, addThemes, addUpdated } from "./more-blocks";
import { groupSize, type NumberedPick, type PickContext, type PickStyle, pickBlocks } from "./pick-blocks";
import { type TeamStyle, teamBlocks } from "./team-blocks";

export interface RenderOptions {
  /** Message 2 goes into message 1's thread (bot token), else it follows it (incoming webhook). */
  threaded: boolean;
}

/** How the picks are laid out: their style in message 1, and in message 2 (null: all in message 1). */
interface Plan {
  first: PickStyle;
  rest: PickStyle | null;
}

/** Richest first; the first that fits is used. The last always fits (see above). */
export const PLANS: readonly Plan[] = [
  { first: "card", rest: null },
  { first: "lean-card", rest: null },
  { first: "lean-card", rest: "row" },
  { first: "row", rest: "row" },
  { first: "short-row", rest: "short-row" },
];

const MAX_BLOCKS = SLACK_LIMITS.blocksPerMessage;
const TEAM_STYLES: readonly TeamStyle[] = ["full", "short", "none"];

export function renderSlackDigest(
  brief: SubscriberDigest,
  links: ReaderLinks,
  options: RenderOptions,
): SlackMessage[] {
  const all = brief.picks.slice(0, MAX_PICKS).map((pick, i): NumberedPick => ({ pick, n: i + 1 }));
  // The team's picks open the digest when they fit beside every pick: in full, shorter, or not at all.
  for (const team of TEAM_STYLES) {
    for (const plan of PLANS) {
      const laid = layOut(brief, links, options, all, plan, team);
      if (laid) return laid;
    }
  }
  const last = PLANS.at(-1)!;
  for (let keep = all.length - 1; keep >= 0; keep--) {
    const laid = layOut(brief, links, options, all.slice(0, keep), last, "none");
    if (laid) return laid;
  }
  // Unreachable: with no picks both messages hold only bounded parts.
  throw new Error("the Slack digest does not fit two messages");
}

function layOut(
  brief: SubscriberDigest,
  links: ReaderLinks,
  options: RenderOptions,
  picks: readonly NumberedPick[],
  plan: Plan,
  team: TeamStyle,
): SlackMessage[] | null {
  const themeUrls = new Map(brief.themes.map((t) => [t.id, t.url]));
  const ctx: PickContext = { subscriptionId: brief.subscriptionId, themeUrl: (id) => themeUrls.get(id) };
  const reserve = footerReserve(brief, links);
  const first = new MessageRoom(MAX_BLOCKS - 1, MESSAGE_TEXT_BUDGET - reserve);
  if (!first.add(introBlocks(brief, picks.length))) return null;
  if (!first.add(teamBlocks(brief, team))) return null;
  const placed = place(first, picks, 0, plan.first, ctx);
  if (placed < picks.length && plan.rest === null) return null;

  const moreToSay =
    placed < picks.length || brief.more.papers > 0 || brief.updated.total > 0 || brief.seenBefore.total > 0;
  const spilled = placed < picks.length ? { from: placed + 1, to: picks.length } : null;
  const message1: SlackMessage = {
    text: fallbackText(brief, picks.length),
    blocks: [
      ...first.blocks,
      footer(brief, links, moreToSay ? { spilled, threaded: options.threaded } : null),
    ],
  };
  if (!moreToSay) return [message1];

  const closing = closingLine(brief, links);
  const second = new MessageRoom(MAX_BLOCKS - 1, MESSAGE_TEXT_BUDGET - blockTextLength([closing]));
  if (spilled) {
    const title = `Your picks, continued (${spilled.from}–${spilled.to})`;
    if (
      !second.add([{ type: "header", block_id: "more-picks", text: { type: "plain_text", text: title } }])
    ) {
      return null;
    }
    if (place(second, picks, placed, plan.rest!, ctx) < picks.length) return null;
  }
  // The lists are short (five lines each) and come after the themes, but are laid out first so
  // that the themes, which could fill any room, take only what the lists leave.
  const lists = second.rest();
  addUpdated(lists, brief);
  addSeenBefore(lists, brief, links);
  const themes = second.rest(lists.blocks);
  addThemes(themes, brief, links);
  second.add(themes.blocks);
  second.add(lists.blocks);
  const message2: SlackMessage = {
    text: `arXiv digest, week ${escapeMrkdwn(brief.week)}: ${spilled ? `picks ${spilled.from}–${spilled.to}, ` : ""}the week’s themes and more`,
    blocks: [...second.blocks, closing],
  };
  return [message1, message2];
}

/** Adds picks from `from` on while they fit; the index of the first one left out. */
function place(
  room: MessageRoom,
  picks: readonly NumberedPick[],
  from: number,
  style: PickStyle,
  ctx: PickContext,
): number {
  let i = from;
  while (i < picks.length) {
    // A row group that does not fit whole may still fit with one pick.
    let size = Math.min(groupSize(style), picks.length - i);
    while (size > 0 && !room.add(pickBlocks(picks.slice(i, i + size), style, ctx))) size--;
    if (size === 0) break;
    i += size;
  }
  return i;
}

// ---- the fixed parts ----

function introBlocks(brief: SubscriberDigest, picks: number): KnownBlock[] {
  const f = brief.figures;
  const days = formatWeekDays(new Date(brief.range.start), new Date(brief.range.end));
  const filtered = f.newPapers !== f.weekPapers;
  const figures = [
    `*${count(f.newPapers, "new paper")}*` +
      (filtered ? ` pass your filters (of ${f.weekPapers} this week)` : "") +
      (f.themes > 0 ? ` in ${count(f.themes, "theme")}` : ""),
    ...(f.updated > 0 ? [`${f.updated} updated`] : []),
    ...(f.seenBefore > 0 ? [`${f.seenBefore} seen before`] : []),
  ].join(" · ");
  const lines = [`*${escapeMrkdwn(days)}*`, figures];
  if (picks > 0) {
    lines.push(
      brief.ranking === "profile"
        ? `Your ${count(picks, "pick")}, ranked for your interests:`
        : `The week’s ${picks} most representative papers. Tell the bot what you like (👍 👎) and your picks will follow your interests:`,
    );
  }
  const header: KnownBlock = {
    type: "header",
    block_id: "week",
    text: {
      type: "plain_text",
      text: plainClip(`arXiv digest · week ${brief.week}`, SLACK_LIMITS.headerText),
    },
  };
  const section: SectionBlock = {
    type: "section",
    block_id: "figures",
    text: { type: "mrkdwn", text: lines.join("\n") },
  };
  return [header, section];
}

interface Continuation {
  spilled: { from: number; to: number } | null;
  threaded: boolean;
}

function footer(brief: SubscriberDigest, links: ReaderLinks, more: Continuation | null): ContextBlock {
  const papers = brief.figures.newPapers;
  const page =
    papers > 0 ? `All ${count(papers, "paper")} and your picks on the web` : "Your page on the web";
  const elements = [
    `${mrkdwnLink(links.page, page)} · ${mrkdwnLink(links.feed, "Your feed")}` +
      ` · ${mrkdwnLink(links.unsubscribe, "Unsubscribe")}`,
  ];
  if (more) {
    const what = more.spilled
      ? `Picks ${more.spilled.from}–${more.spilled.to}, the week’s themes and more`
      : "The week’s themes, updates and more";
    elements.push(`${what} ${more.threaded ? "in the thread 🧵" : "below ⬇️"}`);
  }
  return { type: "context", block_id: "links", elements: elements.map((text) => ({ type: "mrkdwn", text })) };
}

/** The most the footer can take, whatever follows it. */
function footerReserve(brief: SubscriberDigest, links: ReaderLinks): number {
  const longest = footer(brief, links, { spilled: { from: MAX_PICKS, to: MAX_PICKS }, threaded: true });
  return blockTextLength([longest]);
}

function closingLine(brief: SubscriberDigest, links: ReaderLinks): ContextBlock {
  const text =
    `${mrkdwnLink(links.web, "The full week on the web")} (${count(brief.figures.weekPapers, "new paper")})` +
    ` · ${mrkdwnLink(links.page, "Your page")} · ${mrkdwnLink(links.unsubscribe, "Unsubscribe")}`;
  return { type: "context", block_id: "more-links", elements: [{ type: "mrkdwn", text }] };
}

function fallbackText(brief: SubscriberDigest, picks: number): string {
  const f = brief.figures;
  const what =
    picks > 0
      ? `${count(picks, "pick")} of ${count(f.newPapers, "new paper")}`
      : f.updated > 0
        ? count(f.updated, "updated paper")
        : `${count(f.seenBefore, "paper")} seen before`;
  return `arXiv digest, week ${escapeMrkdwn(brief.week)}: ${what}`;
}
