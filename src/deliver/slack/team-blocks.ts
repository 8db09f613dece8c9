/**
 * Team picks at the top of a Slack digest (issue #15): what the channel's members liked and saved
 * during the week, with who ("👍 <@U1>, <@U2> · 🔖 <@U3>"). One section, bounded (TEAM_TEXT_MAX),
 * so the picks below keep their room; `short` is the leaner form the layout falls back to.
 */
import type { KnownBlock } from "@slack/types";
import { mrkdwnLink } from "../../block-kit/mrkdwn";
import type { SubscriberDigest, TeamPick } from "../../digest/subscriber-digest";

/** The section's text never passes this (well under a section's 3,000). */
export const TEAM_TEXT_MAX = 1_000;
const MENTIONS = 4;

export type TeamStyle = "full" | "short" | "none";

function who(ids: ReadonlyArray<string | null>): string {
  const slack = [
    ...new Set(ids.filter((id): id is string => id !== null && /^[UW][A-Z0-9]{2,20}$/.test(id))),
  ];
  const others = ids.length - ids.filter((id) => id !== null && slack.includes(id)).length;
  const named = slack.slice(0, MENTIONS).map((id) => `<@${id}>`);
  const rest = slack.length - named.length + others;
  if (named.length === 0) return rest === 1 ? "a reader" : `${rest} readers`;
  return rest > 0 ? `${named.join(", ")} and ${rest} more` : named.join(", ");
}

function line(pick: TeamPick, titleMax: number): string {
  const title = mrkdwnLink(pick.links?.abs, pick.title, titleMax, 200);
  const marks = [
    ...(pick.up.length > 0 ? [`👍 ${who(pick.up)}`] : []),
    ...(pick.save.length > 0 ? [`🔖 ${who(pick.save)}`] : []),
  ].join(" · ");
  return `• ${title} — ${marks}`;
}

export function teamBlocks(brief: SubscriberDigest, style: TeamStyle): KnownBlock[] {
  if (style === "none" || brief.teamPicks.length === 0) return [];
  const picks = style === "full" ? brief.teamPicks : brief.teamPicks.slice(0, 3);
  const lines = ["*Team picks*: what you liked and saved this week"];
  for (const pick of picks) {
    const next = line(pick, style === "full" ? 120 : 60);
    if ([...lines, next].join("\n").length > TEAM_TEXT_MAX) break;
    lines.push(next);
  }
  if (lines.length === 1) return [];
  return [{ type: "section", block_id: "team-picks", text: { type: "mrkdwn", text: lines.join("\n") } }];
}
