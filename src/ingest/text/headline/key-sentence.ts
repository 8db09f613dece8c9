// ---------------------------------------------------------------------------------------------------------
// Rule 2: the key sentence

import { type Candidate, conjoinedObjectClause, type VerbClause, verbClauses } from "./clauses";
import { clauseUntilStop, stripDeterminer, tidyDescription } from "./compose";
import { VERBS } from "./verbs";

/** "Here, a method is demonstrated to …" — passive announcement with a fronted lead-in. */
const PASSIVE_ANNOUNCEMENT =
  /^(?:(?:here(?:in)?|in this (?:paper|work|letter|study|article|report)),?\s+((?:a|an|the)\s+.{3,120}?)|((?:A|An)\s+.{3,120}?))\s+(?:is|are)\s+(?:proposed|presented|introduced|developed|demonstrated|reported|described|designed|studied|investigated|explored|derived)\b\s*(.*)$/i;

export function findKeySentence(sentences: readonly string[]): string | null {
  let secondary: string | null = null;
  for (const sentence of sentences) {
    const rendered = renderKeySentence(sentence);
    if (rendered === null) continue;
    if (!rendered.secondary) return rendered.text;
    secondary ??= rendered.text;
  }
  return secondary;
}

function renderKeySentence(sentence: string): Candidate | null {
  const passive = PASSIVE_ANNOUNCEMENT.exec(sentence);
  if (passive) {
    const subject = stripDeterminer(passive[1] ?? passive[2]!).phrase;
    return { text: `${subject}${clauseUntilStop(` ${passive[3]!}`)}`, secondary: false };
  }
  const clauses = verbClauses(sentence);
  const first = clauses[0];
  if (first === undefined) return null;
  // Prefer the contribution: in "we explore X and propose Y", Y is what the paper is about.
  const contribution =
    clauses.find((clause) => clause.verb.kind === "object" && !startsWithThat(clause.object)) ??
    (first.verb.kind === "object" ? null : conjoinedObjectClause(first.object, first.secondary));
  const chosen = contribution ?? first;
  return { text: renderClause(chosen), secondary: chosen.secondary };
}

function startsWithThat(object: string): boolean {
  return /^that\b/i.test(object);
}

/** Renders "we VERB OBJECT" as a headline body according to the verb's kind. */
function renderClause({ verb, object }: VerbClause): string {
  if (startsWithThat(object)) return object.replace(/^that\s+/i, ""); // a claim: keep it whole
  const toInfinitive = /^to\s+([a-z-]+)\b\s*(.*)$/i.exec(object);
  if (toInfinitive) {
    const next = VERBS.get(toInfinitive[1]!.toLowerCase());
    return next ? `${next.gerund} ${clauseUntilStop(` ${toInfinitive[2]!}`).trim()}` : object.slice(3);
  }
  if (verb.kind === "object")
    return tidyDescription(stripDeterminer(object.replace(/^(?:on|upon)\s+/i, "")).phrase);
  return `${verb.gerund} ${gerundiseConjoinedVerb(clauseUntilStop(` ${object}`).trim())}`;
}

/** "the X and propose a Y" → "the X and proposing a Y", so a gerund headline stays grammatical. */
const CONJOINED_VERB_BEFORE_OBJECT =
  /\band\s+([a-z][a-z-]*)(?=\s+(?:a|an|the|our|its|their|new|novel|that|how|whether)\b)/i;

function gerundiseConjoinedVerb(text: string): string {
  return text.replace(CONJOINED_VERB_BEFORE_OBJECT, (all, word: string) => {
    const verb = VERBS.get(word);
    return verb ? `and ${verb.gerund}` : all;
  });
}
