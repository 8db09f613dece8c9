/**
 * A paper's TL;DR: the one sentence of its abstract that says what the paper does, cut to ~250 characters.
 *
 * Each sentence gets a score; the best one wins, ties to the earlier one. The score has two parts:
 *   1. its key terms (tldr-terms.ts): the sum, over the distinct words it shows, of how likely each word
 *      is a key term of the paper, judged from how the abstract uses it (recurs, defined as an acronym,
 *      capitalised, in a repeated phrase, right after the first "we propose", not generic vocabulary);
 *      this finds the sentence that names the topic among those that could be the TL;DR;
 *   2. its features, weighted (TLDR_WEIGHTS):
 *   + a contribution cue: "we propose/present/introduce …" (announce), "we study …", "here we …", "X is
 *     investigated" (activity), "we show that …", "it is shown that …" (claim, weighted down: it is
 *     more often a result than the contribution); more for the abstract's first cue, less when secondary
 *     ("we also …", "finally, …"); verbs.ts and clauses.ts know the verbs;
 *   + the opening sentence, unless it is background: older physics and math abstracts open with the result;
 *   + a closing claim ("Overall, …", "This work establishes …");
 *   − very short sentences ("Implications are discussed.").
 * Background and motivation ("X has become …", "In recent years …", "… remains a challenging problem",
 * "However, …") is a rule, not a weight: such a sentence is chosen only when every sentence is one.
 * The title is never used (papers may arrive without one). Both parts' weights were fitted together on
 * the tune half of bench/tldr.ts's corpora (daily-arXiv and older .abs papers; `--fit`) and are reported
 * on the held-out half.
 *
 * Pure string work, no I/O. The input is plain text (LaTeX already rendered) but stray `$…$` or `\cmd`
 * are tolerated and removed.
 */

import { verbClausesWithConjoined } from "./headline/clauses";
import { splitSentences, stripMarkup } from "./headline/sentences";
import { VERBS } from "./headline/verbs";
import { latexToPlain } from "./latex";
import { TERM_WEIGHTS, termScores } from "./tldr-terms";
import { wordSet } from "./word-set";

export const TLDR_MAX_CHARS = 250;

/** The TL;DR of a plain-text abstract: its contribution sentence, at most `maxChars` characters; "" for no text. */
export function tldr(abstractPlain: string, maxChars = TLDR_MAX_CHARS): string {
  const sentence = tldrSentence(abstractPlain, maxChars);
  return sentence === "" ? "" : cutAtWord(sentence, maxChars);
}

/** The chosen sentence, whole (before the cut to `maxChars`); "" for no text. */
export function tldrSentence(abstractPlain: string, maxChars = TLDR_MAX_CHARS): string {
  const sentences = tldrCandidates(abstractPlain);
  return sentences.length === 0 ? "" : sentences[bestSentence(sentences, maxChars)]!;
}

/** The sentences a TL;DR is chosen from: the abstract cleaned and split (a short text is one sentence). */
export function tldrCandidates(abstractPlain: string): string[] {
  const text = cleanText(abstractPlain);
  if (text === "") return [];
  const sentences = splitSentences(text);
  return sentences.length === 0 ? [text] : sentences;
}

// ---------------------------------------------------------------------------------------------------------
// Cleaning

const LEADING_LABEL =
  /^(?:abstract|summary|background|context|motivation|purpose|objectives?|introduction|aims?|tl;?dr)\s*[:.—–-]\s*/i;
/** PDF-extraction hyphenation ("iter- ative"); "pre- and post-training" keeps its hyphen. */
const BROKEN_HYPHENATION = /(\p{Ll})- (?!(?:and|or|nor|to|vs|versus|as)\b)(\p{Ll})/gu;

function cleanText(abstract: string): string {
  const rendered = /[\\$]/.test(abstract) ? latexToPlain(abstract) : abstract;
  return stripMarkup(rendered)
    .replace(/\s+([,.;:!?])/g, "$1")
    .replace(LEADING_LABEL, "")
    .replace(BROKEN_HYPHENATION, "$1$2");
}

// ---------------------------------------------------------------------------------------------------------
// Scoring

