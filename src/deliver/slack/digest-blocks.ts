/**
 * A (filtered, published) digest as Slack Block Kit messages, pure. The wording follows the web
 * digest (render/): the week and its figures, then each theme (a header, then its papers: the
 * title linked to arXiv, authors, category, PDF and code links, a one-line summary), the papers
 * updated this week and the records seen before as compact lists, and in every message a context
 * line with the web digest and the unsubscribe link.
 *
 * A digest larger than one message (limits.ts) is split: sections are packed into messages in
 * order, a theme that runs on into the next message gets its header again ("… (continued)"), and
 * every message says "part k of n". How the parts are posted (a thread, or messages in order) is
 * the sender's business; `threaded` only changes the wording.
 */
import type { ContextBlock, HeaderBlock, KnownBlock, SectionBlock } from "@slack/types";
import {
  blockTextLength,
  MESSAGE_TEXT_BUDGET,
  SLACK_LIMITS,
  type SlackMessage,
} from "../../block-kit/limits";
import { escapedClip, escapeMrkdwn, mrkdwnLink, plainClip } from "../../block-kit/mrkdwn";
import type { Digest, DigestPaper, DigestTheme, SeenBeforeEntry } from "../../digest/types";
import { authorLine, count, formatWeekDays, percent, signed } from "../../pages/format";
import { codeLinkText, isWebUrl } from "../../pages/paper-item";
import { extraTerms, orderThemes, themeHeading } from "../../pages/theme-section";
import type { DeliveryLinks } from "../types";

export interface RenderOptions {
  /** The parts after the first go into the first one's thread (bot token), else they follow it. */
  threaded: boolean;
}

/** Sections are filled up to this many characters (under Slack's 3,000), so messages pack evenly. */
export const SECTION_TARGET = 1_500;
const MAX_TITLE = 250;
const MAX_SUMMARY = 200;
const MAX_AUTHORS = 150;
const MAX_CODE_LINKS = 2;

/** One piece of a section's text, and what goes between it and the piece before. */
interface Chunk {
  text: string;
  sep: "\n" | "\n\n";
}

/** A run of sections under one header: a theme, or "Seen before". */
interface Group {
  heading: string;
  sections: string[];
}

export function renderSlackDigest(
  digest: Digest,
  links: DeliveryLinks,
  options: RenderOptions,
): SlackMessage[] {
  const themes = orderThemes(digest.themes).filter((t) => t.papers.length + t.updated.length > 0);
  const groups: Group[] = themes.map((theme) => ({
    heading: themeHeading(theme) + (theme.isNew && theme.kind !== "other" ? " · new theme" : ""),
    sections: packSections(themeChunks(theme)),
  }));
  if (digest.seenBefore.length > 0) {
    groups.push({ heading: "Seen before", sections: packSections(seenBeforeChunks(digest, links)) });
  }
  const parts = packMessages(introBlocks(digest, themes, links), groups, footerBound(links));
  const total = parts.length;
  return parts.map((blocks, i) => ({
    text: fallbackText(digest, themes, i + 1, total),
    blocks: [...blocks, footer(links, i + 1, total, options.threaded)],
  }));
}

// ---- the pieces ----

function newCount(themes: DigestTheme[]): number {
  return themes.reduce((sum, t) => sum + t.papers.length, 0);
}

function themedCount(themes: DigestTheme[]): number {
  return themes.filter((t) => t.kind !== "other" && t.papers.length > 0).length;
}

/** "4 new papers in 2 themes" (the subscriber's share of the week). */
function paperLine(themes: DigestTheme[]): string {
  const themed = themedCount(themes);
  return `${count(newCount(themes), "new paper")}${themed > 0 ? ` in ${count(themed, "theme")}` : ""}`;
}

