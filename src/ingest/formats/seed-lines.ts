/**
 * Seed layout 2: one abstract per line, each starting with `Abstract:`; no ids, no dates.
 * A line that does not start with the label continues the abstract above it (a wrapped or
 * hand-edited paste); text before the first label is a preamble and is skipped.
 */

import { normaliseNewlines, unwrapText } from "../clean-text";
import type { ParsedRecord, ParseResult, RecordError } from "../types";
import { bareRecord } from "./record-fields";

const LABEL = /^\s*Abstract\s*:/i;

/** How many lines start with the `Abstract:` label (used by format detection). */
export function countAbstractLabels(text: string): number {
  return normaliseNewlines(text)
    .split("\n")
    .filter((line) => LABEL.test(line)).length;
}

function splitEntries(text: string): string[] {
  const entries: string[][] = [];
  for (const line of normaliseNewlines(text).split("\n")) {
    if (LABEL.test(line)) entries.push([line.replace(LABEL, "")]);
    else entries[entries.length - 1]?.push(line); // blank lines keep paragraph breaks
  }
  return entries.map((lines) => lines.join("\n"));
}

/** Parses seed layout 2. Pure; never throws. */
export function parseSeedLines(text: string): ParseResult {
  const records: ParsedRecord[] = [];
  const errors: RecordError[] = [];
  let entries: string[];
  try {
    entries = splitEntries(text);
  } catch {
    return { format: "seed-lines", records, errors: [{ index: 0, message: "input could not be read" }] };
  }
  entries.forEach((body, index) => {
    const abstract = unwrapText(body);
    if (!abstract) {
      errors.push({ index, message: `entry ${index}: empty abstract after "Abstract:"` });
      return;
    }
    records.push(bareRecord(index, "seed-lines", abstract));
  });
  return { format: "seed-lines", records, errors };
}
