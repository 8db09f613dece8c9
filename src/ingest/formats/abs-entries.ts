/**
 * The arXiv `.abs` record shape, which the daily listing e-mails reuse entry by entry:
 *
 *   ------------------------------          (optional rule)
 *   \\
 *   arXiv:2401.12345 (*cross-listing*)     (or `Paper: hep-th/9901001` in old records)
 *   Date: Mon, 15 Jan 2024 18:59:59 GMT   (15kb)
 *   Date (revised v2): …                   (or `replaced with revised version …` in mails)
 *
 *   Title: …                               (values may continue on indented lines)
 *   Authors: …
 *   \\
 *     abstract, indented and wrapped
 *   \\                                     (`\\ ( https://arxiv.org/abs/… ,  12kb)` in mails)
 *
 * Anything between entries (mail headers, `Submissions to:`, `%%--%%` section markers,
 * footers) is ignored. One parser serves both formats; `format` only labels the records.
 */

import { parseArxivRef } from "../arxiv-id";
import { cleanField, normaliseNewlines, splitAuthors, unwrapText } from "../clean-text";
import type { ParsedRecord, ParseResult, RecordError } from "../types";
import { normaliseCategories, normaliseDoi, toIsoDate } from "./record-fields";

export type AbsFormat = "abs" | "listing-email";

