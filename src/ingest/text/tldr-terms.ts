/**
 * Key terms of an abstract, for the TL;DR: how likely each of its words is to be one of the paper's key
 * terms (the words a title would use), from how the abstract uses the word, never from the word itself
 * (beyond a short list of generic academic vocabulary). A sentence's term score is the sum of the
 * likelihoods of its distinct words: the expected number of key terms it shows.
 *
 * Why: cue phrases ("we propose …") find where the contribution is stated, but often several sentences
 * qualify, and the one to show is the one that names the topic. Topic words recur through the abstract,
 * are defined as acronyms ("Large Language Models (LLMs)"), written with capitals or hyphens, appear in
 * repeated phrases ("spoken language models" twice) and right after the first "we propose".
 *
 * A word's likelihood is a logistic function of the features below (TERM_WEIGHTS), fitted on the tune
 * half of bench/tldr.ts's corpora together with the sentence weights in tldr.ts (`--fit`).
 *
 * Pure string work; words are lower-cased letters and digits, plurals folded ("models" → "model").
 */

import { wordSet } from "./word-set";

/** What a word's likelihood looks at (0/1 flags unless noted). */
export type TermFeatures = {
  /** Share of the abstract's sentences that contain the word (0 to 1). */
  readonly spread: number;
  /** ln(occurrences). */
  readonly logCount: number;
  /** In the opening sentence. */
  readonly inOpening: number;
  /** In the first sentence with a contribution cue (tldr.ts's `firstCue`). */
  readonly inFirstCue: number;
  /** Capitalised somewhere other than at a sentence's start ("Transformer", "Hubbard"). */
  readonly capitalised: number;
  /** Written in capitals somewhere ("LLM", "3D"). */
  readonly allCaps: number;
  /** Part of an acronym's expansion: "Large Language Models (LLMs)". */
  readonly acronymExpansion: number;
  /** Word length, up to 15 letters, divided by 15. */
  readonly length: number;
  /** Part of a hyphenated compound ("fine-tuning", "GPT-4"). */
  readonly hyphenated: number;
  /** In the closing sentence. */
  readonly inClosing: number;
  /** In one sentence only. */
  readonly once: number;
  /** In a two-word phrase that occurs at least twice ("language models … language models"). */
  readonly repeatedPhrase: number;
  /** Among the 15 words after the abstract's first "propose/introduce/present/study …". */
  readonly afterCue: number;
  /** Generic academic vocabulary ("performance", "significant", "existing"). */
  readonly generic: number;
  /** Sentence index of its first occurrence ÷ (sentences − 1). */
  readonly firstPosition: number;
};

export type TermWeights = { readonly [K in keyof TermFeatures]: number } & { readonly bias: number };

/** Fitted on the tune split of bench/tldr.ts (`--fit`), with TLDR_WEIGHTS. */
export const TERM_WEIGHTS: TermWeights = {
  bias: -4.34,
  spread: 2.17,
  logCount: 1.25,
  inOpening: 0.48,
  inFirstCue: 0.44,
  capitalised: 0.79,
  allCaps: 1.02,
  acronymExpansion: 1.39,
  length: 1.35,
  hyphenated: 1.03,
  inClosing: 0.89,
  once: 0.48,
  repeatedPhrase: 1.06,
  afterCue: 1.17,
  generic: -1.08,
  firstPosition: -1.06,
};

export const TERM_FEATURE_KEYS = Object.keys(TERM_WEIGHTS).filter((key) => key !== "bias") as ReadonlyArray<
  keyof TermFeatures
>;

/** The features of every word of the abstract (its sentences, whole), by word. */
export function termFeatures(sentences: readonly string[], firstCue: number): Map<string, TermFeatures> {
  return readTerms(sentences, firstCue).features;
}

/** How likely a word with these features is a key term (0 to 1). Written out: it runs for every word. */
export function termLikelihood(f: TermFeatures, w: TermWeights = TERM_WEIGHTS): number {
  const z =
    w.bias +
    w.spread * f.spread +
    w.logCount * f.logCount +
    w.inOpening * f.inOpening +
    w.inFirstCue * f.inFirstCue +
    w.capitalised * f.capitalised +
    w.allCaps * f.allCaps +
    w.acronymExpansion * f.acronymExpansion +
    w.length * f.length +
    w.hyphenated * f.hyphenated +
    w.inClosing * f.inClosing +
    w.once * f.once +
    w.repeatedPhrase * f.repeatedPhrase +
    w.afterCue * f.afterCue +
    w.generic * f.generic +
    w.firstPosition * f.firstPosition;
  return 1 / (1 + Math.exp(-z));
}

