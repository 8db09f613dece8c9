/**
 * A short readable headline for records that arrive without a title, derived from the abstract alone.
 *
 * Rules, first match wins (docs/headline.md has the reasoning and examples):
 *   1. Named system: "we propose X, a Y" → "X: Y"; also "a Y called/named/dubbed X", "a Y, X, …",
 *      "a Title Case Y (ACR)", "X, a Y, is …", "X is a Y" (first sentence).
 *   2. Key sentence: the first "we propose/present/show/study …" sentence, lead-in stripped
 *      ("We propose a method for X" → "Method for X", "We study X" → "Studying X", "we show that X" → "X").
 *   3. First sentence.
 * Every result is cut to HEADLINE_MAX_LENGTH at a clause or word boundary, with "…" when cut.
 *
 * Pure string work with module-level regexes; no natural-language library is small enough for a Worker
 * and these few grammatical patterns cover how abstracts announce their contribution.
 */

import { latexToPlain } from "./latex-plain";

export const HEADLINE_MAX_LENGTH = 100;

/** Derives a headline (≤ 100 chars, never empty for a non-empty abstract). Never throws. */
export function deriveHeadline(abstract: string): string {
  try {
    return derive(abstract);
  } catch {
    return finish(stripMarkup(abstract)) || FALLBACK_HEADLINE;
  }
}

const FALLBACK_HEADLINE = "Untitled";

function derive(abstract: string): string {
  const text = prepareText(abstract);
  if (text === "") return abstract.trim() === "" ? "" : FALLBACK_HEADLINE;
  const sentences = splitSentences(text);
  const named = findNamedSystem(sentences);
  const body = named ?? findKeySentence(sentences) ?? describeFirstSentence(sentences);
  return finish(body) || finish(text) || FALLBACK_HEADLINE;
}

/** Why a headline came out as it did; used by tests and the quality report. */
export type HeadlineRule = "named-system" | "key-sentence" | "first-sentence" | "empty";

/** The rule that `deriveHeadline` applied to this abstract (same logic, no headline text). */
export function headlineRule(abstract: string): HeadlineRule {
  const text = prepareText(abstract);
  if (text === "") return "empty";
  const sentences = splitSentences(text);
  if (findNamedSystem(sentences) !== null) return "named-system";
  if (findKeySentence(sentences) !== null) return "key-sentence";
  return "first-sentence";
}

// ---------------------------------------------------------------------------------------------------------
// Text preparation and sentences

const URL_IN_TEXT = /\b(?:https?:\/\/|www\.)\S+/gi;
const LEADING_LABEL =
  /^(?:abstract|summary|background|context|motivation|purpose|objectives?|introduction|aims?)\s*[:.—–-]\s*/i;

/** Plain text on one line: LaTeX rendered, URLs and stray markup removed, whitespace collapsed. */
function prepareText(abstract: string): string {
  return stripMarkup(latexToPlain(abstract)).replace(LEADING_LABEL, "").replace(BROKEN_HYPHENATION, "$1$2");
}

/** PDF-extraction hyphenation ("iter- ative"); "pre- and post-training" keeps its hyphen. */
const BROKEN_HYPHENATION = /(\p{Ll})- (?!(?:and|or|nor|to|vs|versus|as)\b)(\p{Ll})/gu;

