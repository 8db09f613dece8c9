/** The public JSON shape of GET /api/themes. */
import type { ThemeRow } from "../db/queries/themes";
import type { Digest } from "../digest/types";

export function themeListView(rows: ThemeRow[], preview: Digest) {
  const thisWeek = new Map(preview.themes.map((t) => [t.id, t]));
  const stored = new Set(rows.map((r) => r.id));
  const themes = rows
    .filter((r) => r.retiredAt === null)
    .map((r) => ({
      id: r.id,
      label: r.label,
      kind: r.kind,
      terms: r.terms,
      // Papers placed in it by published digests; this week's are in `thisWeek`.
      size: r.size,
      thisWeek: thisWeek.get(r.id)?.papers.length ?? 0,
      createdWeek: r.createdWeek,
      updatedWeek: r.updatedWeek,
      provisional: false,
    }));
  // Themes only this week's preview has found: their ids are fixed when the week is published.
  for (const t of preview.themes) {
    if (stored.has(t.id) || t.kind === "other") continue;
    themes.push({
      id: t.id,
      label: t.label,
      kind: "found",
      terms: t.terms,
      size: 0,
      thisWeek: t.papers.length,
      createdWeek: preview.week,
      updatedWeek: preview.week,
      provisional: true,
    });
  }
  themes.sort((a, b) => b.size + b.thisWeek - (a.size + a.thisWeek) || (a.id < b.id ? -1 : 1));
  return { week: preview.week, themes };
}
