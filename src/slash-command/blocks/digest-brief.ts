/** `/paper digest`: the latest digest in brief: its figures, then each theme with its top papers. */

import type { SlackMessage } from "../../block-kit/limits";
import type { Digest, DigestPaper } from "../../digest/types";
import { count, signed } from "../../pages/format";
import { orderThemes, themeAnchor, themeHeading } from "../../pages/theme-section";
import { context, header, link, safe, sections } from "./text";

const MAX_THEMES = 8;
const PAPERS_PER_THEME = 3;

function paperLink(p: DigestPaper): string {
  return p.links ? link(p.links.abs, p.title) : safe(p.title, 150);
}

export function digestBrief(digest: Digest, base: string): SlackMessage {
  const page = `${base}/digests/${digest.week}`;
  const status = digest.status === "preview" ? " (this week so far)" : "";
  const { stats } = digest;
  const change =
    stats.changeFromPreviousWeek === null
      ? ""
      : ` (${signed(stats.changeFromPreviousWeek)} on the week before)`;
  const themes = orderThemes(digest.themes).filter((t) => t.papers.length > 0);
  const figures = [
    `*${count(stats.newPapers, "new paper")}*${change} in ${count(themes.length, "theme")}`,
    stats.updatedPapers > 0 ? `${count(stats.updatedPapers, "paper")} updated` : "",
    stats.seenBefore > 0 ? `${count(stats.seenBefore, "paper")} seen before` : "",
  ]
    .filter(Boolean)
    .join(" · ");
  if (themes.length === 0) {
    return {
      text: `Digest ${digest.week}${status}: no new papers yet.`,
      blocks: [
        header(`Digest ${digest.week}${status}`),
        ...sections([`No new papers yet. ${link(page, "The digest page")} fills as papers arrive.`]),
      ],
    };
  }
  const lines = themes.slice(0, MAX_THEMES).map((t) => {
    const top = t.papers.slice(0, PAPERS_PER_THEME).map((p) => `   ◦ ${paperLink(p)}`);
    const more = t.papers.length - top.length;
    const title = link(`${page}#${themeAnchor(t)}`, themeHeading(t));
    return [
      `*${title}*: ${count(t.papers.length, "paper")}`,
      ...top,
      more > 0 ? `   ◦ _and ${more} more_` : "",
    ]
      .filter(Boolean)
      .join("\n");
  });
  const moreThemes = themes.length - MAX_THEMES;
  if (moreThemes > 0) lines.push(`_…and ${count(moreThemes, "more theme")}._`);
  return {
    text: `Digest ${digest.week}${status}: ${count(stats.newPapers, "new paper")} in ${count(themes.length, "theme")}.`,
    blocks: [
      header(`Digest ${digest.week}${status}`),
      ...sections([figures, ...lines]),
      context(
        `${link(page, "The whole digest")} · generated ${digest.generatedAt.slice(0, 16).replace("T", " ")} UTC`,
      ),
    ],
  };
}
