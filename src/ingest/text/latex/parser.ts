// ---------------------------------------------------------------------------------------------------------
// The single left-to-right pass: sequences, brace groups, math spans, plain characters, arguments

import { parseCommand } from "./commands";
import { type Cursor, MAX_DEPTH, pushSpace, type Stop, skipSpaces } from "./cursor";
import { readRawArg } from "./raw-arguments";
import { toSubscript, toSuperscript } from "./scripts";

const URL_START = /https?:\/\/|www\./y;
/** URL characters; a backslash ends the URL unless it escapes `_ % # & ~` (LaTeX-escaped URLs). */
const URL_BODY = /(?:[^\s{}$\\<>"]|\\[_%#&~])+/y;

const WORD_CHAR = /[\p{L}\p{N}]/u;

export function parseSequence(cur: Cursor, math: boolean, stop: Stop): string {
  const out: string[] = [];
  const { src } = cur;
  while (cur.pos < src.length) {
    if (stop !== "" && src.startsWith(stop, cur.pos)) {
      cur.pos += stop.length;
      return out.join("");
    }
    const ch = src[cur.pos]!;
    switch (ch) {
      case "\\":
        out.push(parseCommand(cur, math, out));
        break;
      case "$":
        out.push(parseDollarMath(cur, math));
        break;
      case "{":
        cur.pos++;
        out.push(parseGroup(cur, math));
        break;
      case "}":
        cur.pos++; // stray closing brace: drop
        break;
      case "~":
        cur.pos++;
        pushSpace(out); // non-breaking space
        break;
      case "_":
      case "^":
        if (math) {
          cur.pos++;
          out.push(ch === "_" ? toSubscript(readArg(cur, true)) : toSuperscript(readArg(cur, true)));
        } else {
          out.push(ch);
          cur.pos++;
        }
        break;
      default:
        out.push(math ? parseMathChar(cur) : parseTextChar(cur));
    }
  }
  return out.join("");
}

/** A brace group: its content, converted in the same mode, braces dropped. */
function parseGroup(cur: Cursor, math: boolean): string {
  if (cur.depth >= MAX_DEPTH) return ""; // braces themselves are dropped as strays; content stays inline
  cur.depth++;
  const content = parseSequence(cur, math, "}");
  cur.depth--;
  return content;
}

export function parseNested(cur: Cursor, math: boolean, stop: Stop): string {
  if (cur.depth >= MAX_DEPTH) return "";
  cur.depth++;
  const content = parseSequence(cur, math, stop);
  cur.depth--;
  return content;
}

/** `$…$` and `$$…$$`: the delimiters go, the content is converted as math. */
function parseDollarMath(cur: Cursor, math: boolean): string {
  const double = cur.src.startsWith("$$", cur.pos);
  cur.pos += double ? 2 : 1;
  if (math) return ""; // a `$` inside `\(...\)` or a mismatched one: drop it
  return parseNested(cur, true, double ? "$$" : "$");
}

function parseTextChar(cur: Cursor): string {
  const { src } = cur;
  const ch = src[cur.pos]!;
  const url = readUrl(cur);
  if (url !== null) return url;
  if (ch === "-" && src[cur.pos + 1] === "-") {
    const triple = src[cur.pos + 2] === "-";
    cur.pos += triple ? 3 : 2;
    return triple ? "—" : "–";
  }
  if (ch === "`") {
    const double = src[cur.pos + 1] === "`";
    cur.pos += double ? 2 : 1;
    return double ? "“" : "‘";
  }
  if (ch === "'" && src[cur.pos + 1] === "'") {
    cur.pos += 2;
    return "”";
  }
  cur.pos++;
  return ch;
}

function parseMathChar(cur: Cursor): string {
  const url = readUrl(cur);
  if (url !== null) return url;
  const ch = cur.src[cur.pos]!;
  cur.pos++;
  if (ch === "'") return "′"; // prime
  return ch;
}

/** Copies a URL verbatim (only un-escaping `\_` and friends) so `~`, `--` and `_` inside it survive. */
function readUrl(cur: Cursor): string | null {
  const { src, pos } = cur;
  const ch = src[pos];
  if (ch !== "h" && ch !== "w") return null;
  if (pos > 0 && WORD_CHAR.test(src[pos - 1]!)) return null;
  URL_START.lastIndex = pos;
  if (!URL_START.test(src)) return null;
  URL_BODY.lastIndex = pos;
  const match = URL_BODY.exec(src);
  if (!match) return null;
  cur.pos = pos + match[0].length;
  return match[0].replace(/\\([_%#&~])/g, "$1");
}

/**
 * One argument: a braced group, a command, or a single character (TeX reads `x_12` as x₁2).
 * `forAccent` keeps the argument of `\'` to its one letter even in text mode.
 */
export function readArg(cur: Cursor, math: boolean, forAccent = false): string {
  const { src } = cur;
  if (!forAccent || src[cur.pos] === " ") skipSpaces(cur);
  if (cur.pos >= src.length) return "";
  const ch = src[cur.pos]!;
  if (ch === "{") {
    cur.pos++;
    return parseGroup(cur, math);
  }
  if (ch === "\\") {
    if (cur.depth >= MAX_DEPTH) {
      readRawArg(cur); // `\frac\frac\frac…`: past the cap, commands are consumed unrendered
      return "";
    }
    cur.depth++;
    const rendered = parseCommand(cur, math, []);
    cur.depth--;
    return rendered;
  }
  if (ch === "}") return ""; // missing argument
  const codePoint = src.codePointAt(cur.pos)!;
  const char = String.fromCodePoint(codePoint);
  cur.pos += char.length;
  return math && char === "'" ? "′" : char;
}
