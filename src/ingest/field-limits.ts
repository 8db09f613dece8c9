/**
 * Per-field size limits, checked once for every format (storeIngest applies them before any
 * work on a record). Each is far above real arXiv data, so no genuine record comes near one;
 * they exist so that one runaway field (a whole file pasted into an abstract) costs only its
 * own record instead of the request, and so that a stored row stays well under D1's 2 MB
 * value limit. Lengths are in characters after the parser's clean-up.
 */
import type { ParsedRecord, ParseResult, RecordError } from "./types";

/** arXiv caps abstracts at 1,920 characters; 20,000 leaves room for other sources' markup. */
export const MAX_ABSTRACT_CHARS = 20_000;
/** Real titles stay under ~300 characters. */
export const MAX_TITLE_CHARS = 2_000;
/** One author name (with an affiliation in parentheses) stays under ~300. */
export const MAX_AUTHOR_CHARS = 1_000;
/** The whole author list: ATLAS/CMS papers list ~3,000 names (~60,000 characters). */
export const MAX_AUTHORS_TOTAL_CHARS = 200_000;
/** arXiv's Comments line is a sentence or two. */
export const MAX_COMMENTS_CHARS = 5_000;
/** Journal-ref and DOI are one reference each (a few DOIs at most). */
export const MAX_JOURNAL_REF_CHARS = 2_000;
export const MAX_DOI_CHARS = 1_000;
/** A paper is cross-listed in a handful of categories. */
export const MAX_CATEGORIES = 100;

const number = (n: number) => n.toLocaleString("en-US");

/** Why a record is over a limit, or null when every field is within its limit. */
export function oversizedField(record: ParsedRecord): string | null {
  const checks: Array<[string, number, number]> = [
    ["abstract", record.abstract.length, MAX_ABSTRACT_CHARS],
    ["title", record.title?.length ?? 0, MAX_TITLE_CHARS],
    ["comments", record.comments?.length ?? 0, MAX_COMMENTS_CHARS],
    ["journal-ref", record.journalRef?.length ?? 0, MAX_JOURNAL_REF_CHARS],
    ["DOI", record.doi?.length ?? 0, MAX_DOI_CHARS],
    ["author name", Math.max(0, ...record.authors.map((a) => a.length)), MAX_AUTHOR_CHARS],
    ["author list", record.authors.reduce((sum, a) => sum + a.length, 0), MAX_AUTHORS_TOTAL_CHARS],
  ];
  for (const [field, length, limit] of checks) {
    if (length > limit) {
      return `the ${field} is ${number(length)} characters, over the ${number(limit)}-character limit`;
    }
  }
  if (record.categories.length > MAX_CATEGORIES) {
    return `${number(record.categories.length)} categories, over the limit of ${MAX_CATEGORIES}`;
  }
  return null;
}

/** The parse result with every oversized record moved to `errors` (which stay in index order). */
export function enforceFieldLimits(parsed: ParseResult): ParseResult {
  const records: ParsedRecord[] = [];
  const rejected: RecordError[] = [];
  for (const record of parsed.records) {
    const reason = oversizedField(record);
    if (reason === null) records.push(record);
    else {
      const which = record.arxivId ? ` (${record.arxivId})` : "";
      rejected.push({ index: record.index, message: `entry ${record.index + 1}${which}: ${reason}` });
    }
  }
  if (rejected.length === 0) return parsed;
  return { ...parsed, records, errors: [...parsed.errors, ...rejected].sort((a, b) => a.index - b.index) };
}
