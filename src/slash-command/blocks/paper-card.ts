/**
 * One paper as a Slack card (`/paper <id>` and `/paper share <id>`): its headline (the title, or
 * the line derived from the abstract), authors, versions, theme, when it was first seen and in
 * which digest, what was merged into it, and links (abs, PDF, code, the digest page).
 */
import type { KnownBlock } from "@slack/types";
import type { SlackMessage } from "../../block-kit/limits";
import { isoWeekOf } from "../../digest/iso-week";
import { summarise } from "../../digest/summary";
import type { paperView } from "../../lookup/paper-view";
import { count, formatDay } from "../../pages/format";
import { themeAnchor } from "../../pages/theme-section";
import { context, cut, escapeMrkdwn, header, link, safe, section } from "./text";

export type PaperView = ReturnType<typeof paperView>;

const MAX_AUTHORS = 8;
const MAX_VERSIONS = 6;
const MAX_CODE_LINKS = 3;

function authorsLine(authors: string[]): string | null {
  if (authors.length === 0) return null;
  const shown = authors.slice(0, MAX_AUTHORS).map((a) => safe(a, 80));
  const more = authors.length - shown.length;
  return more > 0 ? `${shown.join(", ")} and ${count(more, "more", "more")}` : shown.join(", ");
}

/** The source's submission date when it parses (formats differ), else when the bot first saw it. */
function versionDate(submittedAt: string | null, firstSeenAt: string): Date {
  const submitted = submittedAt === null ? Number.NaN : Date.parse(submittedAt);
  return new Date(Number.isNaN(submitted) ? firstSeenAt : submitted);
}

function versionsLine(view: PaperView): string {
  if (view.versions.length === 0) return "none stored";
  const shown = view.versions.slice(-MAX_VERSIONS).map((v) => {
    const date = formatDay(versionDate(v.submittedAt, v.firstSeenAt));
    if (v.version === null) return `${date} (no version number)`;
    const mark = view.requestedVersion !== null && v.version === view.requestedVersion ? "*" : "";
    return `${mark}v${v.version}${mark} ${date}`;
  });
  const earlier = view.versions.length - shown.length;
  return `${earlier > 0 ? `${count(earlier, "earlier version")}, ` : ""}${shown.join(" · ")}`;
}

function mergeLine(view: PaperView): string {
  const parts: string[] = [];
  if (view.duplicates.length > 0) {
    const byVerdict = new Map<string, number>();
    for (const d of view.duplicates) byVerdict.set(d.verdict, (byVerdict.get(d.verdict) ?? 0) + 1);
    const best = Math.min(...view.duplicates.map((d) => d.similarity ?? 1));
    const kinds = [...byVerdict].map(([verdict, n]) => `${n} ${verdict}`).join(", ");
    parts.push(
      `${count(view.duplicates.length, "record")} merged in (${kinds}${best < 1 ? `; lowest similarity ${best.toFixed(2)}` : ""})`,
    );
  }
  if (view.aliases.length > 0) {
    parts.push(
      `absorbed ${count(view.aliases.length, "id-less copy", "id-less copies")} (${view.aliases
        .slice(0, 2)
        .map((a) => `\`${safe(a.key, 40)}\``)
        .join(", ")}${view.aliases.length > 2 ? ", …" : ""})`,
    );
  }
  return parts.length > 0 ? parts.join("; ") : "no duplicates known";
}

function themeLine(view: PaperView, base: string): string {
  if (view.theme) {
    const url = `${base}/digests/${view.theme.week}#${themeAnchor(view.theme)}`;
    return link(url, view.theme.label);
  }
  return `_decided when ${view.digestWeek} is published_`;
}

function firstSeenLine(view: PaperView, base: string, now: number): string {
  const when = formatDay(new Date(view.firstSeenAt));
  const week = view.digestWeek;
  const digest = link(`${base}/digests/${week}`, `${week} digest`);
  if (view.theme) return `${when}, in the ${digest}`;
  if (week === isoWeekOf(now)) return `${when}, in this week's ${digest} (preview)`;
  return `${when}, in the ${digest} (not published yet)`;
}

export function paperCard(view: PaperView, base: string, now: number): SlackMessage {
  const title = view.headline || view.title || view.key;
  const links: string[] = [];
  if (view.links) links.push(link(view.links.abs, "arXiv abstract"), link(view.links.pdf, "PDF"));
  for (const [i, url] of view.codeLinks.slice(0, MAX_CODE_LINKS).entries()) {
    links.push(link(url, view.codeLinks.length > 1 ? `code ${i + 1}` : "code"));
  }
  links.push(link(`${base}/digests/${view.digestWeek}`, "digest"));

  const ident = view.arxivId
    ? `arXiv:${safe(view.arxivId, 40)}${view.latestVersion ? ` (latest v${view.latestVersion})` : ""}`
    : `\`${safe(view.key, 40)}\` (no arXiv id yet)`;
  const authors = authorsLine(view.authors);
  const summary = summarise(view.abstractPlain, 400);

  const blocks: KnownBlock[] = [
    header(title),
    section(
      [
        authors ? `*Authors:* ${authors}` : "*Authors:* _not known_",
        `*Paper:* ${ident}${view.categories.length ? ` · ${safe(view.categories.slice(0, 5).join(", "), 80)}` : ""}`,
        view.title === null ? "_The title line was derived from the abstract (no source gave a title)._" : "",
      ]
        .filter(Boolean)
        .join("\n"),
    ),
    {
      type: "section",
      fields: [
        { type: "mrkdwn", text: `*Versions*\n${versionsLine(view)}` },
        { type: "mrkdwn", text: `*Theme*\n${themeLine(view, base)}` },
        { type: "mrkdwn", text: `*First seen*\n${firstSeenLine(view, base, now)}` },
        { type: "mrkdwn", text: `*Duplicates*\n${mergeLine(view)}` },
      ],
    },
  ];
  if (summary) blocks.push(section(`>${escapeMrkdwn(summary)}`));
  blocks.push(context(links.join("  ·  ")));

  const fallbackLink = view.links ? ` ${view.links.abs}` : "";
  return { text: cut(`${escapeMrkdwn(title)}${fallbackLink}`, 300), blocks };
}
