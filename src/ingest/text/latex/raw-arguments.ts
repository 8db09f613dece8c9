// ---------------------------------------------------------------------------------------------------------
// Raw arguments: copied as written, not converted (URLs, labels, colours, optional `[…]`)

import { type Cursor, LETTERS, skipSpaces } from "./cursor";

/** A braced argument as raw text (for URLs, labels, colours), braces balanced. */
export function readRawArg(cur: Cursor): string {
  const { src } = cur;
  skipSpaces(cur);
  if (src[cur.pos] !== "{") {
    if (src[cur.pos] === "\\") {
      LETTERS.lastIndex = cur.pos + 1;
      const word = LETTERS.exec(src);
      const length = Math.min(1 + (word ? word[0].length : 1), src.length - cur.pos);
      const raw = src.slice(cur.pos, cur.pos + length);
      cur.pos += length;
      return raw;
    }
    const raw = src.slice(cur.pos, cur.pos + 1);
    cur.pos += raw.length;
    return raw;
  }
  return readBalanced(cur, "{", "}");
}

/** `[...]` if present (raw), else null. */
export function readOptionalArg(cur: Cursor): string | null {
  const start = cur.pos;
  skipSpaces(cur);
  if (cur.src[cur.pos] !== "[") {
    cur.pos = start;
    return null;
  }
  return readBalanced(cur, "[", "]");
}

export function skipOptionalArgs(cur: Cursor): void {
  while (readOptionalArg(cur) !== null) {
    // keep skipping: \cite[p.~3][see]{key}
  }
}

/** Reads from an opening delimiter at `cur.pos` to its match; an unclosed one runs to the end. */
function readBalanced(cur: Cursor, open: string, close: string): string {
  const { src } = cur;
  const start = cur.pos + 1;
  let depth = 0;
  for (let i = cur.pos; i < src.length; i++) {
    const ch = src[i];
    if (ch === "\\") {
      i++; // skip the escaped character
    } else if (ch === open) {
      depth++;
    } else if (ch === close) {
      depth--;
      if (depth === 0) {
        cur.pos = i + 1;
        return src.slice(start, i);
      }
    }
  }
  cur.pos = src.length;
  return src.slice(start);
}