/** What the score looks at in one sentence (0/1 flags, except `topic`, `results` and `position`). */
export type SentenceFeatures = {
  /** "we propose X", "this paper presents X", "X is presented", "the aim of this paper is". */
  readonly announce: number;
  /** "we show that …", "we find …", "it is shown that …", "X is found to …". */
  readonly claim: number;
  /** "we study X", "X is investigated", "here we …". */
  readonly activity: number;
  /** The cue is secondary: "we also …", "finally, we …", "in particular, …". */
  readonly secondary: number;
  /** The earliest sentence with a cue. */
  readonly firstCue: number;
  /** The opening sentence, when it is not background. */
  readonly first: number;
  /** Sentence index (0 = opening). */
  readonly position: number;
  /** Distinct content words that recur in another sentence of the abstract. */
  readonly topic: number;
  /** Names (capitals after the first letter: "PatchVSR", "DDA") that recur in another sentence, at most 2. */
  readonly named: number;
  /** Background or motivation ("X has become …", "However, …"), without a cue: never chosen while another sentence is left. */
  readonly background: number;
  /** A closing claim of what the work amounts to: "Overall, …", "Our results …", "This work establishes …". */
  readonly conclusion: number;
  /** Result-list markers ("outperforms", "92.1%", "code is available"), 0 to 1. */
  readonly results: number;
  /** Fewer than five content words. */
  readonly short: number;
};

/** Background is a rule (chosen only when every sentence is background), not a weight. */
export type TldrWeights = { readonly [K in Exclude<keyof SentenceFeatures, "background">]: number } & {
  /** Recurring words beyond this many do not add to the score. */
  readonly topicCap: number;
};

/** Fitted on the tune split of bench/tldr.ts (`--fit`), with tldr-terms.ts's TERM_WEIGHTS. */
export const TLDR_WEIGHTS: TldrWeights = {
  announce: 0.99,
  claim: -1.09,
  activity: 0.15,
  secondary: -0.36,
  firstCue: 0.59,
  first: 0.91,
  position: -0.02,
  topic: 0.1,
  topicCap: 100,
  named: 0.02,
  conclusion: 0.52,
  results: -0.46,
  short: -1,
};

/** Index of the best sentence (earliest on ties); background only when every sentence is background. */
export function bestSentence(
  sentences: readonly string[],
  maxChars = TLDR_MAX_CHARS,
  w = TLDR_WEIGHTS,
  tw = TERM_WEIGHTS,
): number {
  const scores = tldrScores(sentences, maxChars, w, tw);
  let best = 0;
  let bestScore = Number.NEGATIVE_INFINITY;
  scores.forEach((score, index) => {
    if (score > bestScore) {
      best = index;
      bestScore = score;
    }
  });
  return best;
}

/** Each sentence's score: its key terms (tldr-terms.ts) plus its weighted features; background is −∞. */
export function tldrScores(
  sentences: readonly string[],
  maxChars = TLDR_MAX_CHARS,
  w = TLDR_WEIGHTS,
  tw = TERM_WEIGHTS,
): number[] {
  const features = tldrFeatures(sentences, maxChars);
  const firstCue = features.findIndex((f) => f.firstCue === 1);
  const shown = sentences.map((sentence) => cutAtWord(sentence, maxChars));
  const terms = termScores(sentences, shown, firstCue, tw);
  const onlyBackground = features.every((f) => f.background === 1);
  return features.map((f, index) =>
    f.background === 1 && !onlyBackground ? Number.NEGATIVE_INFINITY : terms[index]! + scoreSentence(f, w),
  );
}

export function scoreSentence(f: SentenceFeatures, w: TldrWeights): number {
  return (
    w.announce * f.announce +
    w.claim * f.claim +
    w.activity * f.activity +
    w.secondary * f.secondary +
    w.firstCue * f.firstCue +
    w.first * f.first +
    w.position * f.position +
    w.topic * Math.min(f.topic, w.topicCap) +
    w.named * f.named +
    w.conclusion * f.conclusion +
    w.results * f.results +
    w.short * f.short
  );
}

