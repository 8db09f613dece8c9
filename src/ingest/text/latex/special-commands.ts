// ---------------------------------------------------------------------------------------------------------
// Commands with their own rendering (fractions, roots, links, footnotes) and unknown macros

import type { Cursor } from "./cursor";
import { DOUBLE_STRUCK } from "./letters";
import { lookup } from "./lookup";
import { readArg } from "./parser";
import { readOptionalArg, readRawArg, skipOptionalArgs } from "./raw-arguments";
import { toSubscript, toSuperscript } from "./scripts";

export function parseSpecialCommand(cur: Cursor, math: boolean, name: string): string {
  switch (name) {
    case "mathbb":
    case "mathbbm": {
      const arg = readArg(cur, math);
      return lookup(DOUBLE_STRUCK, arg) ?? arg;
    }
    case "ensuremath":
      return readArg(cur, true);
    case "textcolor":
    case "colorbox":
      readRawArg(cur);
      return readArg(cur, math);
    case "url":
      return unescapeUrl(readRawArg(cur));
    case "href":
      return renderHref(cur, math);
    case "hyperref":
      skipOptionalArgs(cur);
      return readArg(cur, math);
    case "footnote": {
      skipOptionalArgs(cur);
      const note = readArg(cur, math).trim();
      return note === "" ? "" : ` (${note})`;
    }
    case "enquote":
      return `“${readArg(cur, math)}”`;
    case "textsuperscript": {
      const arg = readArg(cur, math);
      return /^[A-Za-z]+$/.test(arg) ? arg : toSuperscript(arg); // 1\textsuperscript{st} reads best as "1st"
    }
    case "textsubscript":
      return toSubscript(readArg(cur, math));
    case "frac":
    case "dfrac":
    case "tfrac":
    case "cfrac": {
      const numerator = readArg(cur, math);
      const denominator = readArg(cur, math);
      return `${wrapOperand(numerator)}/${wrapOperand(denominator)}`;
    }
    case "binom":
    case "dbinom":
    case "tbinom": {
      const n = readArg(cur, math);
      const k = readArg(cur, math);
      return `(${n} choose ${k})`;
    }
    case "sqrt":
      return renderSqrt(cur, math);
    case "not":
      return negate(readArg(cur, math));
    case "stackrel":
    case "overset":
    case "underset":
      readArg(cur, math); // the annotation above/below
      return readArg(cur, math);
    case "unicode":
      return fromCodePointText(readRawArg(cur));
    default:
      return renderUnknownCommand(cur, math, name);
  }
}

/**
 * Unknown macros are usually the authors' own (`\method`, `\ours`): the name is the best guess at what
 * they print. One followed by a non-empty braced argument is a wrapper (`\revised{much of their}`,
 * `\hk{an enhanced benchmark}`), where the argument is the text and the name is markup.
 */
function renderUnknownCommand(cur: Cursor, math: boolean, name: string): string {
  const { src } = cur;
  if (src[cur.pos] === "{") {
    if (src[cur.pos + 1] === "}") {
      cur.pos += 2;
      return name;
    }
    return readArg(cur, math);
  }
  return name;
}

function renderHref(cur: Cursor, math: boolean): string {
  const url = unescapeUrl(readRawArg(cur).trim());
  const label = readArg(cur, math).trim();
  // A label that is itself a URL (`github.com/x/y`) adds nothing; a word label ("link") hides the target.
  if (label === "" || (!/\s/.test(label) && label.includes("."))) return url;
  return url === "" ? label : `${label} (${url})`;
}

function renderSqrt(cur: Cursor, math: boolean): string {
  const index = readOptionalArg(cur);
  const radicand = wrapOperand(readArg(cur, math));
  if (index === "3") return `∛${radicand}`;
  if (index === "4") return `∜${radicand}`;
  if (index !== null && index !== "") return `${toSuperscript(index)}√${radicand}`;
  return `√${radicand}`;
}

/** `\not\in` → ∉, `\not=` → ≠: a combining long solidus, composed where Unicode has a precomposed form. */
function negate(operand: string): string {
  if (operand === "") return "";
  return `${operand}\u0338`.normalize("NFC");
}

function fromCodePointText(raw: string): string {
  const trimmed = raw.trim();
  const hex = /^(?:x|0x|U\+)([0-9A-Fa-f]{1,6})$/.exec(trimmed);
  const code = hex ? Number.parseInt(hex[1]!, 16) : /^\d{1,7}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isInteger(code) || code < 0x20 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
    return "";
  return String.fromCodePoint(code);
}

function unescapeUrl(raw: string): string {
  return raw.replace(/\\([_%#&~])/g, "$1").replace(/\s+/g, "");
}

/** Operands of `/` and `√` get parentheses unless they are a single word or number. */
function wrapOperand(operand: string): string {
  const trimmed = operand.trim();
  return /^[\p{L}\p{N}.′]*$/u.test(trimmed) ? trimmed : `(${trimmed})`;
}
