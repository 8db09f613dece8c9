/** `/paper themes`: this week's themes with their sizes (the current week's preview plus stored themes). */
import type { SlackMessage } from "../../block-kit/limits";
import type { themeListView } from "../../lookup/theme-list";
import { count } from "../../pages/format";
import { context, header, link, safe, sections } from "./text";

type ThemeList = ReturnType<typeof themeListView>;

const MAX_THEMES = 30;

export function themesList(list: ThemeList, base: string, command: string): SlackMessage {
  const themes = list.themes.slice(0, MAX_THEMES);
  if (themes.length === 0) {
    return {
      text: `No themes yet in ${list.week}.`,
      blocks: sections([`No themes yet: the bot has no papers in ${list.week} and no published digest.`]),
    };
  }
  const lines = themes.map((t) => {
    const id = t.provisional ? "_new this week, subscribable once published_" : `\`${safe(t.id, 40)}\``;
    const total = t.size > 0 ? `, ${count(t.size, "paper")} in published digests` : "";
    return `• *${safe(t.label, 150)}* ${id}: ${count(t.thisWeek, "paper")} this week${total}`;
  });
  const more = list.themes.length - themes.length;
  if (more > 0) lines.push(`_…and ${count(more, "smaller theme")}._`);
  return {
    text: `${count(list.themes.length, "theme")} in ${list.week}: ${themes
      .slice(0, 5)
      .map((t) => safe(t.label, 60))
      .join("; ")}`,
    blocks: [
      header(`Themes, ${list.week}`),
      ...sections(lines),
      context(
        `Subscribe this channel to some: \`${command} subscribe <theme id or label words>\`. ${link(`${base}/digests/${list.week}`, `The ${list.week} digest`)}`,
      ),
    ],
  };
}
