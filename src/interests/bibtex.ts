/**
 * A BibTeX export (Zotero, Google Scholar, arXiv, DBLP, Mendeley, JabRef) → the papers it names:
 * cite key, arXiv id, DOI and plain-text title per entry, and what could not be read.
 *
 * The grammar is `bibtex-parse` 2.1.0 (MIT, FlamingTempura/bibtex-parse): a PEG.js parser in one
 * file, no dependencies, no Node built-ins (this folder's tests run it inside workerd). Measured with
 * `wrangler deploy --dry-run` (wrangler does not minify): the Worker's script went from 2,025,333 to
 * 2,121,656 bytes with `parseBibtex` in it (gzip 412.6 → 423.7 KiB); 7,300 bytes of that are this
 * folder's own code, so the library costs ~89 KB raw, ~8.8 KiB gzipped (17 KB when minified). It
 * reads @string (with # concatenation), @preamble, @comment, text between entries, braced and
 * quoted values with nested braces, and `(…)` entries. The others, on one tricky export (nested
 * braces, macros, concatenation, one malformed entry between good ones), bundled alone unminified:
 * - `@retorquere/bibtex-parser` 9.0.29 (Better BibTeX's parser) is the only one that recovers from
 *   a bad entry itself, but pulls in unified-latex, wink-nlp and its language model: 1,076 KB
 *   (569 KB minified), 11 dependencies.
 * - `@citation-js/plugin-bibtex` 0.9.0 needs `@citation-js/core` (a peer): 175 KB minified, and a
 *   `node:stream` import.
 * - `astrocite-bibtex` 0.16.4: 120 KB, two dependencies; `bibtex` (digitalheir) 0.9.0: 67 KB;
 *   `@orcid/bibtex-parse-js` 0.0.25: 12 KB but crashed on `@string` with `#`; `bibtex-parse-js`
 *   0.0.24 ships `ava` and `xml2js` as runtime dependencies. These throw on the first malformed
 *   entry, as `bibtex-parse` does.
 *
 * So one bad entry does not lose the others, the whole input is parsed first and, only when that
 * throws, again one block at a time: blocks start at an `@` at the start of a line (where every
 * exporter starts an entry), so a malformed entry is reported and the rest are kept. (In that
 * fallback, a field whose text has a line starting with `@` splits its entry and is reported.)
 *
 * Values are resolved here from the parser's tree: @string macros (case-insensitive) and the month
 * macros, `#` concatenation; braces and LaTeX stay in the value until the title is turned into
 * text with the ingest stage's `latexToPlain`, and ids are read with its `parseArxivRef`.
 *
 * Limits: more than 1,000,000 characters or more than 2,000 entries is an error in the result,
 * never a throw; nothing here throws.
 */
import { type BibtexItem, type BibtexValue, parse } from "bibtex-parse";
import { parseArxivRef } from "../ingest/arxiv-id";
import { latexToPlain } from "../ingest/text/latex/index";

export interface BibtexEntry {
  citeKey: string;
  /** arXiv id without version (`2403.02545`, `hep-th/9901001`), or null. */
  arxivId: string | null;
  /** Lower-case DOI without resolver prefix (`10.1038/nature14539`), or null. */
  doi: string | null;
  /** Title as plain text (braces and LaTeX removed), or null. */
  title: string | null;
}

export interface BibtexError {
  /** 1-based position of the entry among the input's entries (@string, @comment, @preamble not counted). */
  index?: number;
  citeKey?: string;
  message: string;
}

export interface BibtexResult {
  entries: BibtexEntry[];
  errors: BibtexError[];
}

export const MAX_BIBTEX_CHARS = 1_000_000;
export const MAX_BIBTEX_ENTRIES = 2_000;

const MONTHS: Record<string, string> = {
  jan: "January",
  feb: "February",
  mar: "March",
  apr: "April",
  may: "May",
  jun: "June",
  jul: "July",
  aug: "August",
  sep: "September",
  oct: "October",
  nov: "November",
  dec: "December",
};

/** Entry types that are not references. */
const NOT_ENTRIES = new Set(["string", "comment", "preamble"]);

/** An `@type{` or `@type(` at the start of a line: where exporters start a block. */
const BLOCK_START = /^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(]/gm;

