/**
 * The weekly digest as a mail (issue #14): a digest a reader finishes, not a listing. From the
 * subscriber's model (digest/subscriber-digest.ts): the week's figures; the picks (title, authors,
 * TL;DR, why, arXiv/PDF links and three feedback links); the week's themes in brief; the papers
 * updated and seen before among those the subscriber keeps; the subscriber's page, feed and the
 * full week on the web; one-click unsubscribe. An HTML part and a complete plain-text part.
 *
 * Bounded for any week: each field is clipped, and the parts are assembled within a byte budget
 * (HTML_BUDGET, TEXT_BUDGET): the footer (unsubscribe) is reserved first, then sections are added
 * in order of importance until the budget is spent, with a "more on the web" line for the rest.
 * Gmail clips a message whose HTML passes 102 KB, hiding the end of it and its unsubscribe link.
 */
import { plainClip } from "../../block-kit/mrkdwn";
import { feedbackUrl, type ReaderLinks } from "../../digest/reader-links";
import type { SubscriberDigest, SubscriberPick } from "../../digest/subscriber-digest";
import { authorLine, count, formatWeekDays, percent, teamMarks } from "../../pages/format";
import type { OutgoingDigest } from "../types";
import { esc, htmlDocument, link, STYLE } from "./html";

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

/** Bytes of the HTML part (Gmail clips past 102 KB), and of the text part. */
export const HTML_BUDGET = 95_000;
export const TEXT_BUDGET = 60_000;
/** Themes listed in the brief; the rest are on the web. */
export const MAIL_THEMES = 30;

const MAX_TITLE = 300;
const MAX_AUTHORS = 200;
const MAX_TLDR = 300;
const MAX_WHY = 300;
const SUBJECT_TITLE = 70;

const utf8 = new TextEncoder();
const bytes = (s: string) => utf8.encode(s).length;

/** "23 new papers in 4 themes", "1 new paper", "2 updated papers", "1 paper seen before". */
export function figuresLine(brief: SubscriberDigest): string {
  const f = brief.figures;
  if (f.newPapers > 0)
    return `${count(f.newPapers, "new paper")}${f.themes > 0 ? ` in ${count(f.themes, "theme")}` : ""}`;
  if (f.updated > 0) return count(f.updated, "updated paper");
  return `${count(f.seenBefore, "paper")} seen before`;
}

/**
 * Names what is in it, not only counts: the top pick when ranked for the subscriber's interests,
 * else the largest themes. "arXiv digest 2026-W47: “Sparse attention…” and 9 more picks".
 */
export function digestSubject(brief: SubscriberDigest): string {
  const prefix = `arXiv digest ${brief.week}`;
  const top = brief.picks[0];
  if (brief.ranking === "profile" && top) {
    const rest = brief.picks.length - 1;
    return `${prefix}: “${plainClip(top.title, SUBJECT_TITLE)}”${rest > 0 ? ` and ${count(rest, "more pick")}` : ""}`;
  }
  const named = brief.themes.filter((t) => t.id !== "other");
  if (named.length > 0) {
    // Quoted: a theme's label is several terms joined with "·".
    const shown = named.slice(0, 2).map((t) => `“${plainClip(t.label, 40)}”`);
    const others = named.length - shown.length;
    const labels =
      others > 0 ? `${shown.join(", ")} and ${count(others, "more theme")}` : shown.join(" and ");
    return `${prefix}: ${labels} · ${count(brief.figures.newPapers, "new paper")}`;
  }
  return `${prefix}: ${figuresLine(brief)}`;
}

function filterNote(outgoing: OutgoingDigest): string | null {
  const { themes, query } = outgoing.subscription;
  const parts: string[] = [];
  if (themes.length > 0) parts.push(`only the ${themes.length === 1 ? "theme" : "themes"} you chose`);
  if (query) parts.push(`only papers that mention “${query}”`);
  return parts.length > 0 ? `Filtered for you: ${parts.join(", ")}.` : null;
}

function rankingNote(brief: SubscriberDigest): string {
  return brief.ranking === "profile"
    ? "Your picks, ranked by your interests and your feedback."
    : "The most representative papers of the week’s themes: tell the bot what you like (👍 👎 save) and next week’s picks are yours.";
}

/** Adds pieces while they fit; says how many did not. */
class Budget {
  private used = 0;
  readonly out: string[] = [];
  constructor(private readonly limit: number) {}
  /** Adds `piece` when it fits in what is left (less `reserve`); false when it does not. */
  add(piece: string, reserve = 0): boolean {
    const size = bytes(piece) + 1;
    if (this.used + size + reserve > this.limit) return false;
    this.used += size;
    this.out.push(piece);
    return true;
  }
}

