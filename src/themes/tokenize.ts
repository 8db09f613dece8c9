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
import { isEnglishStopWord, isFiller, isModifier, isWeak } from "./stop-words";

export type TokenKind = "content" | "weak" | "modifier" | "stop";

export interface Token {
  key: string;
  kind: TokenKind;
  surface: string;
  /** First word of a sentence: its capital letter says nothing about how the word is written. */
  initial: boolean;
  /** Initial letters of the written parts ("multi-query" → "mq"), for acronym matching. */
  initials: string;
}

export interface Tokenized {
  segments: Token[][];
  /** [acronym key, expansion key] pairs defined in this text, e.g. ["llm", "large language model"]. */
  acronyms: Array<[string, string]>;
}

const JOIN_PREFIXES = new Set(
  "pre post multi non self co re semi sub inter intra cross anti over under meta bi tri hyper ultra super mid de un".split(
    " ",
  ),
);
// Words whose "-s" is not a plural ending, or whose plural would fold wrongly.
const NO_FOLD = new Set(
  "bias atlas alias canvas lens news series species physics mathematics economics gas chaos thesis basis axis analysis".split(
    " ",
  ),
);
// "caches" is cache + s, unlike "patches" = patch + es.
const E_BEFORE_S = new Set(["cache", "niche", "avalanche", "psyche"]);

const URL = /\b(?:https?:\/\/|www\.)\S+/gi;
// A word (letters/digits, inner hyphens and apostrophes) or one punctuation character.
const PIECE = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;
const NUMBER_LIKE = /^\d[\d.]*[a-z]{0,2}$/; // 2024, 1.4b, 3x, 10k: noise
const DIMENSION = /^\d+d$/; // 2d, 3d: meaningful ("3D reconstruction")
const ACRONYM = /^(?=(?:[^A-Z]*[A-Z]){2})[A-Za-z0-9]{2,10}$/;
const SENTENCE_END = new Set([".", "!", "?", ":"]);

/** Singular form for plural folding: models → model, studies → study, caches → cache. */
export function foldPlural(lower: string): string {
  if (lower.length <= 3 || NO_FOLD.has(lower) || !lower.endsWith("s")) return lower;
  if (/(?:ss|us|is)$/.test(lower)) return lower;
  if (lower.endsWith("ies") && lower.length > 4) return `${lower.slice(0, -3)}y`;
  if (/(?:sses|xes|zzes)$/.test(lower)) return lower.slice(0, -2);
  if (/(?:ch|sh)es$/.test(lower)) return E_BEFORE_S.has(lower.slice(0, -1)) ? lower.slice(0, -1) : lower.slice(0, -2);
  return lower.slice(0, -1);
}

function classify(lower: string): { key: string; kind: TokenKind } {
  if (lower.length < 2 || (NUMBER_LIKE.test(lower) && !DIMENSION.test(lower)) || isEnglishStopWord(lower)) {
    return { key: lower, kind: "stop" };
  }
  const key = foldPlural(lower);
  if (isFiller(lower, key)) return { key, kind: "stop" };
  if (isModifier(lower)) return { key, kind: "modifier" };
  return { key, kind: isWeak(key) ? "weak" : "content" };
}

/** The parts of one hyphenated word, known prefixes glued to what follows. */
function wordParts(word: string): Array<{ text: string; initials: string }> {
  const raw = word
    .replace(/['’]s$/i, "")
    .replace(/['’]/g, "")
    .split("-")
    .filter(Boolean);
  const parts: Array<{ text: string; initials: string }> = [];
  let glue: { text: string; initials: string } | null = null;
  for (const piece of raw) {
    const current = glue
      ? { text: `${glue.text}-${piece}`, initials: glue.initials + piece[0]!.toLowerCase() }
      : { text: piece, initials: piece[0]!.toLowerCase() };
    glue = null;
    if (JOIN_PREFIXES.has(piece.toLowerCase()) && current.text === piece) glue = current;
    else parts.push(current);
  }
  if (glue) parts.push(glue);
  return parts;
}

/** Does the acronym spell the initials of the tokens just before it? Returns the expansion key. */
function expansionFor(acronym: string, before: Token[]): string | null {
  const letters = acronym.replace(/(?<=[A-Z0-9])s$/, "").toLowerCase();
  for (let n = 2; n <= Math.min(6, before.length); n++) {
    const window = before.slice(-n);
    if (window[0]!.kind === "stop") continue;
    const all = window.map((t) => t.initials).join("");
    const content = window.filter((t) => t.kind !== "stop").map((t) => t.initials).join("");
    if (all === letters || content === letters) return window.map((t) => t.key).join(" ");
  }
  return null;
}

export function tokenize(text: string): Tokenized {
  const segments: Token[][] = [];
  const acronyms: Array<[string, string]> = [];
  let segment: Token[] = [];
  let previousSegment: Token[] = [];
  let initial = true;
  const pieces = text.replace(URL, " . ").match(PIECE) ?? [];
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    if (!/[\p{L}\p{N}]/u.test(piece[0]!)) {
      if (piece === "'" || piece === "’") continue;
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
    for (const part of wordParts(piece)) {
      const lower = part.text.replace(/-/g, "").toLowerCase();
      const { key, kind } = classify(lower);
      segment.push({ key, kind, surface: part.text, initial, initials: part.initials });
      initial = false;
    }
  }
  if (segment.length) segments.push(segment);
  return { segments, acronyms };
}
