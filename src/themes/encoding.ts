/**
 * Papers as word numbers, and numbers for candidate phrases. Tokenising once and counting on
 * numbers rather than strings keeps 6,000 abstracts' worth of n-gram counts to a few megabytes
 * and a few hundred milliseconds.
 *
 * Title words count twice: a title is the author's own one-line summary.
 */
import { forEachNgram } from "./phrases";
import { type Classified, type Token, tokenize } from "./tokenize";

export interface PaperText {
  title?: string;
  text: string;
}

const TITLE_WEIGHT = 2;
const BREAK = -1;

/** A paper as word numbers, BREAK between segments; title words first, `titleEnd` marks the end. */
export interface Encoded {
  words: Int32Array;
  titleEnd: number;
}

export class Lexicon {
  readonly keys: string[] = [];
  readonly tokens: Token[] = [];
  readonly ids = new Map<string, number>();
  readonly cache = new Map<string, Classified>();
  readonly acronymCounts = new Map<string, number>();

  encode(paper: PaperText): Encoded {
    const words: number[] = [];
    const defined = new Set<string>();
    const add = (text: string) => {
      const { segments, acronyms } = tokenize(text, this.cache);
      for (const segment of segments) {
        for (const t of segment) words.push(this.idOf(t));
        words.push(BREAK);
      }
      for (const pair of acronyms) defined.add(pair.join("\t"));
    };
    add(paper.title ?? "");
    const titleEnd = words.length;
    add(paper.text);
    for (const pair of defined) this.acronymCounts.set(pair, (this.acronymCounts.get(pair) ?? 0) + 1);
    return { words: Int32Array.from(words), titleEnd };
  }

  private idOf(t: Token): number {
    let id = this.ids.get(t.key);
    if (id === undefined) {
      id = this.keys.length;
      this.ids.set(t.key, id);
      this.keys.push(t.key);
      this.tokens.push({ ...t, surface: "", initial: false, hyphenated: false });
    }
    return id;
  }
}

/**
 * Number codes for features: a word is its lexicon number; bigrams and trigrams are numbered
 * after all words, base W (the lexicon size). Exact in doubles while W³ < 2^53, i.e. up to
 * 200,000 distinct words (~50,000 abstracts); beyond that trigrams are not counted.
 */
export class TermCodes {
  readonly trigrams: boolean;
  constructor(
    private readonly keys: readonly string[],
    private readonly w = keys.length,
  ) {
    this.trigrams = w <= 200_000;
  }
  of(ids: readonly number[], start: number, length: number): number {
    const { w } = this;
    const a = ids[start]!;
    const b = ids[start + 1]!;
    if (length === 2) return w + a * w + b;
    return w + w * w + (a * w + b) * w + ids[start + 2]!;
  }
  isWord(code: number): boolean {
    return code < this.w;
  }
  key(code: number): string {
    const { w, keys } = this;
    if (code < w) return keys[code]!;
    if (code < w + w * w) return `${keys[Math.floor((code - w) / w)]} ${keys[(code - w) % w]}`;
    const r = code - w - w * w;
    const ab = Math.floor(r / w);
    return `${keys[Math.floor(ab / w)]} ${keys[ab % w]} ${keys[r % w]}`;
  }
  /** The code of a phrase written as keys, or null if one of its words never occurs. */
  parse(phrase: string, ids: ReadonlyMap<string, number>): number | null {
    const words = phrase.split(" ").map((k) => ids.get(k));
    if (words.some((id) => id === undefined) || words.length < 2 || words.length > 3) return null;
    if (words.length === 3 && !this.trigrams) return null;
    return this.of(words as number[], 0, words.length);
  }
}

/**
 * Walks an encoded paper: each feature word (if `words`) and each candidate phrase that `admit`
 * lets through, as a code, with its weight.
 */
export function forEachTerm(
  doc: Encoded,
  lexicon: Lexicon,
  codes: TermCodes,
  visit: (code: number, weight: number) => void,
  admit: (code: number, ids: readonly number[], start: number, length: 2 | 3) => boolean = () => true,
  words = true,
): void {
  const ids: number[] = [];
  const tokens: Token[] = [];
  for (let i = 0; i <= doc.words.length; i++) {
    const w = i < doc.words.length ? doc.words[i]! : BREAK;
    if (w !== BREAK) {
      ids.push(w);
      tokens.push(lexicon.tokens[w]!);
      continue;
    }
    const weight = i <= doc.titleEnd ? TITLE_WEIGHT : 1;
    for (let j = 0; words && j < ids.length; j++) {
      if (tokens[j]!.kind === "content" || tokens[j]!.kind === "weak") visit(ids[j]!, weight);
    }
    forEachNgram(tokens, (start, length) => {
      if (length === 3 && !codes.trigrams) return;
      const code = codes.of(ids, start, length);
      if (admit(code, ids, start, length)) visit(code, weight);
    });
    ids.length = 0;
    tokens.length = 0;
  }
}