function introBlocks(digest: Digest, themes: DigestTheme[], links: DeliveryLinks): KnownBlock[] {
  const days = formatWeekDays(new Date(digest.range.start), new Date(digest.range.end));
  const updated = themes.reduce((sum, t) => sum + t.updated.length, 0);
  const papers = newCount(themes);
  // A subscriber's filters leave part of the week: say how much of it they see.
  const filtered = papers !== digest.stats.newPapers;
  const lines = [
    `*${escapeMrkdwn(days)}*`,
    `*${paperLine(themes)}*${filtered ? ` matching your filters (${digest.stats.newPapers} this week)` : ""}` +
      ` · ${updated} updated · ${digest.seenBefore.length} seen before`,
  ];
  const change = digest.stats.changeFromPreviousWeek;
  const previous = digest.stats.previousWeeks.at(-1);
  if (!filtered && change !== null && previous) {
    lines.push(`${signed(change)} new papers on the previous week (${previous.week}: ${previous.papers})`);
  }
  lines.push(mrkdwnLink(links.web, "Read this digest on the web"));
  return [header(`arXiv digest · week ${digest.week}`), section(lines.join("\n"))];
}

function paperChunk(paper: DigestPaper): string {
  const title = paper.links
    ? `*${mrkdwnLink(paper.links.abs, paper.title, MAX_TITLE)}*`
    : `*${escapedClip(paper.title, MAX_TITLE)}*`;
  const version = paper.latestVersion && paper.latestVersion > 1 ? ` v${paper.latestVersion}` : "";
  const authors = authorLine(paper.authors);
  const meta = [
    authors ? escapedClip(authors, MAX_AUTHORS) : null,
    paper.categories[0] ? escapedClip(paper.categories[0], 30) : null,
    paper.arxivId ? `arXiv:${escapedClip(paper.arxivId, 40)}${version}` : null,
    paper.links ? mrkdwnLink(paper.links.pdf, "PDF") : null,
    ...paper.codeLinks
      .filter(isWebUrl)
      .slice(0, MAX_CODE_LINKS)
      .map((url) => mrkdwnLink(url, `code: ${codeLinkText(url)}`, 60)),
  ].filter((part): part is string => Boolean(part));
  return [title, meta.join(" · "), paper.summary ? escapedClip(paper.summary, MAX_SUMMARY) : null]
    .filter((line): line is string => Boolean(line))
    .join("\n");
}

/** "• <abs|Title> · arXiv:2511.00042 v3": one line per paper updated this week. */
function updatedLine(paper: DigestPaper): string {
  const version = paper.latestVersion ? ` v${paper.latestVersion}` : "";
  const id = paper.arxivId ? ` · arXiv:${escapedClip(paper.arxivId, 40)}${version}` : version;
  return `• ${mrkdwnLink(paper.links?.abs, paper.title, MAX_TITLE)}${id}`;
}

function themeChunks(theme: DigestTheme): Chunk[] {
  const terms = extraTerms(theme);
  const facts =
    count(theme.papers.length, "new paper") +
    (theme.updated.length > 0 ? `, ${theme.updated.length} updated` : "") +
    (terms.length > 0 ? ` · key terms: ${terms.join(", ")}` : "");
  const chunks: Chunk[] = [{ text: `_${escapedClip(facts, 400)}_`, sep: "\n\n" }];
  for (const paper of theme.papers) chunks.push({ text: paperChunk(paper), sep: "\n\n" });
  theme.updated.forEach((paper, i) => {
    chunks.push(
      i === 0
        ? { text: `*Updated this week*\n${updatedLine(paper)}`, sep: "\n\n" }
        : { text: updatedLine(paper), sep: "\n" },
    );
  });
  return chunks;
}

/** The web page of another week, next to this digest's own page. */
function weekUrl(links: DeliveryLinks, week: string): string | null {
  return /\/digests\/[^/]+$/.test(links.web) ? links.web.replace(/[^/]+$/, encodeURIComponent(week)) : null;
}

function seenBeforeLine(entry: SeenBeforeEntry, links: DeliveryLinks): string {
  const match =
    entry.verdict === "near-duplicate" ? `near-duplicate, ${percent(entry.similarity)} similar` : "duplicate";
  return (
    `• ${mrkdwnLink(entry.links?.abs, entry.title, MAX_TITLE)} · ${match}` +
    ` · first seen in ${mrkdwnLink(weekUrl(links, entry.firstSeenWeek), entry.firstSeenWeek, 20)}` +
    ` · ${count(entry.records, "record")} this week`
  );
}

