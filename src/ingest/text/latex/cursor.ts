// ---------------------------------------------------------------------------------------------------------
// Parser state and the spacing helpers shared by the parser and the command handlers

export type Cursor = { readonly src: string; pos: number; depth: number };

/** What ends the sequence being parsed: end of input (""), a closing brace, or a math delimiter. */
export type Stop = "" | "}" | "$" | "$$" | "\\)" | "\\]";

/** Deeper nesting than this is flattened instead of recursed into (real abstracts nest 2–3 levels). */
export const MAX_DEPTH = 64;

export const LETTERS = /[A-Za-z]+/y;
const SPACES = /[ \t\n\r]*/y;

/** Appends one space unless the output already ends in whitespace. */
export function pushSpace(out: string[]): void {
  const last = out.length > 0 ? out[out.length - 1]! : "";
  if (last === "" || !/\s$/.test(last)) out.push(" ");
}

export function skipSpaces(cur: Cursor): void {
  if (cur.pos >= cur.src.length) return; // a failed sticky match would reset lastIndex to 0
  SPACES.lastIndex = cur.pos;
  if (SPACES.test(cur.src)) cur.pos = SPACES.lastIndex;
}
