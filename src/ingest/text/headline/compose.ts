// ---------------------------------------------------------------------------------------------------------
// Trimming descriptions: noun phrases and first clauses

import { VERBS } from "./verbs";

/** a/an/the/our (+ filler adjectives such as novel, new, simple) at the start of a noun phrase. */
const DETERMINER = /^(?:a|an|the|our|this|these|two|three|four|several|one)\s+/i;
const FILLERS =
  /^(?:(?:novel|new|simple|innovative|effective|powerful|elegant|principled|straightforward|versatile|generic|general|remarkable|first-of-its-kind)(?:\s*,\s*|\s+(?:yet|and|but)\s+|\s+))+/i;

export function stripDeterminer(phrase: string): { phrase: string; hadDeterminer: boolean } {
  const withoutDeterminer = phrase.replace(DETERMINER, "");
  const hadDeterminer = withoutDeterminer.length !== phrase.length;
  return { phrase: withoutDeterminer.replace(FILLERS, ""), hadDeterminer };
}

/** Where a description's first clause ends: a relative clause, a participle, an enumeration, a colon. */
const CLAUSE_STOP_ALL = new RegExp(
  [
    String.raw`,\s*(?:which|that|where|while|whereas|whose|thereby|thus|hence|so that|and (?:we|it|they|our|then|also|thus|further|[a-z]+ly)\b|but|(?:in order )?to [a-z]+|(?:[a-z]+ly\s+)?[a-z]+ing\b|(?:[a-z]+ly\s+)?(?:[a-z]+ed|built|driven)\s+(?:from|on|by|for|to|with|in|upon|using|via|through|into|at|as|under)\b)`,
    ";",
    String.raw`:\s`,
    String.raw`\s[–—-]\s`,
    String.raw`\s(?:\(|\[)?(?:1|i|a)\)\s`,
    String.raw`\s(?:consisting of|comprising|that consists? of|which consists? of)\s`,
    "[.!?]$",
  ].join("|"),
  "gi",
);

/** "for representing, storing, and reusing": a participle after another one continues a list. */
const LISTED_PARTICIPLE = /^,\s*(?:and\s+|or\s+)?[a-z]+(?:ing|ed)\b/i;
const ENDS_WITH_PARTICIPLE = /[a-z]+(?:ing|ed)$/i;

/** The text up to the first clause stop (leading space preserved so callers can append it). */
export function clauseUntilStop(text: string): string {
  CLAUSE_STOP_ALL.lastIndex = 0;
  for (let stop = CLAUSE_STOP_ALL.exec(text); stop !== null; stop = CLAUSE_STOP_ALL.exec(text)) {
    if (LISTED_PARTICIPLE.test(stop[0]) && ENDS_WITH_PARTICIPLE.test(text.slice(0, stop.index))) continue;
    return text.slice(0, stop.index).replace(/[\s,;:]+$/, "");
  }
  return text.replace(/[\s,;:]+$/, "");
}

const DESIGNED_FOR =
  /\b(?:(?:specifically|explicitly|carefully|particularly)\s+)?(?:designed|tailored|developed|built|created|engineered|intended|crafted)\s+(for|to)\b/gi;

/** " and apply it to …", " and show that …": a second verb ends the noun phrase. */
const CONJOINED_VERB_STOP =
  /,?\s+and\s+(?:then\s+)?([a-z][a-z-]*)(?=\s+(?:a|an|the|it|them|this|these|that|our|how|whether)\b)/gi;

function cutAtConjoinedVerb(text: string): string {
  CONJOINED_VERB_STOP.lastIndex = 0;
  for (let match = CONJOINED_VERB_STOP.exec(text); match !== null; match = CONJOINED_VERB_STOP.exec(text)) {
    if (VERBS.has(match[1]!.toLowerCase())) return text.slice(0, match.index);
  }
  return text;
}

/** A description as a headline tail: first clause only, no parentheticals, "designed for" → "for". */
export function tidyDescription(description: string): string {
  return clauseUntilStop(` ${cutAtConjoinedVerb(dropParentheticals(description))}`)
    .replace(DESIGNED_FOR, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/** Removes (…) and […] asides, nested ones included, with the space before them. */
function dropParentheticals(text: string): string {
  let depth = 0;
  let out = "";
  for (const ch of text) {
    if (ch === "(" || ch === "[") {
      depth++;
      continue;
    }
    if ((ch === ")" || ch === "]") && depth > 0) {
      depth--;
      continue;
    }
    if (depth === 0) out += ch;
  }
  return out.replace(/\s+([,.;:])/g, "$1").replace(/ {2,}/g, " ");
}

export function joinNameAndDescription(name: string, description: string): string {
  const cleaned = tidyDescription(description);
  return cleaned === "" ? name : `${name}: ${cleaned}`;
}
