/**
 * The answers of the channel's reading room (issue #15): a signal taken, the reading list, the
 * followed authors, what the ranking is built from, and why a paper ranks where it does.
 */
import type { SlackMessage } from "../../block-kit/limits";
import { context, day, link, safe, sections } from "./text";

export interface PaperRef {
  title: string;
  arxivId: string | null;
}

/** The title, linked to arXiv when the paper has an id. */
export function titleOf(paper: PaperRef): string {
  return paper.arxivId
    ? link(`https://arxiv.org/abs/${paper.arxivId}`, paper.title)
    : `*${safe(paper.title, 150)}*`;
}

/** `<@U1>`, or "the API" for a signal given through it (`by` empty). */
export const who = (by: string) => (by === "" ? "the API" : `<@${by}>`);

export interface ReadingListView {
  channel: string;
  command: string;
  papers: Array<PaperRef & { savers: Array<{ by: string; at: number }>; at: number }>;
  total: number;
  exportUrl: string;
}

export function readingListMessage(v: ReadingListView): SlackMessage {
  const c = safe(v.command, 40);
  if (v.total === 0) {
    const text = `<#${v.channel}>'s reading list is empty. Save a paper for the team with \`${c} save <arXiv id>\` (or the 🔖 button of a digest).`;
    return { text, blocks: sections([text]) };
  }
  const head = `*<#${v.channel}>'s reading list*: ${v.total} ${v.total === 1 ? "paper" : "papers"}, newest first.`;
  const lines = v.papers.map((p) => {
    const savers = p.savers.map((s) => who(s.by)).join(", ");
    return `• ${titleOf(p)}: saved by ${savers}, ${day(new Date(p.at).toISOString())}`;
  });
  const more = v.total - v.papers.length;
  const tail =
    more > 0
      ? `…and ${more} more: ${link(v.exportUrl, "the whole list as BibTeX")}.`
      : `As BibTeX: ${link(v.exportUrl, "saved.bib")}.`;
  return {
    text: `${head} ${more > 0 ? `(${v.papers.length} shown)` : ""}`.trim(),
    blocks: [...sections([head, ...lines]), context(tail)],
  };
}

export interface InterestsSummary {
  channel: string;
  command: string;
  subscriptionId: string;
  filter: string;
  seeds: { given: number; matched: number };
  authors: string[];
  keywords: string[];
  exclude: string[];
  signals: Record<"up" | "down" | "save", { signals: number; papers: number }>;
  pageUrl: string;
  apiUrl: string;
}

/** A list of names or words, at most `max` shown. */
function listed(items: readonly string[], max = 15): string {
  if (items.length === 0) return "none";
  const shown = items.slice(0, max).map((i) => safe(i, 100));
  return `${shown.join(", ")}${items.length > max ? ` and ${items.length - max} more` : ""}`;
}

export function interestsMessage(v: InterestsSummary): SlackMessage {
  const c = safe(v.command, 40);
  const { up, down, save } = v.signals;
  const said =
    v.seeds.given + v.authors.length + v.keywords.length + up.signals + down.signals + save.signals > 0;
  const lines = [
    `*What <#${v.channel}>'s ranking is built from*`,
    `• Papers it gets: ${v.filter}`,
    `• Seed papers: ${v.seeds.given} (${v.seeds.matched} in the bot so far)`,
    `• Followed authors (${v.authors.length}): ${listed(v.authors)}`,
    `• Keywords: ${listed(v.keywords)}`,
    `• Excluded words: ${listed(v.exclude)}`,
    `• Readers' signals: 👍 ${up.signals} on ${up.papers} papers, 👎 ${down.signals} on ${down.papers}, 🔖 ${save.signals} on ${save.papers}`,
    said
      ? "Each week's new papers are ranked by their likeness to the seeds, liked and saved papers (away from disliked ones), followed authors and keywords; excluded words remove papers."
      : "Nothing yet: each digest shows the week's most representative papers, theme by theme, until the channel says what it likes.",
    `*Change it*: \`${c} follow <author>\`, \`${c} unfollow <author>\`, \`${c} like\`, \`${c} dislike\` or \`${c} save <arXiv id>\`. Seed papers (ids or a BibTeX export), keywords and excluded words: \`PUT ${safe(v.apiUrl, 300)}\` with the subscription's management token or the admin token (ask the bot's operator).`,
  ];
  return {
    text: `What ${v.channel}'s ranking is built from, and how to change it.`,
    blocks: [
      ...sections(lines),
      context(`Subscription \`${safe(v.subscriptionId, 60)}\` · ${link(v.pageUrl, "the channel's page")}`),
    ],
  };
}

export interface WhyView {
  channel: string;
  paper: PaperRef;
  week: string;
  preview: boolean;
  /** 1-based, among `of`. */
  position: number;
  of: number;
  picks: number;
  score: number;
  why: string;
  ranking: "profile" | "default";
}

export function whyMessage(v: WhyView): SlackMessage {
  const weekName = `${v.week}${v.preview ? " (so far)" : ""}`;
  const place =
    v.position <= v.picks
      ? `among the ${v.picks} picks the digest shows`
      : `below the ${v.picks} picks the digest shows (it is on the channel's page with the rest of the week)`;
  const lines = [
    `${titleOf(v.paper)} is *#${v.position} of ${v.of}* in <#${v.channel}>'s ranking of ${weekName}, ${place}.`,
    `Score ${v.score.toFixed(3)}: ${safe(v.why, 600)}.`,
    v.ranking === "profile"
      ? "Ranked by the channel's interests and readers' signals."
      : "The channel has no interests or signals yet, so its digest follows the week's themes (most representative papers first).",
  ];
  return {
    text: `Why it ranks #${v.position} of ${v.of} for this channel in ${v.week}.`,
    blocks: sections(lines),
  };
}