/** Features of every sentence; words past `maxChars` (cut off when shown) do not count. */
export function tldrFeatures(sentences: readonly string[], maxChars = TLDR_MAX_CHARS): SentenceFeatures[] {
  const words = sentences.map((sentence) => contentWords(sentence.slice(0, maxChars)));
  const sentencesWith = new Map<string, number>();
  for (const list of words)
    for (const word of list) sentencesWith.set(word, (sentencesWith.get(word) ?? 0) + 1);
  const names = sentences.map((sentence) => new Set(sentence.slice(0, maxChars).match(NAME) ?? []));
  const sentencesWithName = new Map<string, number>();
  for (const list of names)
    for (const name of list) sentencesWithName.set(name, (sentencesWithName.get(name) ?? 0) + 1);
  let cueSeen = false;
  return sentences.map((sentence, index) => {
    const cue = cues(sentence);
    const hasCue = cue.announce + cue.claim + cue.activity > 0;
    const background = !hasCue && BACKGROUND.test(sentence) ? 1 : 0;
    let topic = 0;
    for (const word of words[index]!) if (sentencesWith.get(word)! > 1) topic++;
    let named = 0;
    for (const name of names[index]!) if (sentencesWithName.get(name)! > 1) named++;
    const features: SentenceFeatures = {
      announce: cue.announce,
      claim: cue.claim,
      activity: cue.activity,
      secondary: hasCue && SECONDARY.test(sentence) ? 1 : 0,
      firstCue: hasCue && !cueSeen ? 1 : 0,
      first: index === 0 && background === 0 ? 1 : 0,
      position: index,
      topic,
      named: Math.min(named, 2),
      background,
      conclusion: CONCLUSION.test(sentence) ? 1 : 0,
      results: Math.min(sentence.match(RESULTS)?.length ?? 0, 3) / 3,
      short: words[index]!.size < 5 ? 1 : 0,
    };
    cueSeen ||= hasCue;
    return features;
  });
}

/** A name: a word with a capital after its first letter ("PatchVSR", "DDA", "GPT-4"). */
const NAME = /\b\p{L}[\p{Ll}\p{N}-]*\p{Lu}[\p{L}\p{N}-]*/gu;

/** "It is shown that", "it was found that": an impersonal claim. */
const IMPERSONAL_CLAIM =
  /\bit\s+(?:is|was)\s+(?:\w+ly\s+)?(?:shown|found|demonstrated|proved|proven|argued|established|observed|pointed out|suggested|conjectured|concluded)\b/i;
/** What an abstract calls itself: "this paper", "the present letter", "in this lecture". */
const SELF =
  "(?:paper|work|study|article|letter|note|thesis|manuscript|lecture|talk|review|chapter|contribution|report|survey|essay|dissertation|proceedings|communication|investigation|analysis)";
/** "The aim of this paper is", "This paper is devoted to", "The present study deals with". */
const ANNOUNCE_PHRASE = new RegExp(
  String.raw`\b(?:(?:aim|purpose|goal|objective|focus|subject|topic)s? of (?:this|the present|our) ${SELF}|(?:this|the present|our) ${SELF} (?:is|was) (?:devoted|dedicated|concerned|about|aimed|focused)|(?:this|the present|our) ${SELF} (?:deals|concerns|discusses|reviews|summari[sz]es|addresses|focuses|aims|is (?:a|an)\b))`,
  "i",
);
const HERE = new RegExp(String.raw`^(?:here(?:in)?|in (?:this|the present) ${SELF})\b`, "i");
/** "We treat …", "We are interested in …": the authors speak, even with a verb verbs.ts does not list. */
const WE_OPENING = /^(?:[^,]{0,40},\s*)?we\s+(?:\w+ly\s+)?(?!also\b)[a-z]/i;
/** "X is presented", "X are investigated", "X was found to": a passive contribution. */
const PASSIVE =
  /\b(?:is|are|was|were)\s+(?:(?:then|also|further|here|now|first|\w+ly)\s+)?([a-z]+(?:ed|wn|en|nd|lt|ght))\b(\s+to\b)?/gi;
