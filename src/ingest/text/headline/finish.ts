// ---------------------------------------------------------------------------------------------------------
// Trimming headlines: final form and length

import { wordSet } from "../word-set";
import { stripMarkup } from "./sentences";

export const HEADLINE_MAX_LENGTH = 100;

/** Words a cut headline must not end on. */
const DANGLING_WORDS = wordSet(
  "a an the and or of for to in on at by with via from into as that which where while whose is are " +
    "be can its their our this these both such than using based consists consisting comprises " +
    "comprising including between over under through across",
);

/** Cut points that keep whole phrases; the ": " after a name is not one (it would drop the description). */
const CLAUSE_BOUNDARY = /[,;]\s|\s[–—]\s/g;

/** Final form: tidy spacing, no dangling brackets, capital first letter, at most 100 characters. */
export function finish(body: string): string {
  let text = stripMarkup(body)
    .replace(/\s+([,.;:!?])/g, "$1")
    .replace(/^[\p{P}\p{Sk}\s]+/u, "")
    .replace(/[\s,;:.]+$/u, "");
  text = removeUnbalancedBrackets(text);
  if (text.length > HEADLINE_MAX_LENGTH) text = cutToLength(text, HEADLINE_MAX_LENGTH);
  return capitaliseFirst(text);
}

/** Cuts at the last clause boundary past 60% of the limit, else the last word boundary, and adds "…". */
function cutToLength(text: string, limit: number): string {
  const room = limit - 1;
  let cut = -1;
  CLAUSE_BOUNDARY.lastIndex = 0;
  for (let match = CLAUSE_BOUNDARY.exec(text); match !== null; match = CLAUSE_BOUNDARY.exec(text)) {
    if (match.index > room) break;
    if (match.index >= limit * 0.6) cut = match.index;
  }
  if (cut < 0) {
    const space = text.lastIndexOf(" ", room);
    cut = space >= limit * 0.3 ? space : room;
  }
  let kept = trimDanglingWords(text.slice(0, cut));
  const unmatchedOpen = lastUnmatchedOpening(kept);
  if (unmatchedOpen >= 0) kept = trimDanglingWords(kept.slice(0, unmatchedOpen));
  return `${kept}…`;
}

function trimDanglingWords(text: string): string {
  let kept = text.replace(/[\s,;:.–—-]+$/u, "");
  for (;;) {
    const space = kept.lastIndexOf(" ");
    if (space < 0) return kept;
    const lastWord = kept.slice(space + 1).toLowerCase();
    if (!DANGLING_WORDS.has(lastWord)) return kept;
    kept = kept.slice(0, space).replace(/[\s,;:.–—-]+$/u, "");
  }
}

function lastUnmatchedOpening(text: string): number {
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "(" || text[i] === "[") stack.push(i);
    else if ((text[i] === ")" || text[i] === "]") && stack.length > 0) stack.pop();
  }
  return stack.length > 0 ? stack[0]! : -1;
}

/** Drops brackets and straight quotes that have no partner (a cut or an enumeration "1)" leaves them). */
function removeUnbalancedBrackets(text: string): string {
  const unmatched = new Set<number>();
  const stack: Array<{ index: number; ch: string }> = [];
  const partner: Readonly<Record<string, string>> = { ")": "(", "]": "[" };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "(" || ch === "[") stack.push({ index: i, ch });
    else if (ch === ")" || ch === "]") {
      const top = stack[stack.length - 1];
      if (top !== undefined && top.ch === partner[ch]) stack.pop();
      else unmatched.add(i);
    }
  }
  for (const open of stack) unmatched.add(open.index);
  let out = "";
  for (let i = 0; i < text.length; i++) if (!unmatched.has(i)) out += text[i];
  if ((out.match(/"/g)?.length ?? 0) % 2 === 1) out = out.replace(/"/g, "");
  if ((out.match(/“/g)?.length ?? 0) !== (out.match(/”/g)?.length ?? 0)) out = out.replace(/[“”]/g, "");
  return out.replace(/ {2,}/g, " ").trim();
}

/** Capitalises a lower-case first word; names with a short lower-case prefix (xTrimoPGLM, mRNA, dInfer) keep it. */
function capitaliseFirst(text: string): string {
  const firstWord = /^[^\s]+/.exec(text)?.[0] ?? "";
  if (!/^[a-z]/.test(firstWord) || /^[a-z]{1,3}\p{Lu}/u.test(firstWord)) return text;
  return `${text[0]!.toUpperCase()}${text.slice(1)}`;
}