// `arXiv:ID`, `arXiv:ID (*cross-listing*)`, `Paper: ID`, `Paper (*cross-listing*): ID`.
const ID_LINE = /^(?:arXiv:\s*(\S+)|Paper\s*(?:\(\*[a-z-]+\*\)\s*)?:\s*(\S+))\s*(?:\(\*[a-z-]+\*\))?\s*$/i;
// Rules between entries and the listing-mail section markers (new / crosses / replacements / end).
const RULE_LINE = /^(?:-{5,}|(?:%-){3,}|(?:%%--){2,}|(?:%%%---){2,})/;
// `\\` alone, or the mail form `\\ ( https://arxiv.org/abs/2401.12345 ,  123kb)`.
const DELIMITER = /^\\\\(?:\s*$|\s*\()/;
const CLOSING_WITH_URL = /^\\\\\s*\(/;
const FIELD_LINE = /^([A-Za-z][A-Za-z-]*(?:\s*\([^)]*\))?)\s*:\s*(.*)$/;
const REVISED_KEY = /^date\s*\(\s*revised\s+v(\d+)\s*\)$/i;
const REPLACED_LINE = /^replaced with revised version\s+(.*)$/i;
// The first header line after the id in every record shape we know.
const HISTORY_LINE = /^(?:From:|Date\s*[:(]|replaced with revised version|Title:|Authors?:)/i;

function isBlank(line: string): boolean {
  return line.trim().length === 0;
}

/**
 * Indexes of the id lines that open an entry. An id line counts when a `\\` precedes it,
 * or, for a record pasted without its `\\`, when a rule or the start of the text precedes
 * it and a `Date:`-style header line follows. So neither an abstract line that happens to
 * read `arXiv:…` nor a bare list of ids is mistaken for a record.
 */
function findEntryStarts(lines: readonly string[]): { idLine: number; opener: number }[] {
  const starts: { idLine: number; opener: number }[] = [];
  const nonBlank = (from: number, step: 1 | -1): number => {
    let i = from;
    while (i >= 0 && i < lines.length && isBlank(lines[i]!)) i += step;
    return i;
  };
  for (let i = 0; i < lines.length; i++) {
    if (!ID_LINE.test(lines[i]!.trim())) continue;
    const prev = nonBlank(i - 1, -1);
    const before = prev >= 0 ? lines[prev]!.trim() : null;
    if (before === "\\\\") {
      starts.push({ idLine: i, opener: prev });
      continue;
    }
    const after = lines[nonBlank(i + 1, 1)]?.trim() ?? "";
    if ((before === null || RULE_LINE.test(before)) && HISTORY_LINE.test(after)) {
      starts.push({ idLine: i, opener: i });
    }
  }
  return starts;
}

/** How many `.abs`-shaped entries the text holds (used by format detection). */
export function countAbsEntries(text: string): number {
  return findEntryStarts(normaliseNewlines(text).split("\n")).length;
}

interface Header {
  rawId: string;
  fields: Map<string, string>;
  /** Whether a first-version `Date:` line was present (even if its date was unreadable). */
  hasDateLine: boolean;
  createdAt: string | null;
  revisions: { version: number; date: string | null }[];
  replacedAt: string | null;
  isReplacement: boolean;
}

/** Drops the `(15kb)` / `(1234kb,D)` size note that follows every date. */
function dateValue(raw: string): string | null {
  return toIsoDate(raw.replace(/\s*\(.*$/, ""));
}

function readHeader(idLine: string, headerLines: readonly string[]): Header {
  const match = ID_LINE.exec(idLine.trim());
  const header: Header = {
    rawId: match?.[1] ?? match?.[2] ?? "",
    fields: new Map(),
    hasDateLine: false,
    createdAt: null,
    revisions: [],
    replacedAt: null,
    isReplacement: false,
  };
  let current: string | null = null; // field that an indented line continues
  for (const line of headerLines) {
    if (isBlank(line)) {
      current = null;
      continue;
    }
    if (/^\s/.test(line) && current !== null) {
      header.fields.set(current, `${header.fields.get(current) ?? ""} ${line.trim()}`);
      continue;
    }
    const replaced = REPLACED_LINE.exec(line.trim());
    if (replaced) {
      header.isReplacement = true;
      header.replacedAt = dateValue(replaced[1]!);
      current = null;
      continue;
    }
    const field = FIELD_LINE.exec(line.trim());
    if (!field) {
      current = null;
      continue;
    }
    const key = field[1]!.replace(/\s+/g, " ").toLowerCase();
    const value = field[2]!;
    const revised = REVISED_KEY.exec(key);
    if (revised) {
      header.revisions.push({ version: Number(revised[1]), date: dateValue(value) });
      current = null;
    } else if (key === "date") {
      if (!header.hasDateLine) header.createdAt = dateValue(value);
      header.hasDateLine = true;
      current = null;
    } else if (header.fields.has(key)) {
      // First occurrence wins; a repeated key is more likely noise than a correction.
      current = null;
    } else {
      header.fields.set(key, value);
      current = key;
    }
  }
  return header;
}

function latestDate(dates: readonly (string | null)[]): string | null {
  let latest: string | null = null;
  for (const date of dates) {
    if (date !== null && (latest === null || date > latest)) latest = date;
  }
  return latest;
}

/**
 * Version: an explicit `vN` on the id line wins; else the highest `Date (revised vN)`; a
 * record with only `Date:` is v1. A bare `replaced with revised version` names no number.
 */
function versionOf(header: Header, idVersion: number | null): number | null {
  if (idVersion !== null) return idVersion;
  if (header.revisions.length > 0) return Math.max(...header.revisions.map((r) => r.version));
  if (header.isReplacement) return null;
  return header.hasDateLine ? 1 : null;
}

type EntryOutcome = { record: ParsedRecord } | { error: string };

function readEntry(
  lines: readonly string[],
  idLine: number,
  end: number,
  index: number,
  format: AbsFormat,
): EntryOutcome {
  // The header ends at the first `\\`; the abstract ends at the LAST one, because an
  // abstract may itself contain LaTeX `\\` lines.
  let headerEnd = -1;
  let closing = -1;
  for (let i = idLine + 1; i < end; i++) {
    const trimmed = lines[i]!.trim();
    if (!DELIMITER.test(trimmed)) continue;
    if (headerEnd === -1) headerEnd = i;
    closing = i;
  }
  const header = readHeader(lines[idLine]!, lines.slice(idLine + 1, headerEnd === -1 ? end : headerEnd));

  let abstractLines: readonly string[] = [];
  if (headerEnd !== -1 && !CLOSING_WITH_URL.test(lines[headerEnd]!.trim())) {
    if (closing > headerEnd) {
      abstractLines = lines.slice(headerEnd + 1, closing);
    } else {
      // No closing `\\` (a truncated paste): take the text up to the next rule.
      const rest = lines.slice(headerEnd + 1, end);
      const rule = rest.findIndex((line) => RULE_LINE.test(line.trim()));
      abstractLines = rule === -1 ? rest : rest.slice(0, rule);
    }
  }

  const ref = parseArxivRef(header.rawId);
  if (!ref) return { error: `entry ${index}: unreadable arXiv id "${header.rawId}"` };
  const abstract = unwrapText(abstractLines.join("\n"));
  if (!abstract) {
    return {
      error: header.isReplacement
        ? `arXiv:${ref.id}: replacement notice without an abstract`
        : `arXiv:${ref.id}: no abstract`,
    };
  }

  const field = (key: string) => cleanField(header.fields.get(key));
  // A DOI field may list errata DOIs after the paper's own; the first one is the paper's.
  const doi = normaliseDoi(field("doi")?.split(/\s+/)[0]);
  return {
    record: {
      index,
      format,
      arxivId: ref.id,
      version: versionOf(header, ref.version),
      title: field("title"),
      authors: splitAuthors(header.fields.get("authors")),
      categories: normaliseCategories(null, [field("categories") ?? ""]),
      comments: field("comments"),
      doi,
      journalRef: field("journal-ref"),
      createdAt: header.createdAt,
      updatedAt: latestDate([...header.revisions.map((r) => r.date), header.replacedAt]),
      abstract,
    },
  };
}

/** Parses every `.abs`-shaped entry in `text`. Pure; never throws. */
export function parseAbsEntries(text: string, format: AbsFormat): ParseResult {
  const records: ParsedRecord[] = [];
  const errors: RecordError[] = [];
  let lines: string[];
  let starts: { idLine: number; opener: number }[];
  try {
    lines = normaliseNewlines(text).split("\n");
    starts = findEntryStarts(lines);
  } catch {
    return { format, records, errors: [{ index: 0, message: "input could not be read as arXiv records" }] };
  }
  starts.forEach((start, index) => {
    const end = starts[index + 1]?.opener ?? lines.length;
    try {
      const outcome = readEntry(lines, start.idLine, end, index, format);
      if ("record" in outcome) records.push(outcome.record);
      else errors.push({ index, message: outcome.error });
    } catch {
      errors.push({ index, message: `entry ${index}: could not be read` });
    }
  });
  return { format, records, errors };
}