/** Parses a BibTeX export. Never throws; see the module comment for limits and recovery. */
export function parseBibtex(input: string): BibtexResult {
  if (input.length > MAX_BIBTEX_CHARS) {
    return tooBig(
      `The BibTeX is ${input.length.toLocaleString("en")} characters long; at most ${MAX_BIBTEX_CHARS.toLocaleString("en")} are read.`,
    );
  }
  let entryCount = 0;
  for (const m of input.matchAll(BLOCK_START))
    if (!NOT_ENTRIES.has((m[1] ?? "").toLowerCase())) entryCount += 1;
  if (entryCount > MAX_BIBTEX_ENTRIES) return tooManyEntries(entryCount, "exact");

  const items = tryParse(input);
  if (items.ok) return fromItems(items.items.map((item) => ({ item })));

  // Recovery: each block alone; a block that does not parse becomes an error, in its place.
  const parts: Part[] = [];
  for (const block of splitBlocks(input)) {
    const parsed = tryParse(block.text);
    if (parsed.ok) {
      for (const item of parsed.items) parts.push({ item });
    } else if (block.type !== null) {
      const isEntry = !NOT_ENTRIES.has(block.type);
      parts.push({
        failed: {
          ...(isEntry ? {} : { kind: block.type }),
          citeKey: isEntry ? block.citeKey : undefined,
          message: parsed.message,
        },
      });
    }
  }
  return fromItems(parts);
}

type Part =
  | { item: BibtexItem }
  | { failed: { kind?: string; citeKey: string | undefined; message: string } };

function fromItems(parts: Part[]): BibtexResult {
  const entries: BibtexEntry[] = [];
  const errors: BibtexError[] = [];
  const strings = new Map<string, string>(Object.entries(MONTHS));
  let index = 0;
  for (const part of parts) {
    if ("failed" in part) {
      const { kind, citeKey, message } = part.failed;
      if (kind) {
        errors.push({ message: `An @${kind} could not be read: ${message}` });
        continue;
      }
      index += 1;
      errors.push({
        index,
        ...(citeKey ? { citeKey } : {}),
        message: `The entry could not be read: ${message}`,
      });
      continue;
    }
    const { item } = part;
    if (item.itemtype === "string") {
      strings.set(item.name.toLowerCase(), evaluate(item, strings));
      continue;
    }
    if (item.itemtype !== "entry") continue;
    index += 1;
    // Entries the block count missed (not at the start of a line) are counted as they come.
    if (index > MAX_BIBTEX_ENTRIES) return tooManyEntries(index, "at least");
    const fields = new Map<string, string>();
    for (const field of item.fields) fields.set(field.name.toLowerCase(), evaluate(field, strings));
    const citeKey = (item.key ?? "").trim();
    if (!citeKey) {
      errors.push({ index, message: "The entry has no cite key." });
      continue;
    }
    entries.push({ citeKey, arxivId: arxivIdOf(fields), doi: doiOf(fields), title: titleOf(fields) });
  }
  return { entries, errors };
}

function tooBig(message: string): BibtexResult {
  return { entries: [], errors: [{ message }] };
}

function tooManyEntries(count: number, how: "exact" | "at least"): BibtexResult {
  return tooBig(
    `The BibTeX has ${how === "exact" ? "" : "more than "}${(how === "exact" ? count : MAX_BIBTEX_ENTRIES).toLocaleString("en")} entries; at most ${MAX_BIBTEX_ENTRIES.toLocaleString("en")} are read.`,
  );
}

type Parsed = { ok: true; items: BibtexItem[] } | { ok: false; message: string };

function tryParse(text: string): Parsed {
  try {
    return { ok: true, items: parse(text, { number: "string" }) };
  } catch (error) {
    // The parser's own message points at the block's first "@" whatever the fault, so it is not shown.
    if (error instanceof RangeError) return { ok: false, message: "its braces are nested too deeply." };
    return { ok: false, message: "it is not valid BibTeX (check its braces, quotes and commas)." };
  }
}

interface Block {
  /** Lower-case block type (`article`, `string`), or null for the text before the first block. */
  type: string | null;
  citeKey: string | undefined;
  text: string;
}

