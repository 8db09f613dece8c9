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
 *
 * The lookup tables (letters, symbols, accents, scripts) live in this folder beside the parser, so the
 * converter stays one self-contained module.
 */

import type { Cursor } from "./cursor";
import { parseSequence } from "./parser";

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
