/**
 * The digest: the public JSON of GET /api/digests/{week} (docs/contract.md), the frozen payload of a
 * published week, and what the web pages and (later) deliveries render. Plain JSON throughout.
 */

/** `published`: frozen by the weekly cron, never changes. `preview`: the current week so far, rebuilt on request. */
export type DigestStatus = "published" | "preview";

export interface DigestLinks {
  abs: string;
  pdf: string;
}

/** One paper as a digest lists it. */
export interface DigestPaper {
  key: string;
  arxivId: string | null;
  /** The source's title, else the headline derived from the abstract. */
  title: string;
  /** True when `title` was derived from the abstract (no source gave a title). */
  titleDerived: boolean;
  authors: string[];
  /** Primary category first. */
  categories: string[];
  /** The first sentence or two of the plain-text abstract, at most ~300 characters. */
  summary: string;
  /** One sentence of the abstract that says what the paper does (ingest/text/tldr.ts). */
  tldr: string;
  /** `new` for papers first seen this week; `new-version` in a theme's `updated` list. */
  verdict: "new" | "new-version";
  latestVersion: number | null;
  /** Cosine to the theme's centroid (keyword score for operator themes); ranks papers in a theme. */
  themeSimilarity: number;
  firstSeenAt: string;
  links: DigestLinks | null;
  codeLinks: string[];
}

export type DigestThemeKind = "found" | "operator" | "other";

export interface DigestTheme {
  /** Stable across weeks ("t3"), an operator theme's id, or "other". */
  id: string;
  label: string;
  terms: string[];
  kind: DigestThemeKind;
  /** First week this theme received papers is this one. */
  isNew: boolean;
  /** New papers this week, most representative first. */
  papers: DigestPaper[];
  /** Papers first seen in earlier weeks that got a new version this week ("updated this week"). */
  updated: DigestPaper[];
}

/** A record seen this week that matched a paper first seen in an earlier week ("seen before"). */
export interface SeenBeforeEntry {
  key: string;
  title: string;
  verdict: "duplicate" | "near-duplicate";
  similarity: number;
  /** ISO week the paper was first seen. */
  firstSeenWeek: string;
  /** How many such records arrived this week. */
  records: number;
  links: DigestLinks | null;
}

export interface WeekCount {
  week: string;
  papers: number;
}

export interface DigestStats {
  /** Papers first seen this week. */
  newPapers: number;
  /** Earlier papers updated this week / matched again this week. */
  updatedPapers: number;
  seenBefore: number;
  /** Records received this week, counted by verdict (every ingest request of the week). */
  verdicts: Record<string, number>;
  byTheme: { id: string; label: string; papers: number }[];
  /** New papers in each of the previous weeks, oldest first (up to 8), for the change line and the chart. */
  previousWeeks: WeekCount[];
  /** New papers this week minus the previous week's (null when there is no previous week). */
  changeFromPreviousWeek: number | null;
  /** The week's arXiv harvest runs and coverage per followed source (absent when none ran). */
  harvest?: HarvestStats;
}

/** docs/harvest.md: entries expected (arXiv's own counts), stored, still missing, fetches failed. */
export interface HarvestStats {
  runs: number;
  categories: { category: string; expected: number; stored: number; gaps: number; failed: number }[];
}

export interface Digest {
  /** ISO week, e.g. "2026-W47". */
  week: string;
  status: DigestStatus;
  /** Monday 00:00 UTC (inclusive) to next Monday 00:00 UTC (exclusive), ISO timestamps. */
  range: { start: string; end: string };
  /** When it was built (preview) or published (published). */
  generatedAt: string;
  themes: DigestTheme[];
  seenBefore: SeenBeforeEntry[];
  stats: DigestStats;
}

/** One line of the archive: a published week (or the current preview). */
export interface ArchiveEntry {
  week: string;
  status: DigestStatus;
  generatedAt: string;
  newPapers: number;
  /** The week's largest themes' labels, largest first (up to 3). */
  topThemes: string[];
}

/** Papers per theme over recent weeks, for the chart: `counts[i]` belongs to `weeks[i]`. */
export interface ThemeHistory {
  /** Oldest first; the last one may be the current (preview) week. */
  weeks: string[];
  themes: { id: string; label: string; counts: number[] }[];
}
