// ---------------------------------------------------------------------------------------------------------
// Subject–verb clauses: "we propose …", "this paper presents …"

import { VERBS, type VerbInfo } from "./verbs";

/**
 * "we (also) propose", "this paper presents", "here, we have developed": subject, optional adverbs or
 * auxiliaries, then a verb (one or two words).
 */
const SUBJECT_VERB = new RegExp(
  String.raw`\b(?:we|i|this (?:paper|work|study|article|letter|note|report|thesis|manuscript|chapter|survey|review|contribution|research|project|tutorial)|our (?:paper|work|study|approach|contribution)|the (?:present|current) (?:paper|work|study)|the authors)` +
    String.raw`\s+((?:(?:also|further|then|now|first|here|therefore|thus|hence|instead|next|newly|hereby|additionally|furthermore|moreover|have|has|can|will|[a-z]+ly)\s+)*)` +
    String.raw`([a-z][a-z-]*)\b\s*`,
  "gi",
);

/** Markers of a secondary contribution ("we also release …"), weaker evidence for the headline. */
export const SECONDARY =
  /\b(?:also|further|furthermore|additionally|moreover|finally|lastly|besides|second(?:ly)?|third(?:ly)?|in addition)\b/i;

export type VerbClause = { readonly verb: VerbInfo; readonly object: string; readonly secondary: boolean };

/** "we present and benchmark X": the second verb is skipped so the object is X. */
const LEADING_CONJOINED_VERB = /^and\s+([a-z][a-z-]*)\s+/i;

/** All subject–verb clauses in a sentence whose verb is known, in order. */
export function verbClauses(sentence: string): VerbClause[] {
  const clauses: VerbClause[] = [];
  SUBJECT_VERB.lastIndex = 0;
  for (let match = SUBJECT_VERB.exec(sentence); match !== null; match = SUBJECT_VERB.exec(sentence)) {
    const verb = VERBS.get(match[2]!.toLowerCase());
    if (verb === undefined) continue;
    let object = sentence.slice(match.index + match[0].length).trim();
    const conjoined = LEADING_CONJOINED_VERB.exec(object);
    if (conjoined && VERBS.has(conjoined[1]!.toLowerCase())) object = object.slice(conjoined[0].length);
    const before = sentence.slice(0, match.index) + match[1]!;
    clauses.push({ verb, object, secondary: SECONDARY.test(before) });
  }
  return clauses;
}

/** Clauses plus object verbs conjoined to any first-person verb ("we instantiate X and propose Y"). */
export function verbClausesWithConjoined(sentence: string): VerbClause[] {
  const clauses = verbClauses(sentence);
  SUBJECT_VERB.lastIndex = 0;
  const subject = SUBJECT_VERB.exec(sentence);
  if (subject === null) return clauses;
  const conjoined = conjoinedObjectClause(
    sentence.slice(subject.index + subject[0].length),
    SECONDARY.test(sentence.slice(0, subject.index)),
  );
  if (conjoined !== null && !clauses.some((clause) => clause.object === conjoined.object))
    clauses.push(conjoined);
  return clauses;
}

/** "…, and propose Y", "… and introduce Y": a second verb sharing the subject. */
const CONJOINED_VERB = /(?:,\s*|\s)and\s+(?:(?:then|also|further|[a-z]+ly)\s+)?([a-z][a-z-]*)\b\s*/gi;

export function conjoinedObjectClause(object: string, secondary: boolean): VerbClause | null {
  CONJOINED_VERB.lastIndex = 0;
  for (let match = CONJOINED_VERB.exec(object); match !== null; match = CONJOINED_VERB.exec(object)) {
    const verb = VERBS.get(match[1]!.toLowerCase());
    if (verb?.kind === "object") {
      return { verb, object: object.slice(match.index + match[0].length).trim(), secondary };
    }
  }
  return null;
}

/** A headline body and whether it came from a secondary contribution ("we also release …"). */
export type Candidate = { readonly text: string; readonly secondary: boolean };
