/**
 * The second message of a Slack digest, after any picks that did not fit the first: the week's
 * themes in brief (label, count, the top three titles, "N more" to the theme on the web), the
 * papers updated this week and the records seen before (the brief's first five and "N more on the
 * web"). Each part is added only as far as it fits (message-room.ts), the short lists laid out
 * before the themes (digest-blocks.ts), so the themes take the room that is left: fewer of them,
 * then one line each, then none; what is left out is one "on the web" link away.
 */
import type { KnownBlock, SectionBlock } from "@slack/types";
import { mrkdwnLink } from "../../block-kit/mrkdwn";
import type { ReaderLinks } from "../../digest/reader-links";
import type { SubscriberDigest, SubscriberThemeBrief } from "../../digest/subscriber-digest";
import type { SeenBeforeEntry } from "../../digest/types";
import { count, percent } from "../../pages/format";
import type { MessageRoom } from "./message-room";

const MAX_LABEL = 80;
const MAX_TITLE = 100;
/** Longest URL linked (escaped); a longer one leaves the text unlinked. */
const MAX_URL = 300;
/** Sections are filled to this many characters (Slack's limit is 3,000). */
const SECTION_TARGET = 2_500;
/** Themes named in the brief (a week has a few dozen; more would be a wall): the rest on the web. */
const MAX_THEMES = 15;

const link = (url: string | null | undefined, text: string, max = MAX_TITLE) =>
  mrkdwnLink(url, text, max, MAX_URL);

function header(text: string, blockId: string): KnownBlock {
  return { type: "header", block_id: blockId, text: { type: "plain_text", text } };
}

/** Pieces joined into sections of at most SECTION_TARGET characters (each piece is far shorter). */
function sections(pieces: readonly string[], idPrefix: string): SectionBlock[] {
  const texts: string[] = [];
  let current = "";
  for (const piece of pieces) {
    if (current && current.length + 2 + piece.length > SECTION_TARGET) {
      texts.push(current);
      current = "";
    }
    current = current ? `${current}\n\n${piece}` : piece;
  }
  if (current) texts.push(current);
  return texts.map((text, i) => ({
    type: "section",
    block_id: `${idPrefix}-${i + 1}`,
    text: { type: "mrkdwn", text },
  }));
}

/** Under 1,500 characters whatever the brief: a clipped label, three clipped titles, bounded URLs. */
function themeEntry(theme: SubscriberThemeBrief): string {
  const more = theme.papers - theme.top.length;
  return [
    `*${link(theme.url, theme.label.trim() || "Other", MAX_LABEL)}* · ${count(theme.papers, "paper")}`,
    ...theme.top.slice(0, 3).map((p) => `• ${link(p.links?.abs, p.title)}`),
    ...(more > 0 ? [link(theme.url, `${more} more in this theme`)] : []),
  ].join("\n");
}

/** "*<url|Label>* · 184 papers": a theme on one line, when the room is short. */
function themeLine(theme: SubscriberThemeBrief): string {
  return `*${link(theme.url, theme.label.trim() || "Other", MAX_LABEL)}* · ${count(theme.papers, "paper")}`;
}

/** Themes with their top papers that must fit for the brief to show them so (else one line each). */
const FULL_THEMES_MIN = 5;

/**
 * Adds the themes in brief, as many as fit with their top papers; when fewer than FULL_THEMES_MIN
 * would, as many as fit one line each; then "N more themes on the web".
 */
export function addThemes(room: MessageRoom, brief: SubscriberDigest, links: ReaderLinks): void {
  const themes = brief.themes.filter((t) => t.papers > 0);
  // Every new paper is a pick already: the themes would only list them again.
  if (themes.length === 0 || brief.more.papers === 0) return;
  const listed = themes.slice(0, MAX_THEMES);
  const title = header(`The week’s themes (${themes.length})`, "themes");
  /** The title, `entries` (showing `shown` themes) and a link to the others; false when it does not fit. */
  const attempt = (entries: string[], shown: number) => {
    const hidden = themes.length - shown;
    const rest =
      hidden > 0
        ? [
            link(
              links.web,
              shown > 0 ? `${count(hidden, "more theme")} on the web` : "All of them on the web",
            ),
          ]
        : [];
    return room.add([title, ...sections([...entries, ...rest], "themes")]);
  };
  const full = listed.map(themeEntry);
  for (let shown = full.length; shown >= Math.min(full.length, FULL_THEMES_MIN); shown--) {
    if (attempt(full.slice(0, shown), shown)) return;
  }
  const lines = listed.map(themeLine);
  for (let shown = lines.length; shown >= 0; shown--) {
    if (attempt(shown > 0 ? [lines.slice(0, shown).join("\n")] : [], shown)) return;
  }
}

/** A list of the brief (its first few, and how many more on the web), as large as fits. */
function addList(
  room: MessageRoom,
  heading: string,
  blockId: string,
  lines: readonly string[],
  total: number,
  moreUrl: string,
): void {
  if (total === 0) return;
  for (let shown = lines.length; shown >= 0; shown--) {
    const hidden = total - shown;
    const more = hidden > 0 ? [link(moreUrl, shown > 0 ? `${hidden} more on the web` : "On the web")] : [];
    const text = [`*${heading}* · ${total}`, ...lines.slice(0, shown), ...more].join("\n");
    if (room.add([{ type: "section", block_id: blockId, text: { type: "mrkdwn", text } }])) return;
  }
}

/** The web page of another week, next to this week's own page. */
function weekUrl(links: ReaderLinks, week: string): string | null {
  return /\/digests\/[^/?#]+$/.test(links.web) ? links.web.replace(/[^/]+$/, encodeURIComponent(week)) : null;
}

function seenBeforeLine(entry: SeenBeforeEntry, links: ReaderLinks): string {
  const match =
    entry.verdict === "near-duplicate" ? `near-duplicate, ${percent(entry.similarity)} similar` : "duplicate";
  return (
    `• ${link(entry.links?.abs, entry.title)} · ${match}` +
    ` · first seen in ${link(weekUrl(links, entry.firstSeenWeek), entry.firstSeenWeek, 20)}`
  );
}

export function addUpdated(room: MessageRoom, brief: SubscriberDigest): void {
  const lines = brief.updated.papers.slice(0, 5).map((p) => {
    const version = p.latestVersion && p.latestVersion > 1 ? ` · v${p.latestVersion}` : "";
    return `• ${link(p.links?.abs, p.title)}${version}`;
  });
  addList(room, "Updated this week", "updated", lines, brief.updated.total, brief.more.url);
}

export function addSeenBefore(room: MessageRoom, brief: SubscriberDigest, links: ReaderLinks): void {
  const list = /\/digests\/[^/?#]+$/.test(links.web) ? `${links.web}?list=seen-before` : links.web;
  const lines = brief.seenBefore.entries.slice(0, 5).map((e) => seenBeforeLine(e, links));
  addList(room, "Seen before", "seen-before", lines, brief.seenBefore.total, list);
}