function splitBlocks(input: string): Block[] {
  const blocks: Block[] = [];
  const starts: Array<{ at: number; type: string }> = [];
  for (const m of input.matchAll(BLOCK_START)) starts.push({ at: m.index, type: (m[1] ?? "").toLowerCase() });
  if (starts.length === 0 || (starts[0]?.at ?? 0) > 0) {
    blocks.push({ type: null, citeKey: undefined, text: input.slice(0, starts[0]?.at ?? input.length) });
  }
  starts.forEach((start, i) => {
    const text = input.slice(start.at, starts[i + 1]?.at ?? input.length);
    const key = /^[^{(]*[{(]\s*([^,\s{}()]+)\s*,/.exec(text)?.[1];
    blocks.push({ type: start.type, citeKey: key, text });
  });
  return blocks;
}

/** A field's value with macros and `#` resolved; braces and LaTeX left in. */
function evaluate(value: BibtexValue, strings: Map<string, string>): string {
  switch (value.datatype) {
    case "number":
      return String(value.value);
    case "braced":
    case "quoted":
    case "unenclosed":
      return value.value;
    case "identifier":
      return strings.get(value.value.toLowerCase()) ?? "";
    case "concatinate":
      return value.value.map((part) => evaluate(part, strings)).join("");
    default:
      return "";
  }
}

/** Braces removed and whitespace collapsed, for ids. */
function bare(value: string | undefined): string {
  return (value ?? "").replace(/[{}]/g, "").replace(/\s+/g, " ").trim();
}

/** "arXiv:2403.02545", "arXiv preprint arXiv:2403.02545v2", "arXiv hep-th/9901001" inside free text. */
const ARXIV_IN_TEXT =
  /\barxiv(?:\s*preprint)?\s*[:/ ]\s*(?:arxiv\s*:\s*)?([a-z]+(?:-[a-z]+)?(?:\.[a-z]{2})?\/\d{7}|\d{4}\.\d{4,5})(v\d+)?/i;
/** DBLP's CoRR volume: `abs/2403.02545`. */
const CORR_VOLUME = /^abs\/(\d{4}\.\d{4,5}|[a-z-]+\/\d{7})$/i;

function arxivIdOf(fields: Map<string, string>): string | null {
  const idOf = (text: string | undefined): string | null => {
    const value = bare(text);
    return value ? (parseArxivRef(value)?.id ?? null) : null;
  };
  const archive = bare(fields.get("archiveprefix") ?? fields.get("eprinttype")).toLowerCase();
  const candidates: Array<string | null> = [
    // eprint: named as arXiv, or unnamed and shaped like an arXiv id (parseArxivRef is strict).
    archive === "" || archive === "arxiv" ? idOf(fields.get("eprint")) : null,
    idOf(fields.get("arxivid")), // Mendeley
    idOf(fields.get("arxiv")),
    idOf(fields.get("doi")), // 10.48550/arXiv.<id>
    idOf(fields.get("url")),
    idOf(fields.get("eprint")?.includes("arxiv.org") ? fields.get("eprint") : undefined),
  ];
  for (const name of ["journal", "note", "howpublished", "booktitle", "publisher"]) {
    const match = ARXIV_IN_TEXT.exec(bare(fields.get(name)));
    candidates.push(match ? idOf(`${match[1]}${match[2] ?? ""}`) : null);
  }
  const corr = CORR_VOLUME.exec(bare(fields.get("volume")));
  if (corr && /^corr$/i.test(bare(fields.get("journal")))) candidates.push(idOf(corr[1]));
  return candidates.find((id) => id !== null) ?? null;
}

const DOI = /^10\.\d{4,9}\/\S+$/;

/** Lower-case DOI from `doi` (prefixes stripped), else from a doi.org `url`. */
export function normaliseDoi(raw: string): string | null {
  let value = bare(raw).replace(/\\_/g, "_");
  try {
    value = decodeURIComponent(value);
  } catch {
    // keep the value as written
  }
  value = value
    .replace(/^https?:\/\/(?:dx\.)?doi\.org\//i, "")
    .replace(/^doi:\s*/i, "")
    .trim()
    .toLowerCase();
  return DOI.test(value) ? value : null;
}

function doiOf(fields: Map<string, string>): string | null {
  const doi = fields.get("doi");
  if (doi) return normaliseDoi(doi);
  const url = bare(fields.get("url"));
  return /^https?:\/\/(?:dx\.)?doi\.org\//i.test(url) ? normaliseDoi(url) : null;
}

function titleOf(fields: Map<string, string>): string | null {
  const raw = fields.get("title");
  if (!raw) return null;
  const text = latexToPlain(raw).replace(/[{}]/g, "").replace(/\s+/g, " ").trim();
  return text || null;
}
