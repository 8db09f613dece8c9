// ---------------------------------------------------------------------------------------------------------
// Rule 1, the object of "we propose": which part of it is the name

import { wordSet } from "../word-set";
import { clauseUntilStop, joinNameAndDescription, stripDeterminer } from "./compose";
import {
  isAcronym,
  isCapitalised,
  isCoinedName,
  isGenericAcronym,
  NAME_CONNECTORS,
  type Name,
  readName,
} from "./names";

/** After "we propose": a name first (`X, a Y`) or a description first (`a Y, X`, `a Y (ACR)`, `a Y X`). */
export function nameFromObject(object: string, earlierText: string): string | null {
  // "we build upon vec2vec, a procedure …": the object of a preposition is prior work, not the contribution.
  if (PREPOSITIONS.has(object.split(" ", 1)[0]!.toLowerCase())) return null;
  const { phrase, hadDeterminer } = stripDeterminer(object);
  const name = readName(phrase, true);
  if (name !== null) {
    if (!hadDeterminer) return composeNameFirst(name);
    // "presents a ScheduleMe, a multi-agent calendar assistant": a coined name despite the article.
    if (isCoinedName(name.name.split(" ")[0]!) && APPOSITIVE.test(name.after)) return composeNameFirst(name);
  }
  return nameBeforeHeadNoun(phrase, earlierText) ?? nameAfterDescription(phrase, earlierText);
}

/** "the LMILAtt model, which …": a coined name used as a modifier of a plain head noun. */
const NAME_THEN_NOUN =
  /^([\p{L}\p{N}][\p{L}\p{N}+_-]*)((?:\s[a-z][\w-]*){1,2})(?=$|[,.;:]|\s(?:that|which|to|for|with|based|using|via|in|on)\b)/u;

function nameBeforeHeadNoun(phrase: string, earlierText: string): string | null {
  const match = NAME_THEN_NOUN.exec(phrase);
  if (!match) return null;
  const name = match[1]!;
  if (!isCoinedName(name) || isGenericAcronym(name) || earlierText.includes(name)) return null;
  return composeNameFirst({ name: `${name}${match[2]!}`, after: phrase.slice(match[0].length) });
}

/** Renders a name followed by what the sentence says about it. */
function composeNameFirst({ name, after: rawAfter }: Name): string {
  // "ProRAC (Progression-based Reasoning about …), a …": the expansion is dropped, the appositive kept.
  const after = rawAfter.replace(/^\s?\([^()]*\)/, "");
  const appositive = APPOSITIVE.exec(after);
  if (appositive) return joinNameAndDescription(name, after.slice(appositive[0].length));
  const relative = /^,\s*(which|that)\s+/i.exec(after);
  if (relative) {
    const clause = clauseUntilStop(` ${after.slice(relative[0].length)}`).trim();
    return clause === "" ? name : `${name}, ${relative[1]!.toLowerCase()} ${clause}`;
  }
  if (/^\s(?:for|to|that|which|with|via|based|using)\b/i.test(after))
    return `${name}${clauseUntilStop(after)}`;
  return name;
}

/** ", a …", " - a …", ": the …", " as a …" — an appositive that describes the name. */
const APPOSITIVE =
  /^(?:\s*,\s*|\s*[-–—:]\s*|\s+as\s+)(?:(?:a|an|the|one|two|three|our)\s+)(?:(?:novel|new|simple|innovative|effective|powerful|elegant|principled|straightforward|versatile|generic|general)(?:\s*,\s*|\s+(?:yet|and|but)\s+|\s+))*/i;

/** `(called|named|dubbed|termed|namely) X` right after a description. */
export const CALLED =
  /(?:,\s*)?(?:\bcollectively\s+)?\b(?:called|named|dubbed|termed|coined|namely|(?:(?:which|that)\s+)?we\s+(?:call|name|dub|term)(?:\s+(?:it|this|them))?)\s+(?:the\s+)?/;

function nameAfterDescription(phrase: string, earlierText: string): string | null {
  const cut = clauseUntilStop(` ${phrase}`).trim();
  // "a Y, X, …" / "a Y called X"
  const called = CALLED.exec(cut);
  const comma = cut.indexOf(", ");
  const nameStart = called ? called.index : comma;
  if (nameStart > 0) {
    const description = cut.slice(0, nameStart);
    const nameText = called ? cut.slice(called.index + called[0].length) : cut.slice(comma + 2);
    const name = readName(nameText, true, called !== null);
    if (name !== null && (called !== null || isAppositiveName(description, name))) {
      return joinNameAndDescription(name.name, description);
    }
  }
  return nameFromDescriptionAcronym(phrase, earlierText) ?? nameAtEndOfDescription(phrase, earlierText);
}