/** The distinct words of a text, as termFeatures keys them (function words included; they score 0). */
export function termsOf(text: string): Set<string> {
  const words = new Set<string>();
  for (const match of text.matchAll(TOKEN)) words.add(foldPlural(match[0].toLowerCase()));
  return words;
}

/**
 * Each sentence's term score: the sum of its distinct words' likelihoods. `shown` are the sentences as
 * they would be shown (cut), so words past the cut do not count; `firstCue` is the index of the first
 * sentence with a contribution cue, −1 for none.
 */
export function termScores(
  sentences: readonly string[],
  shown: readonly string[],
  firstCue: number,
  w: TermWeights = TERM_WEIGHTS,
): number[] {
  const { features, words } = readTerms(sentences, firstCue);
  const likelihood = new Map<string, number>();
  for (const [word, f] of features) likelihood.set(word, termLikelihood(f, w));
  return shown.map((text, index) => {
    // Most sentences are shown whole: their words are already known.
    const distinct = text === sentences[index] ? words[index]! : termsOf(text);
    let sum = 0;
    for (const word of distinct) sum += likelihood.get(word) ?? 0;
    return sum;
  });
}

type Tally = {
  /** Sentences that contain the word; the last one, to count each sentence once. */
  sentences: number;
  last: number;
  count: number;
  first: number;
  inFirstCue: number;
  capitalised: number;
  allCaps: number;
  acronymExpansion: number;
  hyphenated: number;
};

/** One pass over the abstract's words: every word's features, and each sentence's distinct words. */
function readTerms(
  sentences: readonly string[],
  firstCue: number,
): { features: Map<string, TermFeatures>; words: Array<Set<string>> } {
  const n = sentences.length;
  const tallies = new Map<string, Tally>();
  const phrases = new Map<string, number>();
  const words = sentences.map((sentence, index) => {
    const distinct = new Set<string>();
    const expansion = sentence.includes("(") ? acronymExpansionWords(sentence) : undefined;
    let previous: string | undefined;
    TOKEN.lastIndex = 0;
    for (let match = TOKEN.exec(sentence); match !== null; match = TOKEN.exec(sentence)) {
      const token = match[0];
      const position = match.index;
      const lower = token.toLowerCase();
      const word = foldPlural(lower);
      distinct.add(word);
      // A repeated phrase: two adjacent tokens, neither a function word (digits allowed).
      const content = !FUNCTION_WORDS.has(lower);
      if (content && previous !== undefined) {
        const key = `${previous} ${word}`;
        phrases.set(key, (phrases.get(key) ?? 0) + 1);
      }
      previous = content ? word : undefined;
      if (!content || DIGITS.test(lower)) continue;
      let tally = tallies.get(word);
      if (tally === undefined) {
        tally = {
          sentences: 0,
          last: -1,
          count: 0,
          first: index,
          inFirstCue: 0,
          capitalised: 0,
          allCaps: 0,
          acronymExpansion: 0,
          hyphenated: 0,
        };
        tallies.set(word, tally);
      }
      if (tally.last !== index) {
        tally.sentences++;
        tally.last = index;
        if (index === firstCue) tally.inFirstCue = 1;
      }
      tally.count++;
      if (token !== lower) {
        if (position > 0 && UPPER_FIRST.test(token)) tally.capitalised = 1;
        if (token.length > 1 && token === token.toUpperCase()) tally.allCaps = 1;
      }
      if (expansion?.has(word)) tally.acronymExpansion = 1;
      if (sentence[position - 1] === "-" || sentence[position + token.length] === "-") tally.hyphenated = 1;
    }
    return distinct;
  });
  const inPhrase = new Set<string>();
  for (const [key, count] of phrases) {
    if (count < 2) continue;
    for (const word of key.split(" ")) inPhrase.add(word);
  }
  const afterCue = wordsAfterFirstCue(sentences.join(" "));
  const features = new Map<string, TermFeatures>();
  for (const [word, tally] of tallies) {
    features.set(word, {
      spread: tally.sentences / n,
      logCount: Math.log(tally.count),
      inOpening: tally.first === 0 ? 1 : 0,
      inFirstCue: tally.inFirstCue,
      capitalised: tally.capitalised,
      allCaps: tally.allCaps,
      acronymExpansion: tally.acronymExpansion,
      length: Math.min(word.length, 15) / 15,
      hyphenated: tally.hyphenated,
      inClosing: tally.last === n - 1 ? 1 : 0,
      once: tally.sentences === 1 ? 1 : 0,
      repeatedPhrase: inPhrase.has(word) ? 1 : 0,
      afterCue: afterCue.has(word) ? 1 : 0,
      generic: GENERIC_WORDS.has(word) || GENERIC_WORDS.has(`${word}s`) ? 1 : 0,
      firstPosition: tally.first / Math.max(n - 1, 1),
    });
  }
  return { features, words };
}

