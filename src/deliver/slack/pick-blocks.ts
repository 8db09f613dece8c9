/**
 * A pick of the Slack digest as Block Kit, in the styles the digest degrades through when a week
 * is long (digest-blocks.ts chooses): richest first.
 * - `card`: the linked title, authors, TL;DR (a section), why and theme (a context line), the
 *   three buttons (an actions block): 3 blocks.
 * - `lean-card`: the same with shorter text and why/theme inside the section: 2 blocks.
 * - `row` / `short-row`: two picks to a section, one line each (`*12.* <title> — authors ·
 *   _theme_`), then one actions block with both picks' buttons numbered (`👍 12`): 1 block a pick.
 * Every text is clipped and every link's URL bounded (dropped, the text kept, when longer), so each
 * style has a size no input can exceed: a `short-row` pick is at most SHORT_ROW_MAX characters of
 * block text, which is what makes the last layout of digest-blocks.ts fit any week.
 */
import type { ContextBlock, KnownBlock, SectionBlock } from "@slack/types";
import { escapedClip, mrkdwnLink } from "../../block-kit/mrkdwn";
import type { SubscriberPick } from "../../digest/subscriber-digest";
import { authorLine } from "../../pages/format";
import { listButtons, pickButtons } from "./feedback-buttons";

export type PickStyle = "card" | "lean-card" | "row" | "short-row";

export interface NumberedPick {
  pick: SubscriberPick;
  /** 1-based place in the digest. */
  n: number;
}

export interface PickContext {
  subscriptionId: string;
  /** A theme's page on the web, by theme id (the themes in brief carry it). */
  themeUrl: (themeId: string) => string | undefined;
}

interface Clips {
  title: number;
  authors: number;
  tldr: number;
  why: number;
  theme: number;
  /** Longest URL linked (escaped); a longer one leaves the text unlinked. */
  url: number;
}

const CARD: Clips = { title: 250, authors: 150, tldr: 300, why: 200, theme: 80, url: 300 };
const LEAN: Clips = { title: 200, authors: 100, tldr: 160, why: 120, theme: 60, url: 300 };
const ROW: Clips = { title: 110, authors: 40, tldr: 0, why: 0, theme: 40, url: 150 };
const SHORT_ROW: Clips = { title: 80, authors: 0, tldr: 0, why: 0, theme: 30, url: 100 };

/**
 * The most block text one `short-row` pick can take: its line (`*50.* ` 6, the link 100 + 80 + 3,
 * ` · _` 4, the theme 30, `_` 1, a line break 1 = 225) and its three button labels (`👍 50`,
 * `👎 50`, `Save 50`: 17); rounded up. Checked by the tests.
 */
export const SHORT_ROW_MAX = 250;

/** Picks in one row section (and one actions block): two picks' six buttons read as two groups. */
export const ROW_GROUP = 2;

const section = (text: string, blockId: string): SectionBlock => ({
  type: "section",
  block_id: blockId,
  text: { type: "mrkdwn", text },
});

function titleLink(pick: SubscriberPick, clips: Clips): string {
  return mrkdwnLink(pick.links?.abs, pick.title, clips.title, clips.url);
}

function authorsText(pick: SubscriberPick, max: number): string | null {
  const line = authorLine(pick.authors);
  return line && max > 0 ? escapedClip(line, max) : null;
}

function themeLink(pick: SubscriberPick, ctx: PickContext, clips: Clips): string {
  const label = pick.theme.label.trim() || "Other";
  return mrkdwnLink(ctx.themeUrl(pick.theme.id), label, clips.theme, clips.url);
}

/** "_Why:_ close to … · <theme>": the pick's reason and its theme. */
function whyLine(pick: SubscriberPick, ctx: PickContext, clips: Clips): string {
  const why = pick.why.trim() ? `_Why:_ ${escapedClip(pick.why, clips.why)} · ` : "";
  return `${why}${themeLink(pick, ctx, clips)}`;
}

function cardBlocks({ pick, n }: NumberedPick, ctx: PickContext, lean: boolean): KnownBlock[] {
  const clips = lean ? LEAN : CARD;
  const lines = [
    `*${n}.* *${titleLink(pick, clips)}*`,
    authorsText(pick, clips.authors),
    pick.tldr.trim() ? escapedClip(pick.tldr, clips.tldr) : null,
    lean ? whyLine(pick, ctx, clips) : null,
  ].filter((line): line is string => Boolean(line));
  const blocks: KnownBlock[] = [section(lines.join("\n"), `pick-${n}`)];
  if (!lean) {
    const pdf = pick.links ? ` · ${mrkdwnLink(pick.links.pdf, "PDF", 10, clips.url)}` : "";
    const context: ContextBlock = {
      type: "context",
      block_id: `pick-${n}-why`,
      elements: [{ type: "mrkdwn", text: `${whyLine(pick, ctx, clips)}${pdf}` }],
    };
    blocks.push(context);
  }
  const buttons = pickButtons({ subscriptionId: ctx.subscriptionId, paperKey: pick.key }, n, pick.title);
  if (buttons) blocks.push(buttons);
  return blocks;
}

function rowLine({ pick, n }: NumberedPick, clips: Clips): string {
  const authors = authorsText(pick, clips.authors);
  const theme = escapedClip(pick.theme.label.trim() || "Other", clips.theme);
  return `*${n}.* ${titleLink(pick, clips)}${authors ? ` — ${authors}` : ""} · _${theme}_`;
}

function rowBlocks(group: readonly NumberedPick[], ctx: PickContext, short: boolean): KnownBlock[] {
  const clips = short ? SHORT_ROW : ROW;
  const first = group[0]!.n;
  const last = group.at(-1)!.n;
  const blocks: KnownBlock[] = [
    section(group.map((p) => rowLine(p, clips)).join("\n"), `picks-${first}-${last}`),
  ];
  const buttons = listButtons(
    group.map(({ pick }) => ({
      target: { subscriptionId: ctx.subscriptionId, paperKey: pick.key },
      title: pick.title,
    })),
    first,
  );
  if (buttons) blocks.push(buttons);
  return blocks;
}

/** The blocks of picks shown together in `style`: one pick for cards, up to ROW_GROUP for rows. */
export function pickBlocks(group: readonly NumberedPick[], style: PickStyle, ctx: PickContext): KnownBlock[] {
  switch (style) {
    case "card":
    case "lean-card":
      return group.flatMap((p) => cardBlocks(p, ctx, style === "lean-card"));
    case "row":
    case "short-row":
      return rowBlocks(group, ctx, style === "short-row");
  }
}

/** How many picks one step of `style` shows. */
export function groupSize(style: PickStyle): number {
  return style === "row" || style === "short-row" ? ROW_GROUP : 1;
}