const PASSIVE_NOT_A_CUE = new Set(["used", "based"]);

const SECONDARY =
  /^(?:[^,]{0,25}\b)?(?:also|further|finally|furthermore|additionally|moreover|lastly|in addition|besides|second(?:ly)?|third(?:ly)?|in particular|in conclusion|as an application|as a by-product)\b/i;

function cues(sentence: string): { announce: number; claim: number; activity: number } {
  const cue = { announce: 0, claim: 0, activity: 0 };
  for (const clause of verbClausesWithConjoined(sentence)) {
    if (/^that\b/i.test(clause.object) || clause.verb.kind === "claim") cue.claim = 1;
    else if (clause.verb.kind === "object") cue.announce = 1;
    else cue.activity = 1;
  }
  if (ANNOUNCE_PHRASE.test(sentence)) cue.announce = 1;
  if (IMPERSONAL_CLAIM.test(sentence)) cue.claim = 1;
  if (HERE.test(sentence) || WE_OPENING.test(sentence)) cue.activity = 1;
  PASSIVE.lastIndex = 0;
  for (let match = PASSIVE.exec(sentence); match !== null; match = PASSIVE.exec(sentence)) {
    const participle = match[1]!.toLowerCase();
    const verb = PASSIVE_NOT_A_CUE.has(participle) ? undefined : VERBS.get(participle);
    if (verb === undefined) continue;
    if (verb.kind === "claim" && match[2] !== undefined)
      cue.claim = 1; // "is shown to", "are found to"
    else if (verb.kind === "object") cue.announce = 1;
    else if (verb.kind === "activity") cue.activity = 1;
  }
  return cue;
}

/** Background and motivation: what the field knows or lacks, before the paper speaks (one pattern a line). */
const BACKGROUND = new RegExp(
  [
    // Openers: "However, …", "In recent years, …", "With the rapid growth of …", "As X improve, …".
    String.raw`^(?:however|but|yet|although|though|while|whereas|despite|unfortunately|nevertheless|nonetheless|traditionally|historically|typically|conventionally|currently|recently|nowadays|today|existing|current|conventional|prior|previous|past|most|many|as|since|due to|in recent (?:years|decades)|in the (?:past|last)|over the (?:past|last)|with the|the (?:success|rise|advent|emergence|growth|popularity|proliferation|remarkable|impressive|rapid|recent|increasing|growing)|recent (?:advances|advancements|progress|work|studies|developments|years|breakthroughs|success))\b`,
    // The state of the art: "X has become …", "X have shown remarkable …", "X has been widely studied".
    String.raw`\b(?:has|have)\s+(?:recently\s+|long\s+)?(?:been\s+)?(?:shown|demonstrated|become|emerged|gained|attracted|achieved|received|made|seen|enabled|revolutionized|transformed|garnered|drawn|proven|led)\b|\b(?:has|have)\s+been\s+(?:\w+ly|much|long)\s+(?:studied|investigated|proposed|used|adopted|explored|applied)\b`,
    String.raw`\b(?:show|shows|showed|hold|holds|offer|offers)\s+(?:great\s+|significant\s+|strong\s+|remarkable\s+|considerable\s+|much\s+)?(?:promise|potential)\b`,
    String.raw`\b(?:increasingly|remarkable|impressive|unprecedented|ubiquitous|widespread)\b`,
    // "X is essential / a key component / a fundamental challenge", "X remains underexplored".
    String.raw`\b(?:is|are|remains?|plays?|represents?)\s+(?:now\s+|still\s+|also\s+)?(?:an?\s+|the\s+)?(?:(?:open|long-standing|\w+ly)\s+)?(?:critical|crucial|essential|key|central|fundamental|vital|necessary|important|indispensable|pivotal|powerful|promising|popular|dominant|prevalent|challenging|difficult|notoriously|significant|major|growing)\b`,
    String.raw`\b(?:problem|challenge|task|question|bottleneck|barrier|obstacle)s?\s+(?:remains?|persists?)\b|\b(?:remains?|are|is)\s+(?:largely\s+|still\s+)?(?:unclear|unknown|elusive|limited|lacking|open|unexplored|underexplored|understudied|overlooked|unsolved|unresolved|scarce)\b`,
    String.raw`\b(?:poses?|presents?|faces?|raises?)\s+(?:an?\s+|the\s+)?(?:\w+\s+)?(?:challenges?|problems?|obstacles?|concerns?|difficult(?:y|ies)|risks?|questions?)\b`,
    String.raw`\b(?:suffer|struggle|fail|lack|falter)s?\b|\b(?:often|usually|typically|commonly|generally|frequently|heavily|mainly|largely|primarily)\s+(?:rel(?:y|ies)|require[sd]?|depends?|focus(?:es)?|use[sd]?|assumes?|treats?)\b`,
    String.raw`\b(?:is|are)\s+(?:now\s+)?(?:widely|commonly|extensively|often|frequently)\s+(?:used|adopted|deployed|studied|employed|applied)\b`,
  ].join("|"),
  "i",
);

