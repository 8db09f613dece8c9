/**
 * The weekly digest as a mail: the same content and wording as the web page (src/pages/), in a
 * phone-friendly HTML part and a complete plain-text part: every theme, every paper with its arXiv
 * abstract, PDF and code links, the papers updated this week, the records seen before, the link to
 * the web digest and the one-click unsubscribe link.
 */
import type { Digest, DigestPaper, DigestTheme, SeenBeforeEntry } from "../../digest/types";
import { authorLine, count, formatWeekDays, percent } from "../../pages/format";
import { codeLinkText, isWebUrl } from "../../pages/paper-item";
import { extraTerms, orderThemes, themeHeading } from "../../pages/theme-section";
import type { OutgoingDigest } from "../types";
import { esc, htmlDocument, link, STYLE } from "./html";

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

export interface DigestFigures {
  newPapers: number;
  updated: number;
  /** Themes with new papers, "other" not counted (as on the web page). */
  themes: number;
  seenBefore: number;
}

/** What this (possibly filtered) digest holds: counted from its themes, not from the whole week's stats. */
export function digestFigures(digest: Digest): DigestFigures {
  return {
    newPapers: digest.themes.reduce((n, t) => n + t.papers.length, 0),
    updated: digest.themes.reduce((n, t) => n + t.updated.length, 0),
    themes: digest.themes.filter((t) => t.kind !== "other" && t.papers.length > 0).length,
    seenBefore: digest.seenBefore.length,
  };
}

/** "23 new papers in 4 themes", "1 new paper", "2 updated papers", "1 paper seen before". */
export function figuresLine(f: DigestFigures): string {
  if (f.newPapers > 0)
    return `${count(f.newPapers, "new paper")}${f.themes > 0 ? ` in ${count(f.themes, "theme")}` : ""}`;
  if (f.updated > 0) return count(f.updated, "updated paper");
  return `${count(f.seenBefore, "paper")} seen before`;
}

/** "arXiv digest 2026-W47: 23 new papers in 4 themes" */
export function digestSubject(digest: Digest): string {
  return `arXiv digest ${digest.week}: ${figuresLine(digestFigures(digest))}`;
}

function paperId(paper: DigestPaper): string | null {
  if (!paper.arxivId) return null;
  const version = paper.latestVersion && paper.latestVersion > 1 ? ` v${paper.latestVersion}` : "";
  return `arXiv:${paper.arxivId}${version}`;
}

function metaParts(paper: DigestPaper): string[] {
  return [authorLine(paper.authors), paper.categories[0], paperId(paper)].filter((p): p is string => !!p);
}

function codeLinks(paper: DigestPaper): string[] {
  return paper.codeLinks.filter(isWebUrl);
}

function themeLine(theme: DigestTheme): string {
  const terms = extraTerms(theme);
  return `${count(theme.papers.length, "new paper")}${theme.updated.length > 0 ? `, ${theme.updated.length} updated` : ""}${terms.length > 0 ? ` · key terms: ${terms.join(", ")}` : ""}`;
}

function seenBeforeMatch(entry: SeenBeforeEntry): string {
  return entry.verdict === "near-duplicate"
    ? `near-duplicate, ${percent(entry.similarity)} similar`
    : "duplicate";
}

function filterNote(outgoing: OutgoingDigest): string | null {
  const { themes, query } = outgoing.subscription;
  const parts: string[] = [];
  if (themes.length > 0) parts.push(`only the ${themes.length === 1 ? "theme" : "themes"} you chose`);
  if (query) parts.push(`only papers that mention “${query}”`);
  return parts.length > 0 ? `Filtered for you: ${parts.join(", ")}.` : null;
}

// ---------------------------------------------------------------- HTML

function paperHtml(paper: DigestPaper): string {
  const links = [
    paper.links ? link(paper.links.abs, "arXiv") : null,
    paper.links ? link(paper.links.pdf, "PDF") : null,
    ...codeLinks(paper).map((url) => link(url, `code: ${codeLinkText(url)}`)),
  ].filter((l): l is string => l !== null);
  const meta = metaParts(paper);
  return [
    `<div style="${STYLE.paper}">`,
    `<div style="${STYLE.paperTitle}">${paper.links ? link(paper.links.abs, paper.title, `${STYLE.link}${STYLE.paperTitle}`) : esc(paper.title)}</div>`,
    meta.length > 0 ? `<div style="${STYLE.meta}">${meta.map(esc).join(" · ")}</div>` : "",
    paper.summary ? `<p style="${STYLE.summary}">${esc(paper.summary)}</p>` : "",
    links.length > 0 ? `<div style="${STYLE.links}">${links.join(" · ")}</div>` : "",
    "</div>",
  ]
    .filter(Boolean)
    .join("\n");
}

function themeHtml(theme: DigestTheme): string {
  const badge = theme.isNew && theme.kind !== "other" ? ` <span style="${STYLE.badge}">new theme</span>` : "";
  return [
    `<h2 style="${STYLE.h2}">${esc(themeHeading(theme))}${badge}</h2>`,
    `<p style="${STYLE.muted}">${esc(themeLine(theme))}</p>`,
    ...theme.papers.map(paperHtml),
    theme.updated.length > 0 ? `<h3 style="${STYLE.h3}">Updated this week</h3>` : "",
    ...theme.updated.map(paperHtml),
  ]
    .filter(Boolean)
    .join("\n");
}