/**
 * "a unified protein language model, xTrimoPGLM, to …" names the model; "an encoder that integrates
 * CNNs, Transformers, and …" is a list. The description must be a short plain noun phrase and the name
 * must not be followed by "and"/"or".
 */
function isAppositiveName(description: string, name: Name): boolean {
  const words = description.split(" ");
  if (words.length > 8 || /\b(?:that|which|where|with|featuring|including|and|or)\b/.test(description))
    return false;
  if (/^,?\s*(?:and|or)\b/.test(name.after)) return false;
  if (isCoinedName(name.name.split(" ")[0]!)) return true;
  return /^(?:$|[,.;])/.test(name.after) && !/ly$/.test(name.name);
}

/** `a Title Case Phrase (ACR) …`, `a method for Title Case Words (ACR)`, `a lowercase approach (ACR)`. */
function nameFromDescriptionAcronym(phrase: string, earlierText: string): string | null {
  const open = phrase.indexOf("(");
  if (open <= 0 || open > 110) return null;
  const close = phrase.indexOf(")", open);
  if (close < 0) return null;
  const acronym = phrase.slice(open + 1, close).trim();
  if (!isAcronym(acronym) || earlierText.includes(acronym)) return null;
  const description = phrase.slice(0, open).trim();
  const words = description.split(" ");
  if (words.length > 12 || /[,;:]/.test(description)) return null;
  const rest = phrase.slice(close + 1);
  const titleTail = trailingTitleWords(words);
  if (titleTail === words.length) {
    return `${description} (${acronym})${continuationOfNounPhrase(rest)}`;
  }
  // "a method for Automated Insights and Data Exploration (AIDE)": a short lower-case head, then the name.
  if (titleTail >= 2 && words.length - titleTail <= 3)
    return `${description} (${acronym})${clauseUntilStop(rest)}`;
  if (words.some((word) => PREPOSITIONS.has(word))) return null; // "(MOT)" names "tracking" in "a method for tracking"
  const appositive = APPOSITIVE.exec(rest);
  if (appositive) return joinNameAndDescription(acronym, rest.slice(appositive[0].length));
  return joinNameAndDescription(acronym, `${description}${clauseUntilStop(rest)}`);
}

const PREPOSITIONS = wordSet("for of in on upon onto into about at with to from by via under over across");

/** How many words at the end are capitalised (connectors inside allowed). */
function trailingTitleWords(words: readonly string[]): number {
  let count = 0;
  for (let i = words.length - 1; i >= 0; i--) {
    const word = words[i]!;
    if (isCapitalised(word) || isCoinedName(word)) count = words.length - i;
    else if (!NAME_CONNECTORS.has(word)) break;
  }
  return count;
}

/** Lower-case nouns right after the acronym ("(HDR) mechanism") belong to the headline. */
function continuationOfNounPhrase(rest: string): string {
  const nouns =
    /^(?:\s[a-z][\w-]*){1,3}(?=$|[,.;:]|\s(?:that|which|to|for|with|based|using|via|in|on|and)\b)/.exec(rest);
  return nouns ? nouns[0] : clauseUntilStop(rest);
}

/** `an end-to-end reinforcement learning framework FoldGRPO with …`. */
const DESCRIPTION_THEN_NAME =
  /^((?:[\p{L}\p{N}][\w-]*\s+){1,8}?)([\p{L}\p{N}][\p{L}\p{N}+_-]*)(?=$|[,.;:]|\s(?:with|for|to|that|which|and|in|on|based|using|via|as)\b)/u;

function nameAtEndOfDescription(phrase: string, earlierText: string): string | null {
  const match = DESCRIPTION_THEN_NAME.exec(phrase);
  if (!match) return null;
  const name = match[2]!;
  if (!isCoinedName(name) || isGenericAcronym(name) || earlierText.includes(name)) return null;
  const words = match[1]!.trim().split(" ");
  // The description is plain lower-case words, field acronyms allowed ("an RL framework NavRL").
  if (words.some((word) => PREPOSITIONS.has(word) || !(/^[a-z]/.test(word) || isGenericAcronym(word))))
    return null;
  return joinNameAndDescription(name, match[1]!);
}
