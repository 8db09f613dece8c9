/**
 * Plain text → tokens grouped in segments. A segment is a run of words with no punctuation
 * between them: phrases never cross a comma or a full stop ("…of LLMs. Models…" is no phrase).
 * Each token carries its feature key (lower case, plural folded), its kind (stop-words.ts tiers)
 * and its surface text, kept so labels can show "KV cache" rather than "kv cache".
 *
 * Hyphens: a known prefix is glued to its word ("pre-trained" and "pretrained" are one feature,
 * so are "multi-modal" and "multimodal"); any other hyphen separates words, so
 * "mixture-of-experts" and "mixture of experts" give the same tokens.
 *
 * Acronyms defined in the text ("Key-Value (KV) caches") are recorded, so a label never shows a
 * concept twice ("LLM" beside "large language models").
 */
import { foldPlural } from "./plural";
import { isEnglishStopWord, isFiller, isModifier, isWeak } from "./stop-words";

export type TokenKind = "content" | "weak" | "modifier" | "stop";

export interface Token {
  key: string;
  kind: TokenKind;
  surface: string;
  /** First word of a sentence: its capital letter says nothing about how the word is written. */
  initial: boolean;
  /** Written joined to the previous token by a hyphen ("low-rank" → "low", "rank"). */
  hyphenated: boolean;
}

export interface Tokenized {
  segments: Token[][];
  /** [acronym key, expansion key] pairs defined in this text, e.g. ["llm", "large language model"]. */
  acronyms: Array<[string, string]>;
}

export const JOIN_PREFIXES: ReadonlySet<string> = new Set(
  "pre post multi non self co re semi sub inter intra cross anti over under meta bi tri hyper ultra super mid de un auto".split(
    " ",
  ),
);
const URL = /\b(?:https?:\/\/|www\.)\S+/gi;
// Set phrases of paper boilerplate, removed whole (their words, e.g. "state", are real words elsewhere).
const BOILERPLATE =
  /\b(?:state[- ]of[- ]the[- ]art|real[- ]world|end[- ]to[- ]end|off[- ]the[- ]shelf|plug[- ]and[- ]play|fine[- ]grained|large[- ]scale|high[- ]quality|open[- ]source|code (?:and \w+ )?(?:is|are) (?:publicly )?available)\b/gi;
