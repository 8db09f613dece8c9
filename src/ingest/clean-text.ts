/**
 * Text clean-up shared by every parser. Sources wrap abstracts at 80 columns, indent
 * them, mix CRLF and LF, and carry stray tabs; we keep the words and LaTeX exactly as
 * written and only normalise the whitespace around them.
 */

/** Strips a BOM and NULs (a JSON `\u0000` escape too: no text means one) and turns CRLF / CR into LF. */
export function normaliseNewlines(text: string): string {
  return text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .replaceAll("\u0000", "");
}

/**
 * Joins hard-wrapped lines into paragraphs: blank lines separate paragraphs, every other
 * run of whitespace becomes one space. Unicode is put in NFC so that the same accented
 * letter typed two ways compares equal.
 */
export function unwrapText(text: string): string {
  return (
    normaliseNewlines(text)
      .normalize("NFC")
      .split(/\n[ \t]*\n+/)
      // Only runs of 2+ or non-space whitespace need replacing: twice as fast as /\s+/ on real abstracts.
      .map((paragraph) => paragraph.replace(/\s\s+|[^\S ]/g, " ").trim())
      .filter((paragraph) => paragraph.length > 0)
      .join("\n\n")
  );
}

/** One line of metadata (title, authors, comments): all whitespace collapsed; null when empty. */
export function cleanField(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const cleaned = normaliseNewlines(value).normalize("NFC").replace(/\s+/g, " ").trim();
  return cleaned.length > 0 ? cleaned : null;
}

/**
 * Splits an author list written as prose: `A, B and C`, `A and B`, `A; B`. Affiliations in
 * parentheses stay with their author and are not split on their inner commas.
 */
export function splitAuthors(value: string | null | undefined): string[] {
  const line = cleanField(value);
  if (!line) return [];
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  const flush = () => {
    const name = current.trim();
    if (name) parts.push(name);
    current = "";
  };
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === "(") depth++;
    if (ch === ")") depth = Math.max(0, depth - 1);
    if (depth === 0 && (ch === "," || ch === ";")) {
      flush();
      continue;
    }
    if (depth === 0 && line.startsWith(" and ", i)) {
      flush();
      i += 4;
      continue;
    }
    current += ch;
  }
  flush();
  return parts;
}

// Kept here too: every parser test and the CLI read bodies through clean-text.
export { decodeBytes } from "./decode-bytes";