/** A "more" line leaves room for itself. */
const MORE_RESERVE = 600;

// ---------------------------------------------------------------- HTML

function pickHtml(pick: SubscriberPick, n: number, links: ReaderLinks): string {
  const title = plainClip(pick.title, MAX_TITLE);
  const authors = authorLine(pick.authors);
  const feedback = [
    link(feedbackUrl(links, pick.key, "up"), "👍 more like this"),
    link(feedbackUrl(links, pick.key, "down"), "👎 less"),
    link(feedbackUrl(links, pick.key, "save"), "save"),
  ].join(" · ");
  const paperLinks = pick.links ? ` · ${link(pick.links.abs, "arXiv")} · ${link(pick.links.pdf, "PDF")}` : "";
  return [
    `<div style="${STYLE.paper}">`,
    `<div style="${STYLE.paperTitle}">${n}. ${pick.links ? link(pick.links.abs, title, `${STYLE.link}${STYLE.paperTitle}`) : esc(title)}</div>`,
    authors ? `<div style="${STYLE.meta}">${esc(plainClip(authors, MAX_AUTHORS))}</div>` : "",
    pick.tldr ? `<p style="${STYLE.summary}">${esc(plainClip(pick.tldr, MAX_TLDR))}</p>` : "",
    `<div style="${STYLE.meta}">Why: ${esc(plainClip(pick.why, MAX_WHY))} · ${esc(plainClip(pick.theme.label, 80))}${paperLinks}</div>`,
    `<div style="${STYLE.links}">${feedback}</div>`,
    "</div>",
  ]
    .filter(Boolean)
    .join("\n");
}

function teamHtml(brief: SubscriberDigest): string {
  return [
    `<h2 style="${STYLE.h2}">Team picks</h2>`,
    `<p style="${STYLE.muted}">What you and your team liked and saved this week.</p>`,
    `<ul style="${STYLE.p}">${brief.teamPicks
      .map(
        (p) =>
          `<li>${link(p.links?.abs, plainClip(p.title, 160))} <span style="${STYLE.meta}">${esc(teamMarks(p))}</span></li>`,
      )
      .join("")}</ul>`,
  ].join("\n");
}

function teamText(brief: SubscriberDigest): string {
  return [
    "Team picks (what you and your team liked and saved this week)",
    ...brief.teamPicks.map(
      (p) => `- ${plainClip(p.title, 160)} (${teamMarks(p)})${p.links ? ` ${p.links.abs}` : ""}`,
    ),
    "",
  ].join("\n");
}

function themesHtml(brief: SubscriberDigest): string[] {
  if (brief.themes.length === 0) return [];
  const out = [
    `<h2 style="${STYLE.h2}">The week’s themes</h2>`,
    ...brief.themes.slice(0, MAIL_THEMES).map((t) => {
      const more = t.papers - t.top.length;
      const tops = t.top.map((p) => `<li>${link(p.links?.abs, plainClip(p.title, 160))}</li>`).join("");
      return [
        `<h3 style="${STYLE.h3}">${link(t.url, plainClip(t.label, 120))} <span style="${STYLE.meta}">· ${esc(count(t.papers, "paper"))}</span></h3>`,
        `<ul style="${STYLE.p}">${tops}</ul>`,
        more > 0 ? `<p style="${STYLE.muted}">${link(t.url, `${more} more in this theme`)}</p>` : "",
      ]
        .filter(Boolean)
        .join("\n");
    }),
  ];
  const hidden = brief.themes.length - MAIL_THEMES;
  if (hidden > 0)
    out.push(
      `<p style="${STYLE.muted}">${link(brief.more.url, `${count(hidden, "more theme")} on the web`)}</p>`,
    );
  return out;
}

function updatedHtml(brief: SubscriberDigest): string[] {
  const { papers, total } = brief.updated;
  if (total === 0) return [];
  return [
    `<h2 style="${STYLE.h2}">Updated this week</h2>`,
    ...papers.map((p) => {
      const version = p.latestVersion && p.latestVersion > 1 ? ` (v${p.latestVersion})` : "";
      return `<div style="${STYLE.paper}">${link(p.links?.abs, plainClip(p.title, MAX_TITLE))}${esc(version)}</div>`;
    }),
    total > papers.length
      ? `<p style="${STYLE.muted}">${link(brief.more.url, `${total - papers.length} more updated on the web`)}</p>`
      : "",
  ].filter(Boolean);
}

