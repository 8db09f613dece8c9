/**
 * Seed layout 1, paragraphs separated by blank lines:
 *
 *   <abstract paragraph(s)>
 *
 *   <optional comments line: `12 pages`, `no`, `Accepted to CIKM 2023 (Full Paper)`>
 *
 *   arXiv:2309.16424 - doi: 10.1145/3583780.3615015
 *   Created: 2023-09-28 Updated: 2023-12-17
 *
 * The `arXiv:` line closes an entry; everything since the previous entry's tail is its body.
 */

import { parseArxivRef } from "../arxiv-id";
import { cleanField, normaliseNewlines, unwrapText } from "../clean-text";
import type { ParsedRecord, ParseResult, RecordError } from "../types";
import { normaliseCategories, normaliseDoi, toIsoDate } from "./record-fields";

// The id line: `arXiv:ID`, then optionally ` - doi: …` and/or `[cs.LG]`. Anything else
// after the id means the line is prose that merely starts with "arXiv:".
const ARXIV_LINE = /^arXiv:\s*(\S+)(.*)$/i;
const ARXIV_TAIL = /^(?:\s*(?:-\s*)?doi:\s*\S+|\s*\[[^\]]*\])*\s*$/i;
const DATE_LINE = /^(?:Created|Updated):/i;
// A comments line is one line and short. arXiv comments rarely pass 300 characters,
// and an abstract paragraph rarely stays under it.
const MAX_COMMENT_LENGTH = 300;

interface Entry {
  paragraphs: string[];
  idLine: string | null;
  dateLines: string[];
}

function isIdLine(line: string): boolean {
  const match = ARXIV_LINE.exec(line);
  return match !== null && ARXIV_TAIL.test(match[2] ?? "");
}

/** Line counts that tell format detection whether the text has this layout's shape. */
export function seedListingShape(text: string): { idLines: number; dateLines: number; textLines: number } {
  const shape = { idLines: 0, dateLines: 0, textLines: 0 };
  for (const raw of normaliseNewlines(text).split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    if (isIdLine(line)) shape.idLines++;
    else if (DATE_LINE.test(line)) shape.dateLines++;
    else shape.textLines++;
  }
  return shape;
}

/** Splits the text into entries: body paragraphs, the `arXiv:` line, the date lines. */
function splitEntries(text: string): Entry[] {
  const entries: Entry[] = [];
  let paragraphs: string[] = [];
  let paragraph: string[] = [];
  let pendingDates: string[] = [];
  let inTail = false; // right after an `arXiv:` line, where its date lines belong

  const closeParagraph = () => {
    if (paragraph.length > 0) paragraphs.push(paragraph.join("\n"));
    paragraph = [];
  };

  for (const raw of normaliseNewlines(text).split("\n")) {
    const line = raw.trim();
    if (!line) {
      closeParagraph();
      continue;
    }
    if (isIdLine(line)) {
      closeParagraph();
      entries.push({ paragraphs, idLine: line, dateLines: pendingDates });
      paragraphs = [];
      pendingDates = [];
      inTail = true;
      continue;
    }
    if (DATE_LINE.test(line)) {
      closeParagraph();
      const last = entries[entries.length - 1];
      if (inTail && last) last.dateLines.push(line);
      else pendingDates.push(line); // dates written before their id line
      continue;
    }
    inTail = false;
    paragraph.push(line);
  }
  closeParagraph();
  if (paragraphs.length > 0) entries.push({ paragraphs, idLine: null, dateLines: pendingDates });
  return entries;
}

function dateAfter(label: string, dateLines: readonly string[]): string | null {
  const pattern = new RegExp(`${label}:\\s*(.*?)\\s*(?:(?:Created|Updated):|$)`, "i");
  for (const line of dateLines) {
    const match = pattern.exec(line);
    if (match?.[1]) return toIsoDate(match[1]);
  }
  return null;
}

/**
 * Separates the comments line from the abstract. Structural rule: with one paragraph it is
 * the abstract, however short (abstracts can be one sentence). With two or more, the last
 * is the comments line when it is a single short line; otherwise all of them are abstract.
 */
function splitBody(paragraphs: readonly string[]): { abstract: string; comments: string | null } {
  const last = paragraphs[paragraphs.length - 1];
  const isComment =
    paragraphs.length >= 2 && last !== undefined && !last.includes("\n") && last.length <= MAX_COMMENT_LENGTH;
  const body = isComment ? paragraphs.slice(0, -1) : paragraphs;
  // Some dumps label the abstract; the label is not part of it.
  const abstract = unwrapText(body.join("\n\n")).replace(/^Abstract:\s*/i, "");
  return { abstract, comments: isComment ? cleanField(last) : null };
}

function toRecord(entry: Entry, index: number): ParsedRecord | string {
  if (entry.idLine === null) return `entry ${index}: text with no arXiv: line after it`;
  const [, rawId = "", tail = ""] = ARXIV_LINE.exec(entry.idLine) ?? [];
  const ref = parseArxivRef(rawId);
  if (!ref) return `entry ${index}: unreadable arXiv id "${rawId}"`;
  const { abstract, comments } = splitBody(entry.paragraphs);
  if (!abstract) return `entry ${index} (arXiv:${ref.id}): no abstract`;
  const categories = normaliseCategories(null, [/\[([^\]]*)\]/.exec(tail)?.[1] ?? ""]);
  return {
    index,
    format: "seed-listing",
    arxivId: ref.id,
    version: ref.version,
    title: null,
    authors: [],
    categories,
    comments,
    doi: normaliseDoi(/doi:\s*(\S+)/i.exec(tail)?.[1]),
    journalRef: null,
    createdAt: dateAfter("Created", entry.dateLines),
    updatedAt: dateAfter("Updated", entry.dateLines),
    abstract,
  };
}

/** Parses seed layout 1. Pure; never throws. */
export function parseSeedListing(text: string): ParseResult {
  const records: ParsedRecord[] = [];
  const errors: RecordError[] = [];
  let entries: Entry[];
  try {
    entries = splitEntries(text);
  } catch {
    return { format: "seed-listing", records, errors: [{ index: 0, message: "input could not be read" }] };
  }
  entries.forEach((entry, index) => {
    try {
      const outcome = toRecord(entry, index);
      if (typeof outcome === "string") errors.push({ index, message: outcome });
      else records.push(outcome);
    } catch {
      errors.push({ index, message: `entry ${index}: could not be read` });
    }
  });
  return { format: "seed-listing", records, errors };
}
