// ---------------------------------------------------------------------------------------------------------
// Text preparation and sentences

import { latexToPlain } from "../latex";
import { wordSet } from "../word-set";

const URL_IN_TEXT = /\b(?:https?:\/\/|www\.)\S+/gi;
const LEADING_LABEL =
  /^(?:abstract|summary|background|context|motivation|purpose|objectives?|introduction|aims?)\s*[:.—–-]\s*/i;

/** Plain text on one line: LaTeX rendered, URLs and stray markup removed, whitespace collapsed. */
export function prepareText(abstract: string): string {
  return stripMarkup(latexToPlain(abstract)).replace(LEADING_LABEL, "").replace(BROKEN_HYPHENATION, "$1$2");
}

/** PDF-extraction hyphenation ("iter- ative"); "pre- and post-training" keeps its hyphen. */
const BROKEN_HYPHENATION = /(\p{Ll})- (?!(?:and|or|nor|to|vs|versus|as)\b)(\p{Ll})/gu;

export function stripMarkup(text: string): string {
  return text
    .replace(URL_IN_TEXT, "")
    .replace(/[$\\{}]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Words whose trailing dot does not end a sentence. */
const ABBREVIATIONS = wordSet(
  "e.g i.e al etc vs cf fig figs eq eqs ref refs sec no vol pp approx resp dr prof mr ms inc ltd ca " +
    "viz st",
);

/** A full stop, question or exclamation mark (maybe closing a quote) before a capitalised word. */
const SENTENCE_END = /[.!?]["”’')\]]*\s+(?=["“‘([]?[\p{Lu}\p{N}])/gu;
const WORD_BEFORE_DOT = /([\p{L}.]+)\.["”’')\]]*$/u;

export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  SENTENCE_END.lastIndex = 0;
  for (let match = SENTENCE_END.exec(text); match !== null; match = SENTENCE_END.exec(text)) {
    const candidate = text.slice(start, match.index + match[0].length);
    if (endsWithAbbreviation(candidate.trimEnd())) continue;
    sentences.push(candidate.trim());
    start = match.index + match[0].length;
  }
  sentences.push(text.slice(start).trim());
  return sentences.filter((sentence) => sentence.split(" ").length >= 3);
}

function endsWithAbbreviation(sentence: string): boolean {
  const word = WORD_BEFORE_DOT.exec(sentence)?.[1];
  if (word === undefined) return false;
  if (/^\p{Lu}$/u.test(word)) return true; // an initial: "J. Smith"
  return ABBREVIATIONS.has(word.toLowerCase());
}
