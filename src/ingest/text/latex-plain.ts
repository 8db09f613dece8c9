/**
 * Readable plain text from the LaTeX that arXiv abstracts carry (`BaTiO$_3$`, `\textbf{x}`, `Fr\'echet`).
 *
 * Written by hand rather than pulled from npm: the LaTeX packages there are either full document parsers
 * (unified-latex, latex.js: many dependencies, AST-oriented, built for whole documents) or bare symbol
 * tables (unicode2latex). Abstracts need a small, forgiving, single-pass converter that never throws on
 * broken markup, keeps URLs intact, and leaves text without LaTeX exactly as it was.
 *
 * One left-to-right pass over the input; recursion only for brace groups and math spans, capped in depth
 * so hostile input cannot overflow the stack.
 */

/** Converts abstract LaTeX to plain Unicode text. Never throws; text without LaTeX comes back unchanged. */
export function latexToPlain(text: string): string {
  if (!MAY_CONTAIN_LATEX.test(text)) return text; // fast path for the common plain abstract
  try {
    const cursor: Cursor = { src: text, pos: 0, depth: 0 };
    return parseSequence(cursor, false, "");
  } catch {
    return text; // defensive only: the parser is written not to throw
  }
}

/** Characters that can start LaTeX markup or a text-mode ligature; anything else passes through. */
const MAY_CONTAIN_LATEX = /[\\$~{}`']|--|''/;

type Cursor = { readonly src: string; pos: number; depth: number };

/** What ends the sequence being parsed: end of input (""), a closing brace, or a math delimiter. */
type Stop = "" | "}" | "$" | "$$" | "\\)" | "\\]";

/** Deeper nesting than this is flattened instead of recursed into (real abstracts nest 2–3 levels). */
const MAX_DEPTH = 64;

const URL_START = /https?:\/\/|www\./y;
/** URL characters; a backslash ends the URL unless it escapes `_ % # & ~` (LaTeX-escaped URLs). */
const URL_BODY = /(?:[^\s{}$\\<>"]|\\[_%#&~])+/y;
const LETTERS = /[A-Za-z]+/y;
const SPACES = /[ \t\n\r]*/y;
const WORD_CHAR = /[\p{L}\p{N}]/u;

function parseSequence(cur: Cursor, math: boolean, stop: Stop): string {
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

function parseNested(cur: Cursor, math: boolean, stop: Stop): string {
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

/** Appends one space unless the output already ends in whitespace, and swallows spaces that follow. */
/** Own-property lookup: macro names such as `\constructor` must not reach Object.prototype. */
function lookup<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

function pushSpace(out: string[]): void {
  const last = out.length > 0 ? out[out.length - 1]! : "";
  if (last === "" || !/\s$/.test(last)) out.push(" ");
}

function skipSpaces(cur: Cursor): void {
  SPACES.lastIndex = cur.pos;
  SPACES.test(cur.src);
  cur.pos = SPACES.lastIndex;
}

// ---------------------------------------------------------------------------------------------------------
// Commands

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
const KEEP_ARGUMENT = new Set([
  "mathrm",
  "mathbf",
  "mathit",
  "mathsf",
  "mathtt",
  "mathcal",
  "mathscr",
  "mathfrak",
  "mathds",
  "mathnormal",
  "boldsymbol",
  "bm",
  "pmb",
  "textbf",
  "textit",
  "textrm",
  "texttt",
  "textsc",
  "textsf",
  "textsl",
  "textup",
  "textmd",
  "textnormal",
  "emph",
  "underline",
  "uline",
  "mbox",
  "hbox",
  "fbox",
  "makebox",
  "operatorname",
  "mathop",
  "num",
  "overrightarrow",
  "overleftarrow",
  "underbrace",
  "overbrace",
]);

/** Commands whose argument is text even inside math. */
const TEXT_ARGUMENT = new Set(["text", "textnormal", "mbox", "hbox", "textrm", "textit", "textbf", "textsf", "texttt"]);

/** Old-style switches and sizing/spacing commands that take no argument and print nothing. */
const DROP_SWITCH = new Set([
  "bf",
  "it",
  "em",
  "rm",
  "sf",
  "tt",
  "sc",
  "sl",
  "cal",
  "bold",
  "up",
  "md",
  "normalfont",
  "tiny",
  "scriptsize",
  "footnotesize",
  "small",
  "normalsize",
  "large",
  "Large",
  "LARGE",
  "huge",
  "Huge",
  "displaystyle",
  "textstyle",
  "scriptstyle",
  "scriptscriptstyle",
  "left",
  "right",
  "middle",
  "big",
  "Big",
  "bigg",
  "Bigg",
  "bigl",
  "bigr",
  "Bigl",
  "Bigr",
  "biggl",
  "biggr",
  "Biggl",
  "Biggr",
  "limits",
  "nolimits",
  "noindent",
  "centering",
  "relax",
  "protect",
  "nobreak",
  "allowbreak",
  "hfill",
  "vfill",
  "boldmath",
  "unboldmath",
  "mathstrut",
  "strut",
  "selectfont",
  "maketitle",
  "smallskip",
  "medskip",
  "bigskip",
  "clearpage",
  "newpage",
  "displaylines",
]);

/** Commands that render as a space. */
const SPACE_COMMANDS = new Set([
  "quad",
  "qquad",
  "enspace",
  "thinspace",
  "medspace",
  "thickspace",
  "newline",
  "linebreak",
  "par",
  "item",
]);

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

/** Math accents put on a single base character as a combining mark. */
const MATH_ACCENTS: Readonly<Record<string, string>> = {
  hat: "\u0302",
  widehat: "\u0302",
  bar: "\u0304",
  overline: "\u0305",
  tilde: "\u0303",
  widetilde: "\u0303",
  dot: "\u0307",
  ddot: "\u0308",
  vec: "\u20D7",
  check: "\u030C",
  breve: "\u0306",
  acute: "\u0301",
  grave: "\u0300",
  mathring: "\u030A",
};

/** Double-struck letters that live in the BMP and read well in plain text (ℝ, ℕ, …). */
const DOUBLE_STRUCK: Readonly<Record<string, string>> = { C: "ℂ", H: "ℍ", N: "ℕ", P: "ℙ", Q: "ℚ", R: "ℝ", Z: "ℤ" };

/** Punctuation before which a dropped command (`\cite{…}`) should not leave a space behind. */
const CLOSING_PUNCTUATION = /^[.,;:!?)\]]/;

function parseCommand(cur: Cursor, math: boolean, out: string[]): string {
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
  return parseSpecialCommand(cur, math, out, name);
}

function parseSpecialCommand(cur: Cursor, math: boolean, out: string[], name: string): string {
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
  if (!Number.isInteger(code) || code < 0x20 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "";
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

// ---------------------------------------------------------------------------------------------------------
// Arguments

/**
 * One argument: a braced group, a command, or a single character (TeX reads `x_12` as x₁2).
 * `forAccent` keeps the argument of `\'` to its one letter even in text mode.
 */
function readArg(cur: Cursor, math: boolean, forAccent = false): string {
  const { src } = cur;
  if (!forAccent || src[cur.pos] === " ") skipSpaces(cur);
  if (cur.pos >= src.length) return "";
  const ch = src[cur.pos]!;
  if (ch === "{") {
    cur.pos++;
    return parseGroup(cur, math);
  }
  if (ch === "\\") return parseCommand(cur, math, []);
  if (ch === "}") return ""; // missing argument
  const codePoint = src.codePointAt(cur.pos)!;
  const char = String.fromCodePoint(codePoint);
  cur.pos += char.length;
  return math && char === "'" ? "′" : char;
}

/** A braced argument as raw text (for URLs, labels, colours), braces balanced. */
function readRawArg(cur: Cursor): string {
  const { src } = cur;
  skipSpaces(cur);
  if (src[cur.pos] !== "{") {
    if (src[cur.pos] === "\\") {
      LETTERS.lastIndex = cur.pos + 1;
      const word = LETTERS.exec(src);
      const length = 1 + (word ? word[0].length : 1);
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
function readOptionalArg(cur: Cursor): string | null {
  const start = cur.pos;
  skipSpaces(cur);
  if (cur.src[cur.pos] !== "[") {
    cur.pos = start;
    return null;
  }
  return readBalanced(cur, "[", "]");
}

function skipOptionalArgs(cur: Cursor): void {
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

// ---------------------------------------------------------------------------------------------------------
// Accents and scripts

/** Puts a combining accent on a single letter (`\'e` → é); longer arguments are returned unchanged. */
function applyAccent(base: string, mark: string, spacing: string): string {
  if (base === "") return spacing; // `\~{}` prints the tilde itself
  const chars = [...base];
  if (chars.length !== 1) return base;
  const letter = base === "ı" ? "i" : base === "ȷ" ? "j" : base;
  return `${letter}${mark}`.normalize("NFC");
}

/** Superscripts that read better as ordinary characters than as `^x`. */
const PLAIN_SUPERSCRIPTS: Readonly<Record<string, string>> = {
  "∘": "°",
  "◦": "°",
  "′": "′",
  "″": "″",
  "*": "*",
  "∗": "*",
  "⋆": "*",
  "†": "†",
  "‡": "‡",
};

function toSuperscript(content: string): string {
  const plain = lookup(PLAIN_SUPERSCRIPTS, content);
  if (plain !== undefined) return plain;
  return mapScript(content, SUPERSCRIPTS, "^");
}

function toSubscript(content: string): string {
  return mapScript(content, SUBSCRIPTS, "_");
}

/** Unicode script characters when every character has one; else `_x` / `^(a,b)` which stays readable. */
function mapScript(content: string, table: Readonly<Record<string, string>>, marker: string): string {
  const trimmed = content.trim();
  if (trimmed === "") return "";
  let mapped = "";
  for (const ch of trimmed) {
    const script = lookup(table, ch);
    if (script === undefined) {
      const bare = [...trimmed].length === 1 || /^[\p{L}\p{N}]+$/u.test(trimmed);
      return bare ? `${marker}${trimmed}` : `${marker}(${trimmed})`;
    }
    mapped += script;
  }
  return mapped;
}

// ---------------------------------------------------------------------------------------------------------
// Tables (kept in this file so the converter is one self-contained module)

/** Text accents: `\'e`, `\"o`, `\c{c}`, `\v{s}` … as combining marks. */
const COMBINING_ACCENTS: Readonly<Record<string, string>> = {
  "'": "\u0301",
  "`": "\u0300",
  "^": "\u0302",
  '"': "\u0308",
  "~": "\u0303",
  "=": "\u0304",
  ".": "\u0307",
  u: "\u0306",
  v: "\u030C",
  H: "\u030B",
  c: "\u0327",
  k: "\u0328",
  r: "\u030A",
  d: "\u0323",
  b: "\u0331",
  t: "\u0361",
};

/** Letters that LaTeX spells as commands. */
const TEXT_LETTERS: Readonly<Record<string, string>> = {
  ss: "ß",
  o: "ø",
  O: "Ø",
  ae: "æ",
  AE: "Æ",
  oe: "œ",
  OE: "Œ",
  aa: "å",
  AA: "Å",
  l: "ł",
  L: "Ł",
  i: "ı",
  j: "ȷ",
  dh: "ð",
  DH: "Ð",
  th: "þ",
  TH: "Þ",
  ng: "ŋ",
  NG: "Ŋ",
};

const GREEK: Readonly<Record<string, string>> = {
  alpha: "α",
  beta: "β",
  gamma: "γ",
  delta: "δ",
  epsilon: "ε",
  varepsilon: "ε",
  zeta: "ζ",
  eta: "η",
  theta: "θ",
  vartheta: "ϑ",
  iota: "ι",
  kappa: "κ",
  varkappa: "ϰ",
  lambda: "λ",
  mu: "μ",
  nu: "ν",
  xi: "ξ",
  omicron: "ο",
  pi: "π",
  varpi: "ϖ",
  rho: "ρ",
  varrho: "ϱ",
  sigma: "σ",
  varsigma: "ς",
  tau: "τ",
  upsilon: "υ",
  phi: "φ",
  varphi: "φ",
  chi: "χ",
  psi: "ψ",
  omega: "ω",
  Gamma: "Γ",
  Delta: "Δ",
  Theta: "Θ",
  Lambda: "Λ",
  Xi: "Ξ",
  Pi: "Π",
  Sigma: "Σ",
  Upsilon: "Υ",
  Phi: "Φ",
  Psi: "Ψ",
  Omega: "Ω",
  varGamma: "Γ",
  varDelta: "Δ",
  varTheta: "Θ",
  varLambda: "Λ",
  varPi: "Π",
  varSigma: "Σ",
  varPhi: "Φ",
  varPsi: "Ψ",
  varOmega: "Ω",
  digamma: "ϝ",
};

/** Upright Greek from the upgreek package (`\upmu`): same letters. */
const UPRIGHT_GREEK: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(GREEK).map(([name, letter]) => [`up${name}`, letter]),
);

const MATH_SYMBOLS: Readonly<Record<string, string>> = {
  // relations
  sim: "∼",
  simeq: "≃",
  approx: "≈",
  cong: "≅",
  equiv: "≡",
  propto: "∝",
  le: "≤",
  leq: "≤",
  leqslant: "≤",
  ge: "≥",
  geq: "≥",
  geqslant: "≥",
  ll: "≪",
  gg: "≫",
  lesssim: "≲",
  gtrsim: "≳",
  lessapprox: "⪅",
  gtrapprox: "⪆",
  ne: "≠",
  neq: "≠",
  prec: "≺",
  succ: "≻",
  preceq: "⪯",
  succeq: "⪰",
  in: "∈",
  notin: "∉",
  ni: "∋",
  subset: "⊂",
  subseteq: "⊆",
  supset: "⊃",
  supseteq: "⊇",
  subsetneq: "⊊",
  perp: "⊥",
  parallel: "∥",
  mid: "∣",
  models: "⊨",
  vdash: "⊢",
  asymp: "≍",
  doteq: "≐",
  // operators
  pm: "±",
  mp: "∓",
  times: "×",
  cdot: "·",
  div: "÷",
  ast: "∗",
  star: "⋆",
  circ: "∘",
  bullet: "•",
  oplus: "⊕",
  ominus: "⊖",
  otimes: "⊗",
  odot: "⊙",
  cup: "∪",
  cap: "∩",
  setminus: "∖",
  wedge: "∧",
  land: "∧",
  vee: "∨",
  lor: "∨",
  neg: "¬",
  lnot: "¬",
  ltimes: "⋉",
  rtimes: "⋊",
  dagger: "†",
  ddagger: "‡",
  // big operators
  sum: "∑",
  prod: "∏",
  coprod: "∐",
  int: "∫",
  iint: "∬",
  iiint: "∭",
  oint: "∮",
  bigcup: "⋃",
  bigcap: "⋂",
  bigoplus: "⨁",
  bigotimes: "⨂",
  // arrows
  to: "→",
  rightarrow: "→",
  leftarrow: "←",
  gets: "←",
  leftrightarrow: "↔",
  Rightarrow: "⇒",
  Leftarrow: "⇐",
  Leftrightarrow: "⇔",
  longrightarrow: "⟶",
  longleftarrow: "⟵",
  Longrightarrow: "⟹",
  Longleftrightarrow: "⟺",
  implies: "⟹",
  iff: "⟺",
  mapsto: "↦",
  longmapsto: "⟼",
  hookrightarrow: "↪",
  hookleftarrow: "↩",
  uparrow: "↑",
  downarrow: "↓",
  updownarrow: "↕",
  Uparrow: "⇑",
  Downarrow: "⇓",
  nearrow: "↗",
  searrow: "↘",
  rightleftharpoons: "⇌",
  // letters and constants
  infty: "∞",
  partial: "∂",
  nabla: "∇",
  hbar: "ħ",
  hslash: "ℏ",
  ell: "ℓ",
  Re: "ℜ",
  Im: "ℑ",
  aleph: "ℵ",
  wp: "℘",
  emptyset: "∅",
  varnothing: "∅",
  forall: "∀",
  exists: "∃",
  nexists: "∄",
  angle: "∠",
  triangle: "△",
  square: "□",
  Box: "□",
  Diamond: "◇",
  top: "⊤",
  bot: "⊥",
  prime: "′",
  degree: "°",
  checkmark: "✓",
  sharp: "♯",
  flat: "♭",
  natural: "♮",
  // delimiters and dots
  langle: "⟨",
  rangle: "⟩",
  lfloor: "⌊",
  rfloor: "⌋",
  lceil: "⌈",
  rceil: "⌉",
  lbrace: "{",
  rbrace: "}",
  lbrack: "[",
  rbrack: "]",
  vert: "|",
  lvert: "|",
  rvert: "|",
  Vert: "‖",
  lVert: "‖",
  rVert: "‖",
  colon: ":",
  ldots: "…",
  dots: "…",
  cdots: "⋯",
  vdots: "⋮",
  ddots: "⋱",
  dotsc: "…",
  dotsb: "⋯",
  backslash: "\\",
};

const TEXT_SYMBOLS: Readonly<Record<string, string>> = {
  textasciitilde: "~",
  textasciicircum: "^",
  textbackslash: "\\",
  textunderscore: "_",
  textbar: "|",
  textless: "<",
  textgreater: ">",
  textquotedblleft: "“",
  textquotedblright: "”",
  textquoteleft: "‘",
  textquoteright: "’",
  textendash: "–",
  textemdash: "—",
  textbullet: "•",
  textperiodcentered: "·",
  textdegree: "°",
  textmu: "µ",
  micro: "µ",
  textsection: "§",
  S: "§",
  P: "¶",
  dag: "†",
  ddag: "‡",
  copyright: "©",
  textcopyright: "©",
  textregistered: "®",
  texttrademark: "™",
  pounds: "£",
  textsterling: "£",
  euro: "€",
  texteuro: "€",
  yen: "¥",
  textyen: "¥",
  textdollar: "$",
  textpercent: "%",
  celsius: "℃",
  ohm: "Ω",
  LaTeX: "LaTeX",
  TeX: "TeX",
  // Abbreviation macros that authors define and arXiv keeps verbatim.
  eg: "e.g.",
  ie: "i.e.",
  etal: "et al.",
  etc: "etc.",
  wrt: "w.r.t.",
  vs: "vs.",
};

const SYMBOLS: Readonly<Record<string, string>> = { ...GREEK, ...UPRIGHT_GREEK, ...MATH_SYMBOLS, ...TEXT_SYMBOLS };

/** Unicode superscripts. */
const SUPERSCRIPTS: Readonly<Record<string, string>> = withIdentity({
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
  "+": "⁺",
  "-": "⁻",
  "−": "⁻",
  "=": "⁼",
  "(": "⁽",
  ")": "⁾",
  a: "ᵃ",
  b: "ᵇ",
  c: "ᶜ",
  d: "ᵈ",
  e: "ᵉ",
  f: "ᶠ",
  g: "ᵍ",
  h: "ʰ",
  i: "ⁱ",
  j: "ʲ",
  k: "ᵏ",
  l: "ˡ",
  m: "ᵐ",
  n: "ⁿ",
  o: "ᵒ",
  p: "ᵖ",
  r: "ʳ",
  s: "ˢ",
  t: "ᵗ",
  u: "ᵘ",
  v: "ᵛ",
  w: "ʷ",
  x: "ˣ",
  y: "ʸ",
  z: "ᶻ",
  A: "ᴬ",
  B: "ᴮ",
  D: "ᴰ",
  E: "ᴱ",
  G: "ᴳ",
  H: "ᴴ",
  I: "ᴵ",
  J: "ᴶ",
  K: "ᴷ",
  L: "ᴸ",
  M: "ᴹ",
  N: "ᴺ",
  O: "ᴼ",
  P: "ᴾ",
  R: "ᴿ",
  T: "ᵀ",
  U: "ᵁ",
  V: "ⱽ",
  W: "ᵂ",
  α: "ᵅ",
  β: "ᵝ",
  γ: "ᵞ",
  δ: "ᵟ",
  ε: "ᵋ",
  θ: "ᶿ",
  φ: "ᵠ",
  χ: "ᵡ",
});

const SUBSCRIPTS: Readonly<Record<string, string>> = withIdentity({
  "0": "₀",
  "1": "₁",
  "2": "₂",
  "3": "₃",
  "4": "₄",
  "5": "₅",
  "6": "₆",
  "7": "₇",
  "8": "₈",
  "9": "₉",
  "+": "₊",
  "-": "₋",
  "−": "₋",
  "=": "₌",
  "(": "₍",
  ")": "₎",
  a: "ₐ",
  e: "ₑ",
  h: "ₕ",
  i: "ᵢ",
  j: "ⱼ",
  k: "ₖ",
  l: "ₗ",
  m: "ₘ",
  n: "ₙ",
  o: "ₒ",
  p: "ₚ",
  r: "ᵣ",
  s: "ₛ",
  t: "ₜ",
  u: "ᵤ",
  v: "ᵥ",
  x: "ₓ",
  β: "ᵦ",
  γ: "ᵧ",
  ρ: "ᵨ",
  φ: "ᵩ",
  χ: "ᵪ",
});

/** Script tables also pass commas through (`^{63,65}Cu` → ⁶³,⁶⁵Cu) and keep existing script characters. */
function withIdentity(table: Record<string, string>): Readonly<Record<string, string>> {
  const full: Record<string, string> = { ...table, ",": "," };
  for (const script of Object.values(table)) full[script] = script;
  return full;
}
