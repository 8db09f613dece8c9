/**
 * What the API, the pages (and later Slack and deliveries) show: published digests as frozen,
 * the current week as a live preview built exactly as the cron would build it.
 */
import type { Database } from "../db/client";
import { listPublished, themeCountsByWeek } from "../db/queries/digests";
import { loadThemeLabels } from "../db/queries/themes";
import { assembleWeek, HISTORY_WEEKS } from "./assemble-week";
import { topThemeLabels } from "./build-digest";
import { loadPublishedDigest } from "./frozen-digest";
import { isoWeekOf, shiftWeek, weekRange } from "./iso-week";
import { OTHER_LABEL } from "./other-theme";
import { cachedPreview } from "./preview-cache";
import { publishedDigest } from "./published-digest-cache";
import type { ArchiveEntry, Digest, ThemeHistory } from "./types";

/** The current week so far, as the cron would publish it now (cached while nothing changes). */
export async function loadPreview(db: Database, now: number): Promise<Digest> {
  return cachedPreview(db, now, async (d, t) => (await assembleWeek(d, isoWeekOf(t), "preview", t)).digest);
}

/**
 * A week's digest: published → as published; the current week → the preview; a finished week not
 * (yet) published → null, as is a future week.
 */
export async function loadDigestForWeek(
  db: Database,
  week: string,
  now: number,
  /** When the week was published, when the caller read that already (null: not published). */
  knownPublishedAt?: number | null,
): Promise<Digest | null> {
  if (weekRange(week).start > now) return null;
  // A published week is served as published, even the current one (a cron run with a clock ahead).
  // It never changes, so each isolate parses it once (published-digest-cache.ts).
  const published = await publishedDigest(db, week, knownPublishedAt);
  if (published || week !== isoWeekOf(now)) return published;
  return loadPreview(db, now);
}

/**
 * The latest digest: the current week's preview once it has new papers, else the newest
 * published one, else the (empty) preview.
 */
export async function loadLatestDigest(db: Database, now: number): Promise<Digest> {
  return (await loadLatestWithPreview(db, now)).latest;
}

/** The latest digest and the current week's preview it was chosen against (pages reuse both). */
export async function loadLatestWithPreview(
  db: Database,
  now: number,
): Promise<{ latest: Digest; preview: Digest | undefined }> {
  const [latest] = await listPublished(db, 1);
  if (latest && latest.week >= isoWeekOf(now)) {
    return { latest: (await loadPublishedDigest(db, latest.week))!, preview: undefined };
  }
  const preview = await loadPreview(db, now);
  if (preview.stats.newPapers > 0) return { latest: preview, preview };
  return { latest: (latest && (await loadPublishedDigest(db, latest.week))) ?? preview, preview };
}

/** Published weeks newest first, preceded by the current week's preview when it has new papers. */
export async function loadArchive(db: Database, now: number, preview?: Digest): Promise<ArchiveEntry[]> {
  const [published, current] = await Promise.all([listPublished(db), preview ?? loadPreview(db, now)]);
  const entries: ArchiveEntry[] = published.map((d) => ({
    week: d.week,
    status: "published",
    generatedAt: new Date(d.publishedAt).toISOString(),
    newPapers: d.newPapers,
    topThemes: d.topThemes,
  }));
  if (current.stats.newPapers > 0 && !published.some((d) => d.week === current.week)) {
    entries.unshift({
      week: current.week,
      status: "preview",
      generatedAt: current.generatedAt,
      newPapers: current.stats.newPapers,
      topThemes: topThemeLabels(current),
    });
  }
  return entries;
}

/**
 * Papers per theme over the last `weeks` weeks (the current one included, from its preview), for
 * the chart. Published weeks count their stored assignments; themes are labelled as they are now.
 */
export async function loadThemeHistory(
  db: Database,
  now: number,
  weeks = HISTORY_WEEKS,
  preview?: Digest,
): Promise<ThemeHistory> {
  const current = isoWeekOf(now);
  const span = Array.from({ length: weeks }, (_, i) => shiftWeek(current, i - weeks + 1));
  const [counts, live, stored] = await Promise.all([
    themeCountsByWeek(db, span),
    preview ?? loadPreview(db, now),
    loadThemeLabels(db),
  ]);
  const labels = new Map<string, string>();
  const series = new Map<string, number[]>();
  const add = (themeId: string, label: string | undefined, week: string, n: number) => {
    const i = span.indexOf(week);
    if (i < 0 || n === 0) return;
    if (!series.has(themeId)) series.set(themeId, new Array<number>(span.length).fill(0));
    series.get(themeId)![i]! += n;
    if (label && !labels.has(themeId)) labels.set(themeId, label);
  };
  // The current week from its preview, unless it is already published (a cron run with a clock ahead).
  if (!counts.some((row) => row.week === current)) {
    for (const t of live.themes) add(t.id, t.label, current, t.papers.length);
  }
  for (const t of stored) if (!labels.has(t.id)) labels.set(t.id, t.label);
  for (const row of counts) add(row.themeId, undefined, row.week, row.papers);

  const themes = [...series]
    .map(([id, counts]) => ({ id, label: labels.get(id) ?? (id === "other" ? OTHER_LABEL : id), counts }))
    .sort(
      (a, b) =>
        Number(a.id === "other") - Number(b.id === "other") ||
        sum(b.counts) - sum(a.counts) ||
        (a.id < b.id ? -1 : 1),
    );
  // Start at the first week with any papers: a young bot's chart has no empty run-up.
  const first = span.findIndex((_, i) => themes.some((t) => t.counts[i]! > 0));
  const from = first < 0 ? span.length - 1 : first;
  return {
    weeks: span.slice(from),
    themes: themes.map((t) => ({ ...t, counts: t.counts.slice(from) })),
  };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