const CONCLUSION = new RegExp(
  String.raw`^(?:overall|in summary|in conclusion|to summari[sz]e|together|taken together|collectively|these (?:results|findings)|our (?:results|findings|${SELF})|(?:this|the present) ${SELF} (?:establishes|provides|offers|opens|paves|highlights|demonstrates|shows|contributes|bridges|advances))\b`,
  "i",
);

const RESULTS =
  /\b(?:outperform\w*|surpass\w*|state-of-the-art|sota|achiev\w+|experiments?|extensive|benchmarks?|baselines?|ablations?|code|github|available at|accuracy|speedup)\b|\d(?:\.\d+)?\s?[%×]/gi;

// ---------------------------------------------------------------------------------------------------------
// Words

/** Function words and abstract boilerplate that say nothing about the topic. */
const STOP_WORDS = wordSet(
  "a an the and or nor but of for to in on at by with via from into onto as that this these those which who " +
    "whom whose what when where while than then there here it its they their them we our us i you he she his " +
    "her is are was were be been being has have had do does did can could may might must shall should will " +
    "would not no also such both each either neither all any some many more most much other another same " +
    "so thus hence however therefore moreover furthermore further only very well just between among over " +
    "under through across within without about against after before during up down out off above below " +
    "paper work study article letter approach method methods result results show shows shown propose " +
    "proposed present presented introduce introduced new novel based using use used one two three first " +
    "second how whether if because since however finally",
);

/** Lower-cased words that carry meaning: no stop words, no bare numbers, plurals folded ("models" → "model"). */
function contentWords(sentence: string): Set<string> {
  const words = new Set<string>();
  for (const raw of sentence.toLowerCase().match(WORD) ?? []) {
    if (raw.length < 2 || STOP_WORDS.has(raw) || DIGITS.test(raw)) continue;
    words.add(foldPlural(raw));
  }
  return words;
}

/** Letters and digits, with inner hyphens ("fine-tuning"); "model's" gives "model" and "s" (dropped). */
const WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;
const DIGITS = /^[\d-]+$/;

function foldPlural(word: string): string {
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith("s") && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

// ---------------------------------------------------------------------------------------------------------
// Cutting

/** Words a cut sentence must not end on. */
const DANGLING_WORDS = wordSet(
  "a an the and or of for to in on at by with via from into as that which where while whose is are be can " +
    "its their our this these both such than using based including between over under through across",
);

/** The sentence itself when it fits; else cut at the last word that fits (no dangling "of the"), plus "…". */
export function cutAtWord(sentence: string, maxChars: number): string {
  if (sentence.length <= maxChars) return sentence;
  const room = Math.max(1, maxChars - 1);
  const space = sentence.lastIndexOf(" ", room);
  let kept = sentence.slice(0, space >= room / 2 ? space : room).replace(/[\s,;:.–—-]+$/u, "");
  for (;;) {
    const last = kept.lastIndexOf(" ");
    if (last < room / 2 || !DANGLING_WORDS.has(kept.slice(last + 1).toLowerCase())) break;
    kept = kept.slice(0, last).replace(/[\s,;:.–—-]+$/u, "");
  }
  return `${kept}…`;
}