function stripMarkup(text: string): string {
  return text
    .replace(URL_IN_TEXT, "")
    .replace(/[$\\{}]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Words whose trailing dot does not end a sentence. */
const ABBREVIATIONS = new Set([
  "e.g",
  "i.e",
  "al",
  "etc",
  "vs",
  "cf",
  "fig",
  "figs",
  "eq",
  "eqs",
  "ref",
  "refs",
  "sec",
  "no",
  "vol",
  "pp",
  "approx",
  "resp",
  "dr",
  "prof",
  "mr",
  "ms",
  "inc",
  "ltd",
  "ca",
  "viz",
  "st",
]);

/** A full stop, question or exclamation mark (maybe closing a quote) before a capitalised word. */
const SENTENCE_END = /[.!?]["”’')\]]*\s+(?=["“‘(\[]?[\p{Lu}\p{N}])/gu;
const WORD_BEFORE_DOT = /([\p{L}.]+)\.["”’')\]]*$/u;

function splitSentences(text: string): string[] {
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

// ---------------------------------------------------------------------------------------------------------
// Verbs: how abstracts announce what they did

type VerbKind =
  /** The object is the contribution itself ("we propose a method …"). */
  | "object"
  /** Usually followed by a "that" clause ("we show that …"). */
  | "claim"
  /** An activity, rendered as a gerund ("we study X" → "Studying X"). */
  | "activity";

type VerbInfo = { readonly kind: VerbKind; readonly gerund: string };

/** base form, gerund, kind; inflected forms are generated below (plus a few irregular ones). */
const VERB_TABLE: ReadonlyArray<readonly [string, string, VerbKind]> = [
  ["propose", "proposing", "object"],
  ["present", "presenting", "object"],
  ["introduce", "introducing", "object"],
  ["develop", "developing", "object"],
  ["design", "designing", "object"],
  ["build", "building", "object"],
  ["construct", "constructing", "object"],
  ["create", "creating", "object"],
  ["describe", "describing", "object"],
  ["release", "releasing", "object"],
  ["offer", "offering", "object"],
  ["provide", "providing", "object"],
  ["report", "reporting", "object"],
  ["devise", "devising", "object"],
  ["unveil", "unveiling", "object"],
  ["curate", "curating", "object"],
  ["contribute", "contributing", "object"],
  ["show", "showing", "claim"],
  ["demonstrate", "demonstrating", "claim"],
  ["find", "finding", "claim"],
  ["prove", "proving", "claim"],
  ["argue", "arguing", "claim"],
  ["observe", "observing", "claim"],
  ["reveal", "revealing", "claim"],
  ["establish", "establishing", "claim"],
  ["confirm", "confirming", "claim"],
  ["conclude", "concluding", "claim"],
  ["suggest", "suggesting", "claim"],
  ["hypothesize", "hypothesizing", "claim"],
  ["predict", "predicting", "claim"],
  ["discover", "discovering", "claim"],
  ["study", "studying", "activity"],
  ["investigate", "investigating", "activity"],
  ["explore", "exploring", "activity"],
  ["examine", "examining", "activity"],
  ["analyze", "analyzing", "activity"],
  ["analyse", "analysing", "activity"],
  ["consider", "considering", "activity"],
  ["address", "addressing", "activity"],
  ["tackle", "tackling", "activity"],
  ["exploit", "exploiting", "activity"],
  ["leverage", "leveraging", "activity"],
  ["revisit", "revisiting", "activity"],
  ["rethink", "rethinking", "activity"],
  ["extend", "extending", "activity"],
  ["generalize", "generalizing", "activity"],
  ["benchmark", "benchmarking", "activity"],
  ["characterize", "characterizing", "activity"],
  ["characterise", "characterising", "activity"],
  ["quantify", "quantifying", "activity"],
  ["derive", "deriving", "activity"],
  ["compute", "computing", "activity"],
  ["calculate", "calculating", "activity"],
  ["simulate", "simulating", "activity"],
  ["model", "modeling", "activity"],
  ["measure", "measuring", "activity"],
  ["estimate", "estimating", "activity"],
  ["formulate", "formulating", "activity"],
  ["reformulate", "reformulating", "activity"],
  ["identify", "identifying", "activity"],
  ["classify", "classifying", "activity"],
  ["solve", "solving", "activity"],
  ["apply", "applying", "activity"],
  ["employ", "employing", "activity"],
  ["use", "using", "activity"],
  ["adopt", "adopting", "activity"],
  ["combine", "combining", "activity"],
  ["integrate", "integrating", "activity"],
  ["unify", "unifying", "activity"],
  ["implement", "implementing", "activity"],
  ["train", "training", "activity"],
  ["fine-tune", "fine-tuning", "activity"],
  ["evaluate", "evaluating", "activity"],
  ["assess", "assessing", "activity"],
  ["compare", "comparing", "activity"],
  ["test", "testing", "activity"],
  ["probe", "probing", "activity"],
  ["uncover", "uncovering", "activity"],
  ["survey", "surveying", "activity"],
  ["review", "reviewing", "activity"],
  ["discuss", "discussing", "activity"],
  ["explain", "explaining", "activity"],
  ["determine", "determining", "activity"],
  ["obtain", "obtaining", "activity"],
  ["detect", "detecting", "activity"],
  ["track", "tracking", "activity"],
  ["map", "mapping", "activity"],
  ["bridge", "bridging", "activity"],
  ["connect", "connecting", "activity"],
  ["relate", "relating", "activity"],
  ["focus", "focusing", "activity"],
  ["aim", "aiming", "activity"],
  ["seek", "seeking", "activity"],
  ["perform", "performing", "activity"],
  ["conduct", "conducting", "activity"],
  ["improve", "improving", "activity"],
  ["enhance", "enhancing", "activity"],
  ["accelerate", "accelerating", "activity"],
  ["optimize", "optimizing", "activity"],
  ["reduce", "reducing", "activity"],
  ["mitigate", "mitigating", "activity"],
  ["enable", "enabling", "activity"],
  ["learn", "learning", "activity"],
  ["infer", "inferring", "activity"],
  ["recast", "recasting", "activity"],
  ["frame", "framing", "activity"],
  ["interpret", "interpreting", "activity"],
  ["assemble", "assembling", "activity"],
  ["collect", "collecting", "activity"],
  ["compile", "compiling", "activity"],
  ["fit", "fitting", "activity"],
  ["search", "searching", "activity"],
];

const IRREGULAR_FORMS: Readonly<Record<string, string>> = {
  built: "build",
  found: "find",
  shown: "show",
  proven: "prove",
  sought: "seek",
  fit: "fit",
};

/** Every inflected form (propose, proposes, proposed) → its verb info; the first listing of a base wins. */
const VERBS: ReadonlyMap<string, VerbInfo> = buildVerbIndex();

function buildVerbIndex(): Map<string, VerbInfo> {
  const index = new Map<string, VerbInfo>();
  for (const [base, gerund, kind] of VERB_TABLE) {
    const info: VerbInfo = { kind, gerund };
    for (const form of [base, thirdPerson(base), pastTense(base)]) if (!index.has(form)) index.set(form, info);
  }
  for (const [form, base] of Object.entries(IRREGULAR_FORMS)) {
    const info = index.get(base);
    if (info && !index.has(form)) index.set(form, info);
  }
  return index;
}

function thirdPerson(verb: string): string {
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ies`;
  if (/(?:s|sh|ch|x|z)$/.test(verb)) return `${verb}es`;
  return `${verb}s`;
}

function pastTense(verb: string): string {
  if (verb.endsWith("e")) return `${verb}d`;
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ied`;
  if (verb === "map") return "mapped";
  return `${verb}ed`;
}

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
const SECONDARY =
  /\b(?:also|further|furthermore|additionally|moreover|finally|lastly|besides|second(?:ly)?|third(?:ly)?|in addition)\b/i;

type VerbClause = { readonly verb: VerbInfo; readonly object: string; readonly secondary: boolean };

/** "we present and benchmark X": the second verb is skipped so the object is X. */
const LEADING_CONJOINED_VERB = /^and\s+([a-z][a-z-]*)\s+/i;

/** All subject–verb clauses in a sentence whose verb is known, in order. */
function verbClauses(sentence: string): VerbClause[] {
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
function verbClausesWithConjoined(sentence: string): VerbClause[] {
  const clauses = verbClauses(sentence);
  SUBJECT_VERB.lastIndex = 0;
  const subject = SUBJECT_VERB.exec(sentence);
  if (subject === null) return clauses;
  const conjoined = conjoinedObjectClause(sentence.slice(subject.index + subject[0].length), SECONDARY.test(sentence.slice(0, subject.index)));
  if (conjoined !== null && !clauses.some((clause) => clause.object === conjoined.object)) clauses.push(conjoined);
  return clauses;
}

/** "…, and propose Y", "… and introduce Y": a second verb sharing the subject. */
const CONJOINED_VERB = /(?:,\s*|\s)and\s+(?:(?:then|also|further|[a-z]+ly)\s+)?([a-z][a-z-]*)\b\s*/gi;

function conjoinedObjectClause(object: string, secondary: boolean): VerbClause | null {
  CONJOINED_VERB.lastIndex = 0;
  for (let match = CONJOINED_VERB.exec(object); match !== null; match = CONJOINED_VERB.exec(object)) {
    const verb = VERBS.get(match[1]!.toLowerCase());
    if (verb?.kind === "object") {
      return { verb, object: object.slice(match.index + match[0].length).trim(), secondary };
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Rule 1: named systems

/** Field-wide acronyms that name a kind of thing, not the paper's system. */
const GENERIC_ACRONYMS = new Set(
  (
    "AI ML DL RL NLP CV LLM LM VLM MLLM LVLM VLA CNN RNN GNN DNN GAN MLP RAG QA VQA SFT RLHF RLVR GRPO PPO DPO " +
    "COT KV MOE VIT SOTA IOT GPU CPU TPU API UAV SNN ASR TTS OCR NER MT NMT SLAM IR AR VR XR EHR MRI CT ECG EEG " +
    "FMRI DFT MD QCD CMB AGN GW SNR MSE RMSE MAE AUC BLEU FLOPS LIDAR RGB RGB-D DRL MARL MDP POMDP PDE ODE SDE " +
    "FEM SVM PCA KNN HMM VAE GPT BERT LORA NERF 3DGS"
  ).split(" "),
);

function isGenericAcronym(token: string): boolean {
  const upper = token.toUpperCase();
  return GENERIC_ACRONYMS.has(upper) || (upper.endsWith("S") && GENERIC_ACRONYMS.has(upper.slice(0, -1)));
}

const NAME_CONNECTORS = new Set(["of", "for", "and", "with", "on", "in", "the", "to", "via", "from", "by", "&"]);

/** Looks like a coined name: an internal capital (MoMa, DMT, xTrimoPGLM) or letters with digits (Open-o3). */
function isCoinedName(token: string): boolean {
  const word = token.replace(/[.'’]+$/, "");
  if (word.length < 2) return false;
  if (/^\p{L}/u.test(word) && /\p{Lu}/u.test(word.slice(1))) return true;
  return /\p{L}/u.test(word) && /\p{N}/u.test(word);
}

function isCapitalised(token: string): boolean {
  return /^\p{Lu}/u.test(token) && token.length > 1;
}

type Name = { readonly name: string; readonly after: string };

/** Quoted name: `"cyclic ablation," an iterative method`. */
const QUOTED_NAME = /^["“‘']([^"“”‘’']{2,60}?)([,.]?)["”’']/;

/**
 * A name at the start of `text`: a quoted phrase, a phrase with its acronym (`Disaggregated Multi-Tower
 * (DMT)`), or a run of coined/capitalised words joined by connectors (`Bayesian Class Adaptation`).
 */
function readName(text: string, requireTerminator: boolean, lowercaseWithAcronym = false): Name | null {
  const quoted = QUOTED_NAME.exec(text);
  if (quoted) {
    const words = quoted[1]!.trim().split(" ");
    if (words.length > 6) return null;
    const after = `${quoted[2] === "," ? "," : ""}${text.slice(quoted[0].length)}`;
    return withFollowingAcronym({ name: quoted[1]!.trim(), after });
  }
  const acronymName = readAcronymName(text, lowercaseWithAcronym);
  if (acronymName !== null) return acronymName;
  const run = readNameRun(text);
  if (run === null) return null;
  const named = withFollowingAcronym(run);
  return requireTerminator && !NAME_TERMINATOR.test(named.after) ? null : named;
}

/** `"Prompt-and-Align" (P&A), a …`: an acronym right after the name belongs to it. */
function withFollowingAcronym(name: Name): Name {
  const acronym = /^\s?\(([^()\s]{1,20})\)/.exec(name.after);
  if (!acronym || !isAcronym(acronym[1]!)) return name;
  return { name: `${name.name} (${acronym[1]!})`, after: name.after.slice(acronym[0].length) };
}

/** `Phrase (ACR)` where the phrase starts with a capitalised or coined word and has no clause breaks. */
function readAcronymName(text: string, lowercaseAllowed: boolean): Name | null {
  const open = text.indexOf("(");
  if (open <= 0 || open > 90) return null;
  const phrase = text.slice(0, open).trim();
  const words = phrase.split(" ");
  if (words.length > 10 || /[,;:]/.test(phrase)) return null;
  const first = words[0]!;
  if (!lowercaseAllowed && !isCapitalised(first) && !isCoinedName(first)) return null;
  const close = text.indexOf(")", open);
  if (close < 0) return null;
  const acronym = text.slice(open + 1, close).trim();
  if (!isAcronym(acronym)) return null;
  return { name: `${phrase} (${acronym})`, after: text.slice(close + 1) };
}

function isAcronym(text: string): boolean {
  return /^[^\s()]{2,20}$/.test(text) && /\p{Lu}/u.test(text) && !/^\d+$/.test(text) && !isGenericAcronym(text);
}

/** What may follow a name: the end, punctuation, an appositive dash, or a preposition/relative word. */
const NAME_TERMINATOR =
  /^(?:$|[,.;:]|\s?\(|\s[-–—]\s|\s(?:as|for|to|that|which|with|in|on|and|via|based|using|is|achieves)\b)/;

const TOKEN_AT = /[\p{L}\p{N}][\p{L}\p{N}+_'’&./-]*/uy;

/** "BLiSS 1.0", "Foo v2": a version number continues a name. */
const VERSION = /^v?\d+(?:\.\d+)*$/;

function readNameRun(text: string): Name | null {
  const tokens: string[] = [];
  let pendingConnectors: string[] = [];
  let scan = 0;
  let end = 0;
  for (let i = 0; i < 10; i++) {
    TOKEN_AT.lastIndex = scan;
    const match = TOKEN_AT.exec(text);
    if (!match) break;
    const token = match[0].replace(/[.'’]+$/, "");
    if (isCoinedName(token) || isCapitalised(token) || (tokens.length > 0 && VERSION.test(token))) {
      tokens.push(...pendingConnectors, token);
      pendingConnectors = [];
      end = scan + token.length;
    } else if (tokens.length > 0 && NAME_CONNECTORS.has(token)) {
      pendingConnectors.push(token);
    } else {
      break;
    }
    const next = scan + match[0].length;
    if (text[next] !== " ") break;
    scan = next + 1;
  }
  if (tokens.length === 0) return null;
  const name = text.slice(0, end);
  if (tokens.length === 1 && (isGenericAcronym(name) || /ly$/.test(name))) return null;
  return { name, after: text.slice(end) };
}

/** a/an/the/our (+ filler adjectives such as novel, new, simple) at the start of a noun phrase. */
const DETERMINER = /^(?:a|an|the|our|this|these|two|three|four|several|one)\s+/i;
const FILLERS =
  /^(?:(?:novel|new|simple|innovative|effective|powerful|elegant|principled|straightforward|versatile|generic|general|remarkable|first-of-its-kind)(?:\s*,\s*|\s+(?:yet|and|but)\s+|\s+))+/i;

function stripDeterminer(phrase: string): { phrase: string; hadDeterminer: boolean } {
  const withoutDeterminer = phrase.replace(DETERMINER, "");
  const hadDeterminer = withoutDeterminer.length !== phrase.length;
  return { phrase: withoutDeterminer.replace(FILLERS, ""), hadDeterminer };
}

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

type Candidate = { readonly text: string; readonly secondary: boolean };

function findNamedSystem(sentences: readonly string[]): string | null {
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

/** After "we propose": a name first (`X, a Y`) or a description first (`a Y, X`, `a Y (ACR)`, `a Y X`). */
function nameFromObject(object: string, earlierText: string): string | null {
  const { phrase, hadDeterminer } = stripDeterminer(object);
  if (!hadDeterminer) {
    const name = readName(phrase, true);
    if (name !== null) return composeNameFirst(name);
  }
  return nameAfterDescription(phrase, earlierText);
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
  if (/^\s(?:for|to|that|which|with|via|based|using)\b/i.test(after)) return `${name}${clauseUntilStop(after)}`;
  return name;
}

/** ", a …", " - a …", ": the …", " as a …" — an appositive that describes the name. */
const APPOSITIVE =
  /^(?:\s*,\s*|\s*[-–—:]\s*|\s+as\s+)(?:(?:a|an|the|one|two|three|our)\s+)(?:(?:novel|new|simple|innovative|effective|powerful|elegant|principled|straightforward|versatile|generic|general)(?:\s*,\s*|\s+(?:yet|and|but)\s+|\s+))*/i;

function joinNameAndDescription(name: string, description: string): string {
  const cleaned = tidyDescription(description);
  return cleaned === "" ? name : `${name}: ${cleaned}`;
}

/** `(called|named|dubbed|termed|namely) X` right after a description. */
const CALLED =
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
  if (words.length > 8 || /\b(?:that|which|where|with|featuring|including|and|or)\b/.test(description)) return false;
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
  if (titleTail >= 2 && words.length - titleTail <= 3) return `${description} (${acronym})${clauseUntilStop(rest)}`;
  if (words.some((word) => PREPOSITIONS.has(word))) return null; // "(MOT)" names "tracking" in "a method for tracking"
  const appositive = APPOSITIVE.exec(rest);
  if (appositive) return joinNameAndDescription(acronym, rest.slice(appositive[0].length));
  return joinNameAndDescription(acronym, `${description}${clauseUntilStop(rest)}`);
}

const PREPOSITIONS = new Set(["for", "of", "in", "on", "with", "to", "from", "by", "via", "under", "over", "across"]);

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
  const nouns = /^(?:\s[a-z][\w-]*){1,3}(?=$|[,.;:]|\s(?:that|which|to|for|with|based|using|via|in|on|and)\b)/.exec(rest);
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
  if (words.some((word) => PREPOSITIONS.has(word) || !(/^[a-z]/.test(word) || isGenericAcronym(word)))) return null;
  return joinNameAndDescription(name, match[1]!);
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
  if (name === null || !(isCoinedName(name.name.split(" ")[0]!) || isCapitalised(name.name) || name.name.endsWith(")"))) {
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
const SENTENCE_OPENERS = new Set(["However", "Recently", "Here", "Herein", "Finally", "Moreover", "Furthermore", "Additionally", "Specifically", "First", "Second", "Third", "Then", "Thus", "Therefore", "Notably", "Importantly", "Overall", "Today", "Currently", "Traditionally", "Yet", "Still", "Instead", "Meanwhile", "Consequently", "Hence", "Unfortunately", "Typically", "Similarly"]);

function nameFromLeadingAppositive(sentence: string): string | null {
  const match = LEADING_APPOSITIVE.exec(sentence);
  if (!match) return null;
  const name = readName(match[1]!, false);
  if (name === null || name.after.trim() !== "" || SENTENCE_OPENERS.has(name.name)) return null;
  if (!isCoinedName(name.name.split(" ")[0]!) && name.name.split(" ").length < 2 && !name.name.includes("(")) {
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

// ---------------------------------------------------------------------------------------------------------
// Rule 2: the key sentence

/** "Here, a method is demonstrated to …" — passive announcement with a fronted lead-in. */
const PASSIVE_ANNOUNCEMENT =
  /^(?:(?:here(?:in)?|in this (?:paper|work|letter|study|article|report)),?\s+((?:a|an|the)\s+.{3,120}?)|((?:A|An)\s+.{3,120}?))\s+(?:is|are)\s+(?:proposed|presented|introduced|developed|demonstrated|reported|described|designed|studied|investigated|explored|derived)\b\s*(.*)$/i;

function findKeySentence(sentences: readonly string[]): string | null {
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
  if (verb.kind === "object") return tidyDescription(stripDeterminer(object.replace(/^(?:on|upon)\s+/i, "")).phrase);
  return `${verb.gerund} ${gerundiseConjoinedVerb(clauseUntilStop(` ${object}`).trim())}`;
}

/** "the X and propose a Y" → "the X and proposing a Y", so a gerund headline stays grammatical. */
const CONJOINED_VERB_BEFORE_OBJECT = /\band\s+([a-z][a-z-]*)(?=\s+(?:a|an|the|our|its|their|new|novel|that|how|whether)\b)/i;

function gerundiseConjoinedVerb(text: string): string {
  return text.replace(CONJOINED_VERB_BEFORE_OBJECT, (all, word: string) => {
    const verb = VERBS.get(word);
    return verb ? `and ${verb.gerund}` : all;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Rule 3: the first sentence

function describeFirstSentence(sentences: readonly string[]): string {
  return sentences[0] ?? "";
}

// ---------------------------------------------------------------------------------------------------------
// Trimming descriptions and headlines

/** Where a description's first clause ends: a relative clause, a participle, an enumeration, a colon. */
const CLAUSE_STOP_ALL = new RegExp(
  [
    String.raw`,\s*(?:which|that|where|while|whereas|whose|thereby|thus|hence|so that|and (?:we|it|they|our|then|also|thus|further|[a-z]+ly)\b|but|(?:[a-z]+ly\s+)?[a-z]+ing\b|(?:[a-z]+ly\s+)?(?:[a-z]+ed|built|driven)\s+(?:from|on|by|for|to|with|in|upon|using|via|through|into|at|as|under)\b)`,
    String.raw`;`,
    String.raw`:\s`,
    String.raw`\s[–—-]\s`,
    String.raw`\s(?:\(|\[)?(?:1|i|a)\)\s`,
    String.raw`\s(?:consisting of|comprising|that consists? of|which consists? of)\s`,
    String.raw`[.!?]$`,
  ].join("|"),
  "gi",
);

/** "for representing, storing, and reusing": a participle after another one continues a list. */
const LISTED_PARTICIPLE = /^,\s*(?:and\s+|or\s+)?[a-z]+(?:ing|ed)\b/i;
const ENDS_WITH_PARTICIPLE = /[a-z]+(?:ing|ed)$/i;

/** The text up to the first clause stop (leading space preserved so callers can append it). */
function clauseUntilStop(text: string): string {
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
const CONJOINED_VERB_STOP = /,?\s+and\s+(?:then\s+)?([a-z][a-z-]*)(?=\s+(?:a|an|the|it|them|this|these|that|our|how|whether)\b)/gi;

function cutAtConjoinedVerb(text: string): string {
  CONJOINED_VERB_STOP.lastIndex = 0;
  for (let match = CONJOINED_VERB_STOP.exec(text); match !== null; match = CONJOINED_VERB_STOP.exec(text)) {
    if (VERBS.has(match[1]!.toLowerCase())) return text.slice(0, match.index);
  }
  return text;
}

/** A description as a headline tail: first clause only, no parentheticals, "designed for" → "for". */
function tidyDescription(description: string): string {
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

/** Words a cut headline must not end on. */
const DANGLING_WORDS = new Set([
  "a",
  "an",
  "the",
  "and",
  "or",
  "of",
  "for",
  "to",
  "in",
  "on",
  "at",
  "by",
  "with",
  "via",
  "from",
  "into",
  "as",
  "that",
  "which",
  "where",
  "while",
  "whose",
  "is",
  "are",
  "be",
  "can",
  "its",
  "their",
  "our",
  "this",
  "these",
  "both",
  "such",
  "than",
  "using",
  "based",
  "consists",
  "consisting",
  "comprises",
  "comprising",
  "including",
  "between",
  "over",
  "under",
  "through",
  "across",
]);

/** Cut points that keep whole phrases; the ": " after a name is not one (it would drop the description). */
const CLAUSE_BOUNDARY = /[,;]\s|\s[–—]\s/g;

/** Final form: tidy spacing, no dangling brackets, capital first letter, at most 100 characters. */
function finish(body: string): string {
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
