// ---------------------------------------------------------------------------------------------------------
// Commands

import { wordSet } from "../word-set";
import { applyAccent, COMBINING_ACCENTS, MATH_ACCENTS } from "./accents";
import { type Cursor, LETTERS, pushSpace, skipSpaces } from "./cursor";
import { TEXT_LETTERS } from "./letters";
import { lookup } from "./lookup";
import { parseNested, readArg } from "./parser";
import { readRawArg, skipOptionalArgs } from "./raw-arguments";
import { parseSpecialCommand } from "./special-commands";
import { SYMBOLS } from "./symbols";

/** Control symbols (`\%`, `\,`) that stand for a fixed string. */
const CONTROL_SYMBOLS: Readonly<Record<string, string>> = {
  "%": "%",
  "&": "&",
  "#": "#",
  _: "_",
  $: "$",
  "{": "{",
  "}": "}",
  " ": " ",
  "\n": " ",
  ",": " ",
  ";": " ",
  ":": " ",
  ">": " ",
  "!": "",
  "/": "",
  "@": "",
  "-": "",
  "|": "‖",
};

/** Font and wrapper commands whose single argument is kept as is. */
const KEEP_ARGUMENT = wordSet(
  "mathrm mathbf mathit mathsf mathtt mathcal mathscr mathfrak mathds mathnormal boldsymbol bm pmb " +
    "textbf textit textrm texttt textsc textsf textsl textup textmd textnormal emph underline uline " +
    "mbox hbox fbox makebox operatorname mathop num overrightarrow overleftarrow underbrace overbrace",
);

/** Commands whose argument is text even inside math. */
const TEXT_ARGUMENT = wordSet("text textnormal mbox hbox textrm textit textbf textsf texttt");

/** Old-style switches and sizing/spacing commands that take no argument and print nothing. */
const DROP_SWITCH = wordSet(
  "bf it em rm sf tt sc sl cal bold up md normalfont tiny scriptsize footnotesize small normalsize " +
    "large Large LARGE huge Huge displaystyle textstyle scriptstyle scriptscriptstyle left right " +
    "middle big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr Biggl Biggr limits nolimits noindent " +
    "centering relax protect nobreak allowbreak hfill vfill boldmath unboldmath mathstrut strut " +
    "selectfont maketitle smallskip medskip bigskip clearpage newpage displaylines",
);

/** Commands that render as a space. */
const SPACE_COMMANDS = wordSet("quad qquad enspace thinspace medspace thickspace newline linebreak par item");

/** Commands dropped together with their arguments (count of required braced arguments). */
const DROP_WITH_ARGS: Readonly<Record<string, number>> = {
  cite: 1,
  citep: 1,
  citet: 1,
  citealp: 1,
  citealt: 1,
  citeauthor: 1,
  citeyear: 1,
  nocite: 1,
  ref: 1,
  eqref: 1,
  autoref: 1,
  cref: 1,
  Cref: 1,
  pageref: 1,
  label: 1,
  vspace: 1,
  hspace: 1,
  color: 1,
  index: 1,
  includegraphics: 1,
  phantom: 1,
  vphantom: 1,
  hphantom: 1,
  begin: 1,
  end: 1,
  bibliography: 1,
  bibliographystyle: 1,
  pagestyle: 1,
  thispagestyle: 1,
};

/** Punctuation before which a dropped command (`\cite{…}`) should not leave a space behind. */
const CLOSING_PUNCTUATION = /^[.,;:!?)\]]/;

export function parseCommand(cur: Cursor, math: boolean, out: string[]): string {
  const { src } = cur;
  cur.pos++; // the backslash
  if (cur.pos >= src.length) return ""; // a lone trailing backslash
  LETTERS.lastIndex = cur.pos;
  const letters = LETTERS.exec(src);
  if (!letters) return parseControlSymbol(cur, math, out);
  const name = letters[0];
  cur.pos += name.length;
  if (src[cur.pos] === "*") cur.pos++; // starred variants (\section*, \operatorname*) behave the same here
  return parseControlWord(cur, math, out, name);
}

function parseControlSymbol(cur: Cursor, math: boolean, out: string[]): string {
  const { src } = cur;
  const ch = src[cur.pos]!;
  cur.pos++;
  if (ch === "\\") {
    pushSpace(out); // forced line break
    return "";
  }
  if (ch === "(") return parseNested(cur, true, "\\)");
  if (ch === "[") return parseNested(cur, true, "\\]");
  if (ch === ")" || ch === "]") return "";
  const accent = lookup(COMBINING_ACCENTS, ch);
  if (accent !== undefined) return applyAccent(readArg(cur, math, true), accent, ch);
  const fixed = lookup(CONTROL_SYMBOLS, ch);
  if (fixed === " ") {
    pushSpace(out);
    return "";
  }
  if (fixed !== undefined) return fixed;
  return ch; // unknown control symbol: drop the backslash
}

function parseControlWord(cur: Cursor, math: boolean, out: string[], name: string): string {
  const symbol = lookup(SYMBOLS, name);
  if (symbol !== undefined) return symbol;
  const letter = lookup(TEXT_LETTERS, name);
  if (letter !== undefined) return letter;
  const accent = lookup(COMBINING_ACCENTS, name) ?? lookup(MATH_ACCENTS, name);
  if (accent !== undefined) return applyAccent(readArg(cur, math, true), accent, "");
  if (KEEP_ARGUMENT.has(name) || TEXT_ARGUMENT.has(name)) {
    return readArg(cur, TEXT_ARGUMENT.has(name) ? false : math);
  }
  if (DROP_SWITCH.has(name)) {
    skipSpaces(cur);
    if ((name === "left" || name === "right" || name === "middle") && cur.src[cur.pos] === ".") cur.pos++;
    return "";
  }
  if (SPACE_COMMANDS.has(name)) {
    pushSpace(out);
    skipSpaces(cur);
    return "";
  }
  const dropped = lookup(DROP_WITH_ARGS, name);
  if (dropped !== undefined) {
    skipOptionalArgs(cur);
    for (let i = 0; i < dropped; i++) readRawArg(cur);
    if (CLOSING_PUNCTUATION.test(cur.src.slice(cur.pos, cur.pos + 1))) trimTrailingSpace(out);
    return "";
  }
  return parseSpecialCommand(cur, math, name);
}

function trimTrailingSpace(out: string[]): void {
  while (out.length > 0) {
    const last = out[out.length - 1]!;
    const trimmed = last.replace(/[ \t]+$/, "");
    if (trimmed !== "") {
      out[out.length - 1] = trimmed;
      return;
    }
    out.pop();
  }
}
