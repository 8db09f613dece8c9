/**
 * How much of a week the pages show at once (issue #14: listing every paper made a 6,000-paper week
 * 3.6 MB of HTML). The week's page shows each theme's first papers, its most representative (a
 * theme's papers come best first), and links the rest: `/digests/{week}?theme={id}` lists the whole
 * theme, new papers then updated ones, LIST_PAGE_SIZE to a page (`&page=2`, …); "seen before" is
 * capped the same way, its whole list at `?list=seen-before`. Pure: numbers, slices and addresses.
 */
import type { DigestPaper, DigestTheme, SeenBeforeEntry } from "../digest/types";

/** New papers a theme shows on the week's page, at most… */
export const THEME_SHOWN_MAX = 15;
/** …and at least, however many themes the week has. */
export const THEME_SHOWN_MIN = 3;
/**
 * New papers the week's page shows across its themes, at most: up to 26 themes each show 15 (the
 * benchmark's 6,000-paper week has 20 and Other), more themes share it (40 themes show 10 each, 100 show 4),
 * so the page stays bounded when clustering finds many. With the updated papers and "seen before"
 * that is at most ~520 papers, ~560 bytes each as rendered (~950 with every field at its limit).
 */
export const WEEK_PAGE_PAPERS = 400;
/** Updated papers a theme shows on the week's page: a quarter of its new papers' share (4 of 15). */
const UPDATED_SHARE = 0.25;
/** Records "seen before" the week's page shows. */
export const SEEN_BEFORE_SHOWN = 20;
/** Papers (or seen-before records) on one page of a theme's (or the seen-before) list. */
export const LIST_PAGE_SIZE = 100;

export interface ThemeShare {
  papers: number;
  updated: number;
}

/** How many new and updated papers each theme shows on the week's page of `themeCount` themes. */
export function themeShare(themeCount: number): ThemeShare {
  const even = Math.floor(WEEK_PAGE_PAPERS / Math.max(1, themeCount));
  const papers = Math.min(THEME_SHOWN_MAX, Math.max(THEME_SHOWN_MIN, even));
  return { papers, updated: Math.ceil(papers * UPDATED_SHARE) };
}

/** Pages a list of `total` items takes (an empty list still has its one page). */
export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / LIST_PAGE_SIZE));
}

/** Items `[start, end)` of page `page` (from 1) of a list. */
function pageSpan(page: number): { start: number; end: number } {
  return { start: (page - 1) * LIST_PAGE_SIZE, end: page * LIST_PAGE_SIZE };
}

export interface ThemeListPage {
  papers: DigestPaper[];
  updated: DigestPaper[];
  /** 1-based positions of the first and last item on this page in the theme's list (0, 0 when empty). */
  first: number;
  last: number;
}

/** Page `page` of a theme's list: its new papers, then its updated ones, in order. */
export function themeListPage(theme: DigestTheme, page: number): ThemeListPage {
  const { start, end } = pageSpan(page);
  const n = theme.papers.length;
  const papers = theme.papers.slice(start, end);
  const updated = theme.updated.slice(Math.max(0, start - n), Math.max(0, end - n));
  const shown = papers.length + updated.length;
  return { papers, updated, first: shown > 0 ? start + 1 : 0, last: start + shown };
}

/** Pages of a theme's list (new and updated papers together). */
export function themePages(theme: DigestTheme): number {
  return pageCount(theme.papers.length + theme.updated.length);
}

/** The page of a theme's list where its updated papers begin. */
export function firstUpdatedPage(theme: DigestTheme): number {
  return Math.floor(theme.papers.length / LIST_PAGE_SIZE) + 1;
}

export function seenBeforePage(entries: SeenBeforeEntry[], page: number): SeenBeforeEntry[] {
  const { start, end } = pageSpan(page);
  return entries.slice(start, end);
}

const pageSuffix = (page: number) => (page > 1 ? `&page=${page}` : "");

/** `/digests/{week}?theme={id}` (and `&page=n` after the first page). */
export function themeListHref(week: string, themeId: string, page = 1): string {
  return `/digests/${encodeURIComponent(week)}?theme=${encodeURIComponent(themeId)}${pageSuffix(page)}`;
}

/** `/digests/{week}?list=seen-before` (and `&page=n` after the first page). */
export function seenBeforeHref(week: string, page = 1): string {
  return `/digests/${encodeURIComponent(week)}?list=seen-before${pageSuffix(page)}`;
}
