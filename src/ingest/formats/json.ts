/**
 * JSON sources: an array of records, one record, or JSON lines (one record a line). Field
 * names differ between dumps (Kaggle/OAI snapshot, arxiv-browse, daily-arXiv, hand-made
 * exports), so keys are matched loosely (`journal-ref` = `journal_ref` = `journalRef`) and
 * every optional field that has an unexpected type is ignored rather than fatal. Only the
 * abstract is required.
 * One file because its parts change together around one type: the lenient schema, the key
 * canonicalisation feeding it and the mapping to a ParsedRecord all work on the RawRecord that
 * recordSchema infers, and a field added to one has to be added to the others.
 */

import { z } from "zod";
import { cleanField, splitAuthors, unwrapText } from "../clean-text";
import { type ParsedRecord, type ParseResult, type RecordError, unreadableBody } from "../types";
import {
  normaliseCategories,
  normaliseDoi,
  resolveArxivRef,
  splitAnnouncement,
  toIsoDate,
} from "./record-fields";

// Lenient building blocks: a wrong type in an optional field becomes "absent", not an error.
const scalarText = z.union([z.string(), z.number().transform(String)]);
const optionalText = scalarText.nullish().catch(null);
const versionEntry = z
  .union([
    scalarText.transform((version) => ({ version, created: undefined })),
    z.object({
      version: scalarText.optional().catch(undefined),
      created: z.string().optional().catch(undefined),
    }),
  ])
  .catch({ version: undefined, created: undefined });
const authorEntry = z
  .union([z.string(), z.object({ name: z.string() }).transform((author) => author.name)])
  .catch("");

/**
 * One record, keyed by canonical field names: lower case with `-`, `_` and spaces removed
 * (see canonicalKey), so the schema lists each field once whatever the source calls it.
 */
const recordSchema = z.object({
  // The abstract is the only field whose type is checked strictly: a record without readable
  // abstract text is an error, reported with the field that was wrong.
  abstract: z.string().nullish(),
  summary: z.string().nullish(),
  id: optionalText,
  arxivid: optionalText,
  paperid: optionalText,
  externalids: z.object({ arxiv: optionalText }).nullish().catch(null),
  abs: optionalText,
  url: optionalText,
  link: optionalText,
  versions: z.array(versionEntry).nullish().catch(null),
  fileversion: optionalText,
  version: optionalText,
  title: optionalText,
  authors: z
    .union([z.string(), z.array(authorEntry)])
    .nullish()
    .catch(null),
  authorsparsed: z.array(z.array(optionalText).catch([])).nullish().catch(null),
  categories: z
    .union([scalarText, z.array(optionalText)])
    .nullish()
    .catch(null),
  primarycategory: optionalText,
  comments: optionalText,
  comment: optionalText,
  doi: optionalText,
  journalref: optionalText,
  published: optionalText,
  created: optionalText,
  date: optionalText,
  updated: optionalText,
  updatedate: optionalText,
});
type RawRecord = z.infer<typeof recordSchema>;

export function parseJson(text: string): ParseResult {
  const result: ParseResult = { format: "json", records: [], errors: [] };
  const body = text.replace(/^\uFEFF/, "");
  if (!NON_BLANK.test(body)) return unreadableBody("json", "empty input: expected JSON or JSON lines");
  const keys = new Map<string, string>();
  const addEntry = (value: unknown, index: number, where: string) => {
    const parsed = parseEntry(value, index, where, keys);
    if ("message" in parsed) result.errors.push(parsed);
    else result.records.push(parsed);
  };

  const whole = tryParse(body);
  if (whole.ok) {
    const entries = topLevelEntries(whole.value, keys);
    if (entries === null) {
      return unreadableBody(
        "json",
        `expected a JSON object, an array of objects or JSON lines, got ${describe(whole.value)}`,
      );
    }
    for (const [index, entry] of entries.entries()) addEntry(entry, index, `entry ${index + 1}`);
    return result;
  }

  // JSON lines: every non-blank line is one entry, parsed on its own so that a bad line
  // costs only itself.
  const lines: { lineNumber: number; parsed: Parsed }[] = [];
  body.split("\n").forEach((line, i) => {
    if (NON_BLANK.test(line)) lines.push({ lineNumber: i + 1, parsed: tryParseLine(line) });
  });
  // Not one line holds an object: this is not JSON lines but broken JSON (a pretty-printed
  // document with a syntax error, or not JSON at all); one error says so better than many.
  if (!lines.some(({ parsed }) => parsed.ok && isPlainObject(parsed.value))) {
    return unreadableBody("json", `not valid JSON: ${whole.message}`);
  }
  lines.forEach(({ lineNumber, parsed }, index) => {
    if (parsed.ok) addEntry(parsed.value, index, `line ${lineNumber}`);
    else result.errors.push({ index, message: `line ${lineNumber}: not valid JSON (${parsed.message})` });
  });
  return result;
}