function seenBeforeChunks(digest: Digest, links: DeliveryLinks): Chunk[] {
  return [
    { text: "_Records this week that match papers first seen in an earlier week._", sep: "\n\n" },
    ...digest.seenBefore.map((entry): Chunk => ({ text: seenBeforeLine(entry, links), sep: "\n" })),
  ];
}

/** Chunks joined into section texts of at most SECTION_TARGET characters (a longer chunk alone). */
function packSections(chunks: Chunk[]): string[] {
  const sections: string[] = [];
  let current = "";
  for (const chunk of chunks) {
    if (current && current.length + chunk.sep.length + chunk.text.length > SECTION_TARGET) {
      sections.push(current);
      current = "";
    }
    current = current ? current + chunk.sep + chunk.text : chunk.text;
  }
  if (current) sections.push(current);
  // Every chunk is bounded well below 3,000 by construction; this only guards the limit itself.
  return sections.map((text) => (text.length > SLACK_LIMITS.sectionText ? text.slice(0, 2_990) : text));
}

/** Blocks into messages: under the block limit (one kept for the footer) and the text budget. */
function packMessages(intro: KnownBlock[], groups: Group[], footerChars: number): KnownBlock[][] {
  const maxBlocks = SLACK_LIMITS.blocksPerMessage - 1;
  const budget = MESSAGE_TEXT_BUDGET - footerChars;
  const parts: KnownBlock[][] = [];
  let current = [...intro];
  let chars = blockTextLength(current);
  for (const group of groups) {
    let inThisPart = false;
    group.sections.forEach((text, i) => {
      const build = (continued: boolean): KnownBlock[] =>
        inThisPart
          ? [section(text)]
          : [header(continued ? continuedHeading(group.heading) : group.heading), section(text)];
      let adding = build(i > 0);
      const fits = (blocks: KnownBlock[]) =>
        current.length + blocks.length <= maxBlocks && chars + blockTextLength(blocks) <= budget;
      if (current.length > 0 && !fits(adding)) {
        parts.push(current);
        current = [];
        chars = 0;
        inThisPart = false;
        adding = build(i > 0);
      }
      current.push(...adding);
      chars += blockTextLength(adding);
      inThisPart = true;
    });
  }
  parts.push(current);
  return parts;
}

const CONTINUED = " (continued)";

/** "Label (continued)", the label shortened so the mark always fits the header. */
function continuedHeading(heading: string): string {
  return `${plainClip(heading, SLACK_LIMITS.headerText - CONTINUED.length)}${CONTINUED}`;
}

function footerElements(links: DeliveryLinks, part: number, total: number, threaded: boolean): string[] {
  const elements = [
    `${mrkdwnLink(links.web, "Read on the web")} · ${mrkdwnLink(links.unsubscribe, "Unsubscribe")}`,
  ];
  if (total > 1) {
    const more = part === 1 ? (threaded ? " · continued in the thread" : " · continued below") : "";
    elements.push(`Part ${part} of ${total}${more}`);
  }
  return elements;
}

function footer(links: DeliveryLinks, part: number, total: number, threaded: boolean): ContextBlock {
  return {
    type: "context",
    elements: footerElements(links, part, total, threaded).map((text) => ({ type: "mrkdwn", text })),
  };
}

/** The longest the footer can be, whatever the part numbers. */
function footerBound(links: DeliveryLinks): number {
  return footerElements(links, 1, 999, true).join("").length + 10;
}

function fallbackText(digest: Digest, themes: DigestTheme[], part: number, total: number): string {
  const of = total > 1 ? ` (part ${part} of ${total})` : "";
  return part === 1
    ? `arXiv digest, week ${digest.week}: ${paperLine(themes)}${of}`
    : `arXiv digest, week ${digest.week}${of}`;
}

function header(text: string): HeaderBlock {
  return { type: "header", text: { type: "plain_text", text: plainClip(text, SLACK_LIMITS.headerText) } };
}

function section(text: string): SectionBlock {
  return { type: "section", text: { type: "mrkdwn", text } };
}
