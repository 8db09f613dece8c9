/**
 * A reading list as BibTeX (issue #15, `GET /api/subscriptions/{id}/saved.bib`): one `@misc` per
 * paper in the form arXiv's own "Export BibTeX Citation" uses (title, author, year, eprint,
 * archivePrefix, primaryClass, url, and doi when known). Pure.
 *
 * Written by hand: `bibtex-parse` (the library chosen for interests, bibtex.ts) only parses, and the
 * writers on npm (citation-js, bibtex-js' serialisers) would add their own dependency tree for a dozen
 * lines of formatting; what takes care is the escaping, which is here and tested by parsing the file
 * back with bibtex-parse.
 *
 * Titles and names are stored as text (the digest and the pages show them as such), so every
 * character BibTeX or LaTeX treats specially is escaped: `\ { } % & # _ $ ~ ^`. Braces need one
 * more thought: BibTeX counts every brace, `\{` included, to find a value's end, so `\{` and `\}`
 * are written only for braces that pair up in the text; a lone brace becomes `\textbraceleft{}` or
 * `\textbraceright{}`, which keeps the file's braces balanced. The title is wrapped in a second
 * pair of braces so styles keep its capitals. The cite key is `<family name><year><first title
 * word>` in ASCII (Google Scholar's shape), with `a`, `b`, … added when two papers would share one.
 */
import { authorKey } from "./author-names";

export interface BibtexPaper {
  arxivId: string | null;
  title: string;
  authors: readonly string[];
  /** Primary category first. */
  categories: readonly string[];
  doi: string | null;
  /** ISO date of the first version, when known. */
  publishedAt: string | null;
  /** Where the paper is (arXiv's abstract page, or its DOI's), when known. */
  url: string | null;
}

const SPECIALS: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "%": "\\%",
  "&": "\\&",
  "#": "\\#",
  _: "\\_",
  $: "\\$",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
};

/** Which braces of `text` pair up (an opening one with a later closing one, nested). */
function pairedBraces(text: string): Set<number> {
  const paired = new Set<number>();
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "{") open.push(i);
    else if (text[i] === "}" && open.length > 0) {
      paired.add(open.pop()!);
      paired.add(i);
    }
  }
  return paired;
}

/** Text as a BibTeX field value's content: specials escaped, braces balanced, whitespace collapsed. */
export function escapeBibtex(raw: string): string {
  const text = raw.replace(/\s+/g, " ").trim();
  const paired = pairedBraces(text);
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "{") out += paired.has(i) ? "\\{" : "\\textbraceleft{}";
    else if (c === "}") out += paired.has(i) ? "\\}" : "\\textbraceright{}";
    else out += SPECIALS[c] ?? c;
  }
  return out;
}

/** A DOI, URL or id, kept verbatim (tools link it as is) minus what could unbalance the entry. */
function verbatim(value: string): string {
  return value.replace(/[{}\\\s]/g, "");
}

/** ASCII letters and digits only, lower-case. */
function asciiWord(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

const STOP_WORDS = new Set([
  "a",
  "an",
  "the",
  "on",
  "of",
  "in",
  "for",
  "to",
  "and",
  "with",
  "towards",
  "toward",
]);

function baseKey(paper: BibtexPaper, year: string | null): string {
  const first = paper.authors[0];
  const family = first ? asciiWord((authorKey(first) ?? "").split("|")[0] ?? "") : "";
  const word =
    paper.title
      .split(/\s+/)
      .map(asciiWord)
      .find((w) => w.length > 0 && !STOP_WORDS.has(w)) ?? "";
  const key = `${family || "anon"}${year ?? ""}${word}`;
  // A paper without author, year or title word still gets a stable, distinct key.
  return key === "anon" ? `arxiv${asciiWord(paper.arxivId ?? "") || "paper"}` : key;
}

/** `a`, `b`, … `z`, `aa`, … for the second, third, … paper with the same key. */
function suffix(n: number): string {
  let s = "";
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(97 + ((i - 1) % 26)) + s;
  return s;
}

function entry(paper: BibtexPaper, key: string, year: string | null): string {
  const fields: Array<[string, string]> = [
    ["title", `{${escapeBibtex(paper.title)}}`],
    [
      "author",
      paper.authors
        .map((a) => escapeBibtex(a))
        .filter((a) => a.length > 0)
        // A name with " and " in it would split into two people: brace it.
        .map((a) => (/\band\b/i.test(a) ? `{${a}}` : a))
        .join(" and "),
    ],
    ["year", year ?? ""],
    ["eprint", paper.arxivId ? verbatim(paper.arxivId) : ""],
    ["archivePrefix", paper.arxivId ? "arXiv" : ""],
    ["primaryClass", paper.arxivId && paper.categories[0] ? verbatim(paper.categories[0]) : ""],
    ["url", paper.url ? verbatim(paper.url) : ""],
    ["doi", paper.doi ? verbatim(paper.doi) : ""],
  ];
  const body = fields
    .filter(([, value]) => value.length > 0)
    .map(([name, value]) => `  ${name} = {${value}},`)
    .join("\n");
  return `@misc{${key},\n${body}\n}\n`;
}

/** The papers as one BibTeX file, in the order given, each with a distinct cite key. */
export function toBibtex(papers: readonly BibtexPaper[]): string {
  const used = new Set<string>();
  const entries = papers.map((paper) => {
    const year = /^(\d{4})-/.exec(paper.publishedAt ?? "")?.[1] ?? null;
    const base = baseKey(paper, year);
    let key = base;
    for (let n = 1; used.has(key); n++) key = `${base}${suffix(n)}`;
    used.add(key);
    return entry(paper, key, year);
  });
  return entries.join("\n");
}