function seenBeforeHtml(brief: SubscriberDigest, baseUrl: string): string[] {
  const { entries, total } = brief.seenBefore;
  if (total === 0) return [];
  return [
    `<h2 style="${STYLE.h2}">Seen before</h2>`,
    `<p style="${STYLE.muted}">Records this week that match papers first seen in an earlier week.</p>`,
    ...entries.map((e) => {
      const match =
        e.verdict === "near-duplicate" ? `near-duplicate, ${percent(e.similarity)} similar` : "duplicate";
      return `<div style="${STYLE.paper}">${link(e.links?.abs, plainClip(e.title, MAX_TITLE))}<div style="${STYLE.meta}">${esc(match)} · first seen in ${link(`${baseUrl}/digests/${encodeURIComponent(e.firstSeenWeek)}`, e.firstSeenWeek)}</div></div>`;
    }),
    total > entries.length
      ? `<p style="${STYLE.muted}">${link(brief.more.url, `${total - entries.length} more on the web`)}</p>`
      : "",
  ].filter(Boolean);
}

function renderHtml(outgoing: OutgoingDigest, baseUrl: string, subject: string, intro: IntroText): string {
  const { brief, links } = outgoing;
  const footer = [
    `<div style="${STYLE.footer}">`,
    `<p style="${STYLE.p}">${link(links.page, "Your page")} (picks, feedback, your interests) · ${link(links.interests, "Your interests")} · ${link(links.feed, "Atom feed")} · ${link(links.web, "The full week")}</p>`,
    `<p style="${STYLE.p}">${esc(intro.why)} ${link(links.unsubscribe, "Unsubscribe")} (one click, no login).</p>`,
    "</div>",
  ].join("\n");
  const budget = new Budget(HTML_BUDGET - bytes(footer) - 2_000); // 2,000: the document's head
  budget.add(`<h1 style="${STYLE.h1}">arXiv digest · week ${esc(brief.week)}</h1>`);
  budget.add(`<p style="${STYLE.muted}">${esc(intro.days)}</p>`);
  budget.add(
    `<p style="${STYLE.p}"><strong>${esc(intro.figures)}</strong>. ${esc(rankingNote(brief))} ${link(links.page, "All of it on your page")}.</p>`,
  );
  if (intro.note) budget.add(`<p style="${STYLE.muted}">${esc(intro.note)}</p>`);
  if (brief.teamPicks.length > 0) budget.add(teamHtml(brief));
  if (brief.picks.length > 0)
    budget.add(
      `<h2 style="${STYLE.h2}">${brief.ranking === "profile" ? "Your picks" : "This week’s picks"}</h2>`,
    );
  let shown = 0;
  for (const pick of brief.picks) {
    if (!budget.add(pickHtml(pick, shown + 1, links), MORE_RESERVE)) break;
    shown++;
  }
  if (shown < brief.picks.length) {
    budget.add(
      `<p style="${STYLE.p}">${link(links.page, `${brief.picks.length - shown} more picks on your page`)}</p>`,
    );
  }
  if (brief.more.papers > 0) {
    budget.add(
      `<p style="${STYLE.p}">${link(links.web, `${count(brief.more.papers, "more paper")} this week on the web`)}</p>`,
    );
  }
  for (const section of [themesHtml(brief), updatedHtml(brief), seenBeforeHtml(brief, baseUrl)]) {
    if (section.length === 0) continue;
    if (!budget.add(section.join("\n"), MORE_RESERVE)) {
      budget.add(`<p style="${STYLE.p}">${link(links.web, "The rest of the week is on the web")}</p>`);
      break;
    }
  }
  return htmlDocument(subject, `${intro.figures} · ${intro.days}`, [...budget.out, footer].join("\n"));
}

// ---------------------------------------------------------------- text

function pickText(pick: SubscriberPick, n: number, links: ReaderLinks): string {
  const lines = [`${n}. ${plainClip(pick.title, MAX_TITLE)}`];
  const authors = authorLine(pick.authors);
  if (authors) lines.push(`   ${plainClip(authors, MAX_AUTHORS)}`);
  if (pick.tldr) lines.push(`   ${plainClip(pick.tldr, MAX_TLDR)}`);
  lines.push(`   Why: ${plainClip(pick.why, MAX_WHY)} (${plainClip(pick.theme.label, 80)})`);
  if (pick.links) lines.push(`   arXiv: ${pick.links.abs}`, `   PDF: ${pick.links.pdf}`);
  lines.push(`   More like this: ${feedbackUrl(links, pick.key, "up")}`);
  lines.push(`   Less like this: ${feedbackUrl(links, pick.key, "down")}`);
  lines.push(`   Save: ${feedbackUrl(links, pick.key, "save")}`, "");
  return lines.join("\n");
}