type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

const NON_BLANK = /\S/;
// What a JSON text can start with. Anything else is rejected without calling JSON.parse,
// whose thrown SyntaxError costs microseconds a line: a large non-JSON body would otherwise
// burn a Worker's CPU budget just producing error messages.
const JSON_START = /^\s*[{["\d\-tfn]/;

function tryParseLine(line: string): Parsed {
  if (!JSON_START.test(line)) {
    return { ok: false, message: `starts with ${JSON.stringify(line.trim().slice(0, 12))}` };
  }
  return tryParse(line);
}

function tryParse(json: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(json) };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** Canonical field name: `journal-ref`, `journal_ref` and `journalRef` are all `journalref`. */
function canonicalKey(key: string, cache: Map<string, string>): string {
  let canonical = cache.get(key);
  if (canonical === undefined) {
    canonical = key.toLowerCase().replace(/[-_\s]/g, "");
    cache.set(key, canonical);
  }
  return canonical;
}

/** The object with canonical keys; the first non-null value wins when two keys collide. */
function canonicalise(object: Record<string, unknown>, cache: Map<string, string>): Record<string, unknown> {
  // No prototype: a `__proto__` key from the input must stay a plain (ignored) field.
  const out: Record<string, unknown> = Object.create(null);
  for (const key in object) {
    const canonical = canonicalKey(key, cache);
    if (out[canonical] === undefined || out[canonical] === null) out[canonical] = object[key];
  }
  return out;
}

const ABSTRACT_KEYS = ["abstract", "summary"];

/**
 * The entries of a whole JSON document: an array's elements, or one object. An object
 * without an abstract that wraps a list of objects (`{"papers": [...]}`, an API response)
 * stands for that list. Null when the value cannot hold records.
 */
function topLevelEntries(value: unknown, cache: Map<string, string>): unknown[] | null {
  if (Array.isArray(value)) return value;
  if (!isPlainObject(value)) return null;
  const keys = Object.keys(value);
  if (keys.some((key) => ABSTRACT_KEYS.includes(canonicalKey(key, cache)))) return [value];
  // Only a list whose objects carry abstracts: a record missing its abstract must not be
  // mistaken for a wrapper of its own `versions` list.
  const holdsRecords = (inner: unknown): inner is unknown[] =>
    Array.isArray(inner) &&
    inner.some(
      (item) =>
        isPlainObject(item) &&
        Object.keys(item).some((key) => ABSTRACT_KEYS.includes(canonicalKey(key, cache))),
    );
  for (const key of keys) {
    const inner = value[key];
    if (holdsRecords(inner)) return inner;
  }
  return [value];
}

function parseEntry(
  value: unknown,
  index: number,
  where: string,
  cache: Map<string, string>,
): ParsedRecord | RecordError {
  if (!isPlainObject(value))
    return { index, message: `${where}: expected a JSON object, got ${describe(value)}` };
  const checked = recordSchema.safeParse(canonicalise(value, cache));
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const field = issue?.path.join(".") || "record";
    return { index, message: `${where}: field "${field}" must be text (${issue?.message ?? "invalid"})` };
  }
  return toRecord(checked.data, index, where);
}

function toRecord(raw: RawRecord, index: number, where: string): ParsedRecord | RecordError {
  // Scraped announcement feeds keep arXiv's `arXiv:ID Announce Type: …  Abstract:` prefix.
  const announcement = splitAnnouncement(raw.abstract?.trim() ? raw.abstract : (raw.summary ?? ""));
  const abstract = unwrapText(announcement.body);
  // Id fields name the record itself; links and DOIs only point at the paper.
  const ownRef = resolveArxivRef([raw.id, raw.arxivid, raw.paperid, raw.externalids?.arxiv]);
  const linkRef = resolveArxivRef([announcement.ref, raw.abs, raw.url, raw.link, raw.doi]);
  const arxivId = ownRef?.id ?? linkRef?.id ?? null;
  if (abstract.length === 0) {
    const which = arxivId ? ` (${arxivId})` : "";
    return { index, message: `${where}${which}: no abstract (expected a non-empty "abstract" or "summary")` };
  }
  const history = versionHistory(raw.versions ?? []);
  return {
    index,
    format: "json",
    arxivId,
    // A record of an older version names it in file_version while versions[] may already
    // list later ones, so the record's own fields beat links, which beat the history.
    version:
      ownRef?.version ??
      versionNumber(raw.fileversion) ??
      versionNumber(raw.version) ??
      (linkRef?.id === arxivId ? linkRef?.version : null) ??
      history.latest,
    title: cleanField(raw.title),
    authors: recordAuthors(raw),
    categories: normaliseCategories(raw.primarycategory, recordCategories(raw.categories)),
    comments: cleanField(raw.comments) ?? cleanField(raw.comment),
    doi: normaliseDoi(raw.doi),
    journalRef: cleanField(raw.journalref),
    createdAt: history.createdAt ?? toIsoDate(raw.published) ?? toIsoDate(raw.created) ?? toIsoDate(raw.date),
    updatedAt: history.updatedAt ?? toIsoDate(raw.updated) ?? toIsoDate(raw.updatedate),
    abstract,
  };
}

const VERSION = /^\s*v?(\d{1,3})\s*$/i;

/** `v2`, `2`, `"2"` -> 2; null for anything else. */
function versionNumber(value: string | null | undefined): number | null {
  if (!value) return null;
  const match = VERSION.exec(value);
  const n = match ? Number(match[1]) : 0;
  return n >= 1 ? n : null;
}

interface VersionHistory {
  latest: number | null;
  createdAt: string | null;
  updatedAt: string | null;
}

/** First and latest version from a `versions[]` list, by number when given, else by position. */
function versionHistory(
  versions: readonly { version?: string | undefined; created?: string | undefined }[],
): VersionHistory {
  if (versions.length === 0) return { latest: null, createdAt: null, updatedAt: null };
  let first = versions[0]!;
  let last = versions[versions.length - 1]!;
  let latest = versionNumber(last.version);
  for (const entry of versions) {
    const n = versionNumber(entry.version);
    if (n === null) continue;
    if (n === 1) first = entry;
    if (latest === null || n >= latest) {
      latest = n;
      last = entry;
    }
  }
  return { latest, createdAt: toIsoDate(first.created), updatedAt: toIsoDate(last.created) };
}

function recordAuthors(raw: RawRecord): string[] {
  if (typeof raw.authors === "string") return splitAuthors(raw.authors);
  const listed = (raw.authors ?? []).map((name) => cleanField(name)).filter((name) => name !== null);
  if (listed.length > 0) return listed;
  // Kaggle's authors_parsed: [last, first, suffix, ...affiliations].
  return (raw.authorsparsed ?? [])
    .map(([last, first, suffix]) => cleanField([first, last, suffix].filter(Boolean).join(" ")))
    .filter((name) => name !== null);
}

function recordCategories(categories: RawRecord["categories"]): string[] {
  if (typeof categories === "string") return [categories];
  return (categories ?? []).filter((category) => typeof category === "string");
}