function seenBeforeHtml(entries: SeenBeforeEntry[], baseUrl: string): string {
  if (entries.length === 0) return "";
  return [
    `<h2 style="${STYLE.h2}">Seen before</h2>`,
    `<p style="${STYLE.muted}">Records this week that match papers first seen in an earlier week.</p>`,
    ...entries.map(
      (e) =>
        `<div style="${STYLE.paper}"><div>${link(e.links?.abs, e.title)}</div><div style="${STYLE.meta}">${esc(seenBeforeMatch(e))} · first seen in ${link(`${baseUrl}/digests/${encodeURIComponent(e.firstSeenWeek)}`, e.firstSeenWeek)} · ${esc(count(e.records, "record"))} this week</div></div>`,
    ),
  ].join("\n");
}

// ---------------------------------------------------------------- text

function paperText(paper: DigestPaper, n: number): string[] {
  const lines = [`${n}. ${paper.title}`];
  const meta = metaParts(paper);
  if (meta.length > 0) lines.push(`   ${meta.join(" · ")}`);
  if (paper.summary) lines.push(`   ${paper.summary}`);
  if (paper.links) {
    lines.push(`   arXiv: ${paper.links.abs}`);
    lines.push(`   PDF: ${paper.links.pdf}`);
  }
  for (const url of codeLinks(paper)) lines.push(`   Code: ${url}`);
  lines.push("");
  return lines;
}

function themeText(theme: DigestTheme): string[] {
  const heading = `${themeHeading(theme)}${theme.isNew && theme.kind !== "other" ? " (new theme)" : ""}`;
  const lines = [heading, "=".repeat(Math.min(heading.length, 60)), themeLine(theme), ""];
  theme.papers.forEach((p, i) => {
    lines.push(...paperText(p, i + 1));
  });
  if (theme.updated.length > 0) {
    lines.push("Updated this week:", "");
    theme.updated.forEach((p, i) => {
      lines.push(...paperText(p, i + 1));
    });
  }
  return lines;
}

function seenBeforeText(entries: SeenBeforeEntry[]): string[] {
  if (entries.length === 0) return [];
  const lines = [
    "Seen before",
    "===========",
    "Records this week that match papers first seen in an earlier week.",
    "",
  ];
  for (const e of entries) {
    lines.push(`- ${e.title}`);
    lines.push(
      `  ${seenBeforeMatch(e)} · first seen in ${e.firstSeenWeek} · ${count(e.records, "record")} this week`,
    );
    if (e.links) lines.push(`  arXiv: ${e.links.abs}`);
    lines.push("");
  }
  return lines;
}

// ---------------------------------------------------------------- the mail

export function renderDigestMail(outgoing: OutgoingDigest, publicBaseUrl: string): RenderedMail {
  const { digest, links, subscription } = outgoing;
  const subject = digestSubject(digest);
  const themes = orderThemes(digest.themes);
  const days = formatWeekDays(new Date(digest.range.start), new Date(digest.range.end));
  const f = digestFigures(digest);
  const figures = `${figuresLine(f)}${f.updated > 0 && f.newPapers > 0 ? `, ${f.updated} updated` : ""}`;
  const note = filterNote(outgoing);
  const host = new URL(publicBaseUrl).host;
  const why = `You get this mail because ${subscription.target} subscribed to the weekly arXiv digest of ${host}.`;

  const html = htmlDocument(
    subject,
    `${figures} · ${days}`,
    [
      `<h1 style="${STYLE.h1}">arXiv digest · week ${esc(digest.week)}</h1>`,
      `<p style="${STYLE.muted}">${esc(days)}</p>`,
      `<p style="${STYLE.p}"><strong>${esc(figures)}</strong>. ${link(links.web, "Read it on the web")}</p>`,
      note ? `<p style="${STYLE.muted}">${esc(note)}</p>` : "",
      ...themes.map(themeHtml),
      seenBeforeHtml(digest.seenBefore, publicBaseUrl),
      `<div style="${STYLE.footer}">`,
      `<p style="${STYLE.p}">${link(links.web, `This digest on the web: ${links.web}`)}</p>`,
      `<p style="${STYLE.p}">${esc(why)} ${link(links.unsubscribe, "Unsubscribe")} (one click, no login).</p>`,
      "</div>",
    ]
      .filter(Boolean)
      .join("\n"),
  );

  const text = [
    `arXiv digest · week ${digest.week}`,
    days,
    "",
    `${figures}.`,
    `On the web: ${links.web}`,
    ...(note ? [note] : []),
    "",
    ...themes.flatMap(themeText),
    ...seenBeforeText(digest.seenBefore),
    "-- ",
    why,
    `Unsubscribe (one click, no login): ${links.unsubscribe}`,
    `This digest on the web: ${links.web}`,
    "",
  ].join("\n");

  return { subject, html, text };
}
