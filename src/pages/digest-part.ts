/**
 * The part of a week `/digests/{week}` shows, from its query: the whole week (no query), one theme's
 * list (`?theme={id}&page={n}`) or the "seen before" list (`?list=seen-before&page={n}`). Every
 * input a reader can type is answered with a page: a malformed query is 400, a theme the week does
 * not have or a page after the last is 404 (the themes and their sizes change while a week is a
 * preview, so an old link may point past the end). Other parameters (tracking tags) are ignored.
 */
import type { Digest, DigestTheme } from "../digest/types";
import { pageCount, themePages } from "./digest-bounds";
import type { ErrorPageProps } from "./error-page";

export type DigestPart =
  | { kind: "theme"; themeId: string; page: number }
  | { kind: "seen-before"; page: number };

export type PartQuery = { ok: true; part: DigestPart | null } | { ok: false; error: ErrorPageProps };

/** A page number as a reader writes it: 1, 2, … (six digits is far past any week's last page). */
const PAGE = /^[1-9][0-9]{0,5}$/;
/** Longer than any theme id; a longer one is refused before it is shown back. */
const MAX_THEME_ID = 100;

const shown = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

function badQuery(message: string): PartQuery {
  return { ok: false, error: { status: 400, heading: "That is not a part of a week", message } };
}

/** The query of `/digests/{week}`, checked; `part: null` is the whole week. */
export function parsePartQuery(params: URLSearchParams): PartQuery {
  for (const name of ["theme", "list", "page"]) {
    if (params.getAll(name).length > 1) return badQuery(`Give “${name}” once.`);
  }
  const theme = params.get("theme");
  const list = params.get("list");
  const pageText = params.get("page");
  if (pageText !== null && !PAGE.test(pageText)) {
    return badQuery(`“${shown(pageText)}” is not a page number: pages are numbered 1, 2, 3, …`);
  }
  const page = pageText === null ? 1 : Number(pageText);
  if (theme !== null && list !== null) return badQuery("Ask for a theme or for a list, not both.");
  if (theme !== null) {
    if (theme === "" || theme.length > MAX_THEME_ID) return badQuery("That is not a theme id.");
    return { ok: true, part: { kind: "theme", themeId: theme, page } };
  }
  if (list !== null) {
    if (list !== "seen-before")
      return badQuery(`There is no list “${shown(list)}”; the one list is seen-before.`);
    return { ok: true, part: { kind: "seen-before", page } };
  }
  if (pageText !== null) return badQuery("A page number goes with a theme (?theme=…) or a list.");
  return { ok: true, part: null };
}

export type PartView =
  | { kind: "theme"; theme: DigestTheme; page: number; pages: number }
  | { kind: "seen-before"; page: number; pages: number };

export type ResolvedPart = { ok: true; view: PartView } | { ok: false; error: ErrorPageProps };

function pastTheEnd(what: string, week: string, page: number, pages: number): ResolvedPart {
  return {
    ok: false,
    error: {
      status: 404,
      heading: `No page ${page}`,
      message: `${what} in ${week} has ${pages === 1 ? "1 page" : `${pages} pages`}; there is no page ${page}.`,
    },
  };
}

/** The part asked for in this digest, or a 404 when the week has no such theme or page. */
export function resolvePart(digest: Digest, part: DigestPart): ResolvedPart {
  if (part.kind === "seen-before") {
    const pages = pageCount(digest.seenBefore.length);
    if (part.page > pages) return pastTheEnd("The seen-before list", digest.week, part.page, pages);
    return { ok: true, view: { kind: "seen-before", page: part.page, pages } };
  }
  const theme = digest.themes.find((t) => t.id === part.themeId);
  if (theme === undefined) {
    return {
      ok: false,
      error: {
        status: 404,
        heading: `No such theme in ${digest.week}`,
        message: `The week ${digest.week} has no theme “${shown(part.themeId)}”. Its page lists every theme it has.`,
      },
    };
  }
  const pages = themePages(theme);
  if (part.page > pages) return pastTheEnd("This theme's list", digest.week, part.page, pages);
  return { ok: true, view: { kind: "theme", theme, page: part.page, pages } };
}
