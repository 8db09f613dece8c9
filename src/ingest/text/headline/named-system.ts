// ---------------------------------------------------------------------------------------------------------
// Rule 1: named systems

import { type Candidate, SECONDARY, verbClauses, verbClausesWithConjoined } from "./clauses";
import { joinNameAndDescription, stripDeterminer } from "./compose";
import { CALLED, nameFromObject } from "./name-in-object";
import { isCapitalised, isCoinedName, readName } from "./names";

/** The named system announced by a sentence, or null. Tries every pattern in order. */
function namedSystemIn(sentence: string, sentenceIndex: number, earlierText: string): Candidate | null {
  for (const clause of verbClausesWithConjoined(sentence)) {
    if (clause.verb.kind !== "object") continue;
    const named = nameFromObject(clause.object, earlierText);
    if (named !== null) return { text: named, secondary: clause.secondary };
  }
  const called = nameFromCalled(sentence);
  if (called !== null) return { text: called, secondary: SECONDARY.test(sentence) };
  const passive = nameFromPassiveIntroduction(sentence);
  if (passive !== null) return { text: passive, secondary: false };
  const appositive = nameFromLeadingAppositive(sentence);
  if (appositive !== null) return { text: appositive, secondary: false };
  if (sentenceIndex === 0) {
    const definition = nameFromDefinition(sentence);
    if (definition !== null) return { text: definition, secondary: false };
  }
  return null;
}

export function findNamedSystem(sentences: readonly string[]): string | null {
  let fallback: string | null = null;
  let hasPrimaryContribution = false;
  let earlierText = "";
  for (const [index, sentence] of sentences.entries()) {
    const named = namedSystemIn(sentence, index, earlierText);
    if (named !== null && !named.secondary) return named.text;
    if (named !== null) fallback ??= named.text;
    if (named === null && verbClauses(sentence).some((clause) => !clause.secondary)) {
      hasPrimaryContribution = true;
    }
    earlierText += ` ${sentence}`;
  }
  // "We propose a method … We also release FooBench": the unnamed primary contribution is the better headline.
  return hasPrimaryContribution ? null : fallback;
}

/** "a … called/named/dubbed X" anywhere in a first-person sentence (`which we call X` too). */
const CALLED_ANYWHERE = new RegExp(
  `${CALLED.source}(?=["“‘']|[\\p{Lu}\\p{N}]|[a-z]+\\p{Lu}|[a-z][\\w -]{0,60}\\(\\p{Lu})`,
  "u",
);
const FIRST_PERSON = /\b(?:we|our|us|this (?:paper|work|study|article))\b/i;

function nameFromCalled(sentence: string): string | null {
  if (!FIRST_PERSON.test(sentence)) return null;
  const match = CALLED_ANYWHERE.exec(sentence);
  if (!match || /so-$/.test(sentence.slice(0, match.index))) return null;
  const name = readName(sentence.slice(match.index + match[0].length), true, true);
  if (
    name === null ||
    !(isCoinedName(name.name.split(" ")[0]!) || isCapitalised(name.name) || name.name.endsWith(")"))
  ) {
    return null;
  }
  return joinNameAndDescription(name.name, descriptionBefore(sentence.slice(0, match.index)));
}

/** The noun phrase before "called X": the verb's object if there is one, else back to its determiner. */
function descriptionBefore(text: string): string {
  const clause = verbClauses(text).find((candidate) => candidate.verb.kind === "object");
  if (clause) return stripDeterminer(clause.object).phrase;
  const determiners = [...text.matchAll(/\b(?:a|an|the|our)\s+/gi)];
  const last = determiners[determiners.length - 1];
  if (last === undefined) return "";
  return stripDeterminer(text.slice(last.index)).phrase;
}

/** "X, a Y, is …" at the start of a sentence. */
const LEADING_APPOSITIVE =
  /^(.{2,80}?), (?:a|an|the) ([^,]{3,120}), (?:is|was|are|has|have|can|will|provides|offers|enables|uses|combines|consists|achieves|supports|allows|introduces|leverages|integrates)\b/;
const SENTENCE_OPENERS = new Set([
  "However",
  "Recently",
  "Here",
  "Herein",
  "Finally",
  "Moreover",
  "Furthermore",
  "Additionally",
  "Specifically",
  "First",
  "Second",
  "Third",
  "Then",
  "Thus",
  "Therefore",
  "Notably",
  "Importantly",
  "Overall",
  "Today",
  "Currently",
  "Traditionally",
  "Yet",
  "Still",
  "Instead",
  "Meanwhile",
  "Consequently",
  "Hence",
  "Unfortunately",
  "Typically",
  "Similarly",
]);

function nameFromLeadingAppositive(sentence: string): string | null {
  const match = LEADING_APPOSITIVE.exec(sentence);
  if (!match) return null;
  const name = readName(match[1]!, false);
  if (name === null || name.after.trim() !== "" || SENTENCE_OPENERS.has(name.name)) return null;
  if (
    !isCoinedName(name.name.split(" ")[0]!) &&
    name.name.split(" ").length < 2 &&
    !name.name.includes("(")
  ) {
    return null;
  }
  return joinNameAndDescription(name.name, stripDeterminer(`a ${match[2]!}`).phrase);
}

/** "Policy Cards are introduced as a machine-readable standard for …". */
const PASSIVE_INTRODUCTION = /^(.{2,80}?) (?:is|are) (?:introduced|proposed|presented) as (?:a|an|the) (.+)$/;

function nameFromPassiveIntroduction(sentence: string): string | null {
  const match = PASSIVE_INTRODUCTION.exec(sentence);
  if (!match) return null;
  const name = readName(match[1]!, false);
  if (name === null || name.after.trim() !== "" || SENTENCE_OPENERS.has(name.name)) return null;
  return joinNameAndDescription(name.name, stripDeterminer(`a ${match[2]!}`).phrase);
}

/** "FooLib is a library for …" as the opening sentence, for coined names only. */
const DEFINITION = /^(.{2,60}?) is (?:a|an) (.+)$/;

function nameFromDefinition(sentence: string): string | null {
  const match = DEFINITION.exec(sentence);
  if (!match) return null;
  const name = readName(match[1]!, false);
  if (name === null || name.after.trim() !== "" || !isCoinedName(name.name.split(" ")[0]!)) return null;
  return joinNameAndDescription(name.name, stripDeterminer(`a ${match[2]!}`).phrase);
}