// ---------------------------------------------------------------------------------------------------------

const TOKEN = /[\p{L}\p{N}]+/gu;
const DIGITS = /^\d+$/;
const UPPER_FIRST = /^\p{Lu}/u;

/** "(LLMs)", "(SDGOD)", "(RS-FMD)": an acronym in parentheses, after its expansion. */
const ACRONYM = /\(([A-Z][A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*s?)\)/g;

/** The words just before each "(ACRONYM)": as many as the acronym has capitals. */
function acronymExpansionWords(sentence: string): Set<string> {
  const words = new Set<string>();
  for (const match of sentence.matchAll(ACRONYM)) {
    const capitals = match[1]!.replace(/[^A-Z]/g, "").length;
    const before = sentence.slice(0, match.index).match(TOKEN) ?? [];
    for (const token of before.slice(-Math.max(capitals, 1))) words.add(foldPlural(token.toLowerCase()));
  }
  return words;
}

const FIRST_CUE =
  /\b(?:propose|proposes|introduce|introduces|present|presents|develop|develops|design|study|studies|investigate|investigates|consider|considers|derive|construct|establish|prove|report|describe|describes|address|tackle)\b/i;

function wordsAfterFirstCue(text: string): Set<string> {
  const match = FIRST_CUE.exec(text);
  if (match === null) return new Set();
  const after = text.slice(match.index + match[0].length).match(TOKEN) ?? [];
  return new Set(after.slice(0, 15).map((token) => foldPlural(token.toLowerCase())));
}

function foldPlural(word: string): string {
  const n = word.length;
  if (n < 4 || word.charCodeAt(n - 1) !== 115 /* s */) return word;
  if (n > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  const before = word[n - 2];
  return before === "s" || before === "u" || before === "i" ? word : word.slice(0, -1);
}

/** Function words: never key terms. */
const FUNCTION_WORDS = wordSet(
  "a an the and or nor but of for to in on at by with via from into onto as that this these those which " +
    "who whom whose what when where while than then there here it its they their them we our us i you is " +
    "are was were be been being has have had do does did can could may might must shall should will would " +
    "not no also such both each either all any some more most other same so thus only very between among " +
    "over under through across within without about against after before during up down out off above " +
    "below towards toward how why whether if beyond vs versus new novel using based",
);

/**
 * Generic academic vocabulary (how papers talk, not what they are about), written from general
 * scientific-writing usage, not taken from the benchmark's corpora.
 */
const GENERIC_WORDS = wordSet(
  "performance effective effectiveness efficiency significant significantly demonstrate demonstrates " +
    "demonstrated achieve achieves achieved experiment experiments experimental evaluation evaluate " +
    "evaluated existing challenge challenges challenging various several different provide provides " +
    "important key crucial critical however furthermore moreover approach approaches method methods " +
    "result results paper work study propose proposed present presented introduce introduced outperform " +
    "outperforms state art baseline baselines extensive comprehensive superior improvement improvements " +
    "improve improves improved across whereas while often typically recently recent prior previous current " +
    "problem problems issue issues limitation limitations potential able ability enable enables allows " +
    "allow effectively well strong high higher low lower better best large small address addresses remain " +
    "remains general generally specific specifically particular code available publicly open source " +
    "github finally first second third additionally further also here show shows shown find found use " +
    "using used utilize leverage leverages leveraging obtain obtained novel new simple consistent " +
    "consistently substantial substantially notably remarkable robust robustness wide widely range real " +
    "world",
);