function themesText(brief: SubscriberDigest): string {
  if (brief.themes.length === 0) return "";
  const lines = ["The week’s themes", "=================", ""];
  for (const t of brief.themes.slice(0, MAIL_THEMES)) {
    lines.push(`${plainClip(t.label, 120)} · ${count(t.papers, "paper")}`);
    for (const p of t.top) lines.push(`  - ${plainClip(p.title, 160)}`);
    const more = t.papers - t.top.length;
    lines.push(more > 0 ? `  ${more} more: ${t.url}` : `  ${t.url}`, "");
  }
  const hidden = brief.themes.length - MAIL_THEMES;
  if (hidden > 0) lines.push(`${count(hidden, "more theme")}: ${brief.more.url}`, "");
  return lines.join("\n");
}

function restText(brief: SubscriberDigest): string {
  const lines: string[] = [];
  if (brief.updated.total > 0) {
    lines.push("Updated this week", "=================", "");
    for (const p of brief.updated.papers)
      lines.push(`- ${plainClip(p.title, MAX_TITLE)}${p.links ? ` ${p.links.abs}` : ""}`);
    if (brief.updated.total > brief.updated.papers.length) {
      lines.push(`  ${brief.updated.total - brief.updated.papers.length} more: ${brief.more.url}`);
    }
    lines.push("");
  }
  if (brief.seenBefore.total > 0) {
    lines.push("Seen before", "===========", "");
    for (const e of brief.seenBefore.entries) {
      lines.push(`- ${plainClip(e.title, MAX_TITLE)} (first seen in ${e.firstSeenWeek})`);
    }
    if (brief.seenBefore.total > brief.seenBefore.entries.length) {
      lines.push(`  ${brief.seenBefore.total - brief.seenBefore.entries.length} more: ${brief.more.url}`);
    }
    lines.push("");
  }
  return lines.join("\n");
}

function renderText(outgoing: OutgoingDigest, intro: IntroText): string {
  const { brief, links } = outgoing;
  const footer = [
    "-- ",
    `Your page (picks, feedback, interests): ${links.page}`,
    `Atom feed of your picks: ${links.feed}`,
    `The full week: ${links.web}`,
    intro.why,
    `Unsubscribe (one click, no login): ${links.unsubscribe}`,
    "",
  ].join("\n");
  const budget = new Budget(TEXT_BUDGET - bytes(footer));
  budget.add(
    [`arXiv digest · week ${brief.week}`, intro.days, "", `${intro.figures}.`, rankingNote(brief)].join("\n"),
  );
  if (intro.note) budget.add(intro.note);
  budget.add(`Your page: ${links.page}\n`);
  if (brief.teamPicks.length > 0) budget.add(teamText(brief));
  let shown = 0;
  for (const pick of brief.picks) {
    if (!budget.add(pickText(pick, shown + 1, links), MORE_RESERVE)) break;
    shown++;
  }
  if (shown < brief.picks.length)
    budget.add(`${brief.picks.length - shown} more picks on your page: ${links.page}\n`);
  if (brief.more.papers > 0)
    budget.add(`${count(brief.more.papers, "more paper")} this week: ${links.web}\n`);
  for (const section of [themesText(brief), restText(brief)]) {
    if (section && !budget.add(section, MORE_RESERVE)) {
      budget.add(`The rest of the week: ${links.web}\n`);
      break;
    }
  }
  return [...budget.out, footer].join("\n");
}

// ---------------------------------------------------------------- the mail

interface IntroText {
  days: string;
  figures: string;
  note: string | null;
  why: string;
}

export function renderDigestMail(outgoing: OutgoingDigest, publicBaseUrl: string): RenderedMail {
  const { brief, subscription } = outgoing;
  const subject = digestSubject(brief);
  const f = brief.figures;
  const intro: IntroText = {
    days: formatWeekDays(new Date(brief.range.start), new Date(brief.range.end)),
    figures: `${figuresLine(brief)}${f.updated > 0 && f.newPapers > 0 ? `, ${f.updated} updated` : ""}`,
    note: filterNote(outgoing),
    why: `You get this mail because ${subscription.target} subscribed to the weekly arXiv digest of ${new URL(publicBaseUrl).host}.`,
  };
  return {
    subject,
    html: renderHtml(outgoing, publicBaseUrl, subject, intro),
    text: renderText(outgoing, intro),
  };
}