// A word (letters/digits, inner hyphens and apostrophes) or one punctuation character.
const PIECE = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;
const NUMBER_LIKE = /^\d[\d.]*[a-z]{0,2}$/; // 2024, 1.4b, 3x, 10k: noise
const DIMENSION = /^\d+d$/; // 2d, 3d: meaningful ("3D reconstruction")
const ACRONYM = /^(?=(?:[^A-Z]*[A-Z]){2})[A-Za-z0-9]{2,10}$/;
const HYPHEN_OR_APOSTROPHE = /[-'’]/;
const WORD_START = /^[\p{L}\p{N}]/u;
const SENTENCE_END = new Set([".", "!", "?", ":"]);

export interface Classified {
  key: string;
  kind: TokenKind;
}

function classify(lower: string): Classified {
  if (lower.length < 2 || (NUMBER_LIKE.test(lower) && !DIMENSION.test(lower)) || isEnglishStopWord(lower)) {
    return { key: lower, kind: "stop" };
  }
  const key = foldPlural(lower);
  if (isFiller(lower, key)) return { key, kind: "stop" };
  if (isModifier(lower)) return { key, kind: "modifier" };
  return { key, kind: isWeak(key) ? "weak" : "content" };
}

/** The parts of one hyphenated word, known prefixes glued to what follows ("pre-trained"). */
function wordParts(word: string): string[] {
  if (!HYPHEN_OR_APOSTROPHE.test(word)) return [word];
  const parts: string[] = [];
  let glue: string | null = null;
  for (const piece of word
    .replace(/['’]s$/i, "")
    .replace(/['’]/g, "")
    .split("-")) {
    if (!piece) continue;
    const current: string = glue ? `${glue}-${piece}` : piece;
    glue = null;
    if (current === piece && JOIN_PREFIXES.has(piece.toLowerCase())) glue = current;
    else parts.push(current);
  }
  if (glue) parts.push(glue);
  return parts;
}

function startsWord(piece: string): boolean {
  const c = piece.charCodeAt(0);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return WORD_START.test(piece);
}

/**
 * Does the acronym abbreviate the words just before it? Their initials, or else (Schwartz &
 * Hearst, 2003, simplified) its letters appear in order in the words, the first at the start of
 * the first word, and every non-stop word gives at least one letter ("LoRA" ← low-rank adaptation, "MoE" ←
 * mixture of experts). The shortest such run of words wins. Returns the expansion's key.
 */
function expansionFor(acronym: string, before: Token[]): string | null {
  const letters = acronym
    .replace(/(?<=[A-Z0-9])s$/, "")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
  if (letters.length < 2) return null;
  for (let n = 2; n <= Math.min(letters.length + 2, 8, before.length); n++) {
    const window = before.slice(-n);
    if (spells(letters, window)) return window.map((t) => t.key).join(" ");
  }
  return null;
}

function spells(letters: string, window: readonly Token[]): boolean {
  const words = window.map((t) => t.surface.toLowerCase());
  if (words[0]![0] !== letters[0]) return false;
  // Plain initials first ("DPO" ← direct preference optimization), with or without "of".
  const initials = (ws: readonly Token[]) => ws.map((t) => t.surface[0]!.toLowerCase()).join("");
  if (initials(window) === letters || initials(window.filter((t) => t.kind !== "stop")) === letters)
    return true;
  const used = new Set<number>([0]);
  // Right to left, each letter as late as possible, so earlier letters keep room to match.
  let w = words.length - 1;
  let c = words[w]!.length;
  for (let i = letters.length - 1; i >= 1; i--) {
    for (;;) {
      c--;
      while (c < 0 && w > 0) c = words[--w]!.length - 1;
      if (c < 0 || (w === 0 && c === 0)) return false;
      if (words[w]![c] === letters[i]) break;
    }
    used.add(w);
  }
  return window.every((t, k) => t.kind === "stop" || used.has(k));
}

/**
 * `cache` memoises word classification across the texts of one batch (the same few thousand
 * words recur in every abstract); pass one Map per batch.
 */
export function tokenize(text: string, cache: Map<string, Classified> = new Map()): Tokenized {
  const segments: Token[][] = [];
  const acronyms: Array<[string, string]> = [];
  let segment: Token[] = [];
  let previousSegment: Token[] = [];
  let initial = true;
  const pieces = text.replace(URL, " . ").replace(BOILERPLATE, " , ").match(PIECE) ?? [];
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    if (!startsWord(piece)) {
      if (piece === "'" || piece === "’") continue;
      // Leftover LaTeX ("\mathrm{x}"): the command name is not a word of the text.
      if (piece === "\\" && startsWord(pieces[i + 1] ?? "")) i++;
      // "(ABC)" right after the words it abbreviates: remember the pair.
      const word = pieces[i + 1];
      if (piece === "(" && word && pieces[i + 2] === ")" && ACRONYM.test(word)) {
        const expansion = expansionFor(word, segment.length ? segment : previousSegment);
        if (expansion) acronyms.push([foldPlural(word.toLowerCase()), expansion]);
      }
      if (segment.length) segments.push(segment);
      if (segment.length) previousSegment = segment;
      segment = [];
      if (SENTENCE_END.has(piece)) initial = true;
      continue;
    }
    for (const [part, surface] of wordParts(piece).entries()) {
      // Keyed by the written form: most words recur with the same casing, so this skips lower-casing.
      let classified = cache.get(surface);
      if (!classified) {
        classified = classify(surface.replace(/-/g, "").toLowerCase());
        cache.set(surface, classified);
      }
      segment.push({ key: classified.key, kind: classified.kind, surface, initial, hyphenated: part > 0 });
      initial = false;
    }
  }
  if (segment.length) segments.push(segment);
  return { segments, acronyms };
}
