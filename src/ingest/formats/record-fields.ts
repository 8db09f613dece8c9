/**
 * Field normalisers shared by the feed and JSON parsers: dates in the shapes arXiv and
 * feeds write them, category lists, DOIs, the arXiv reference among several candidates,
 * and the prefix of arXiv's announcement feeds. All return null (or []) rather than guessing.
 */

import { type ArxivRef, parseArxivRef } from "../arxiv-id";
import type { ParsedRecord, SourceFormat } from "../types";

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

// RFC 822 zone names that feeds still use; offsets in minutes east of UTC.
const ZONES: Record<string, number> = {
  gmt: 0,
  ut: 0,
  utc: 0,
  z: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
// `Mon, 2 Apr 2007 19:18:42 GMT`, `Mon, 15 Jan 2024 00:00:00 -0500`; weekday optional.
const RFC_822 =
  /^(?:[a-z]{3,9},?\s+)?(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([a-z]{1,3}|[+-]\d{4}))?)?$/i;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function offsetMinutes(zone: string | undefined): number | null {
  if (!zone) return 0; // no zone written: arXiv's own stamps are UTC
  const named = ZONES[zone.toLowerCase()];
  if (named !== undefined) return named;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === "-" ? -minutes : minutes;
}

function toUtcIso(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  zone: string | undefined,
): string | null {
  if (!validDay(year, month, day) || hour > 23 || minute > 59 || second > 60) return null;
  const offset = offsetMinutes(zone);
  if (offset === null) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) - offset * 60_000;
  // toISOString always carries milliseconds; sources never have them, so drop them.
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * Normalises a date to ISO-8601: `YYYY-MM-DD` stays a date; anything with a time becomes
 * UTC `YYYY-MM-DDTHH:MM:SSZ`. Returns null for anything it does not recognise, because a
 * wrong date is worse than none (Date.parse happily reads `"1"` as the year 2001).
 */
export function toIsoDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const s = value.trim();

  const date = ISO_DATE.exec(s);
  if (date) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
    return validDay(year, month, day) ? s : null;
  }

  const iso = ISO_DATE_TIME.exec(s);
  if (iso) {
    return toUtcIso(
      Number(iso[1]),
      Number(iso[2]),
      Number(iso[3]),
      Number(iso[4]),
      Number(iso[5]),
      Number(iso[6] ?? 0),
      iso[7],
    );
  }

  const rfc = RFC_822.exec(s);
  if (rfc) {
    const month = MONTHS[rfc[2]!.toLowerCase()];
    if (month === undefined) return null;
    let year = Number(rfc[3]);
    if (rfc[3]!.length === 2) year += year < 50 ? 2000 : 1900;
    const day = Number(rfc[1]);
    if (rfc[4] === undefined) return validDay(year, month, day) ? `${year}-${pad(month)}-${pad(day)}` : null;
    return toUtcIso(year, month, day, Number(rfc[4]), Number(rfc[5]), Number(rfc[6] ?? 0), rfc[7]);
  }
  return null;
}

// arXiv category names: `cs.LG`, `hep-th`, `math-ph`, `cond-mat.stat-mech`, `physics.acc-ph`.
// Sources also list ACM / MSC classes (`I.2.7`, `68T50`) as categories; those are not arXiv
// categories and would pollute category filters, so they are dropped.
const ARXIV_CATEGORY = /^[a-z]+(?:-[a-z]+)?(?:\.[A-Za-z]+(?:-[a-z]+)?)?$/;
const CATEGORY_SEPARATORS = /[\s,;]+/;

/**
 * Builds the category list: the primary (when the source names it) first, then the others
 * in source order, without duplicates; each input string may hold several names.
 */
export function normaliseCategories(primary: string | null | undefined, listed: readonly string[]): string[] {
  const out: string[] = [];
  const add = (raw: string | null | undefined) => {
    if (!raw) return;
    for (const name of raw.split(CATEGORY_SEPARATORS)) {
      if (name && ARXIV_CATEGORY.test(name) && !out.includes(name)) out.push(name);
    }
  };
  add(primary);
  for (const item of listed) add(item);
  return out;
}

/** A DOI without resolver prefixes (`https://doi.org/`, `doi:`); null when empty. */
export function normaliseDoi(value: string | null | undefined): string | null {
  if (!value) return null;
  const doi = value
    .trim()
    .replace(/^https?:\/\/(?:dx\.)?doi\.org\//i, "")
    .replace(/^doi:\s*/i, "")
    .trim();
  return doi.length > 0 ? doi : null;
}

// arXiv's announcement feeds (RSS 2.0 and Atom, 2024 on) prefix every abstract with
// `arXiv:2401.12345v1 Announce Type: new` and an `Abstract:` label.
const ANNOUNCEMENT_PREFIX = /^\s*arXiv:(\S+)\s+Announce Type:\s*([\w-]+)\s*/i;
const ABSTRACT_LABEL = /^\s*Abstract:\s*/i;

export interface Announcement {
  /** The `arXiv:` reference from the prefix (with version), when present. */
  ref: string | null;
  /** `new`, `cross`, `replace`, `replace-cross`, when present. */
  announceType: string | null;
  /** The abstract with the prefix and label removed. */
  body: string;
}

export function splitAnnouncement(text: string): Announcement {
  const prefix = ANNOUNCEMENT_PREFIX.exec(text);
  const rest = prefix ? text.slice(prefix[0].length) : text;
  return {
    ref: prefix?.[1] ?? null,
    announceType: prefix?.[2]?.toLowerCase() ?? null,
    body: rest.replace(ABSTRACT_LABEL, ""),
  };
}

/**
 * The arXiv reference among several places a source may name it (id, guid, links):
 * the first that parses wins, and its version comes from the first candidate that
 * names the same paper with a version (an abs link often omits it where the guid has it).
 */
export function resolveArxivRef(candidates: readonly (string | null | undefined)[]): ArxivRef | null {
  let found: ArxivRef | null = null;
  for (const candidate of candidates) {
    const ref = candidate ? parseArxivRef(candidate) : null;
    if (!ref) continue;
    if (!found) found = ref;
    if (ref.id === found.id && ref.version !== null) return { id: found.id, version: ref.version };
  }
  return found;
}

/** A record that carries nothing but its abstract (layouts and tools without metadata). */
export function bareRecord(index: number, format: SourceFormat, abstract: string): ParsedRecord {
  return {
    index,
    format,
    arxivId: null,
    version: null,
    title: null,
    authors: [],
    categories: [],
    comments: null,
    doi: null,
    journalRef: null,
    createdAt: null,
    updatedAt: null,
    abstract,
  };
}
