/**
 * A theme's label: up to 3 distinctive terms (2 or 3 whenever the theme has them), phrases first
 * ("KV cache · quantization · LLM inference"), written the way the abstracts write them.
 *
 * A term's score is its mean TF-IDF weight inside the theme times log2 of how much more often it
 * occurs inside than in the whole batch: a term every paper uses ("large language model" in an
 * LLM-heavy week) scores low however heavy, a term only this theme uses scores high. Members
 * weigh by how central they are (leave-one-out cosine), so a stray's words do not name the
 * theme. Phrases get a ×1.5 bonus per extra word: "mixture of experts" reads better than
 * "mixture · expert". A term must occur in at least two members (and 10% of a big theme).
 *
 * An acronym and its expansion are one concept ("MoE" = "mixture of experts"): a member writing
 * either supports it, it scores like a two-word phrase, and it is shown as more members write it
 * (the expansion on a tie, e.g. when papers define the acronym).
 *
 * Picking, best score first, up to 3 terms, skipping: broad words alone ("model", "image",
 * "phase": stop-words.ts) and phrases made only of weak words ("model quality"); words inside an
 * already chosen phrase, or phrases inside one (a longer phrase replaces the words it contains);
 * pieces of one longer phrase ("large vision" beside "vision language model"), unless they only
 * share a broad word; an acronym beside its expansion ("LLM" / "large language model"); near-twins
 * ("recommendation" / "recommender", "modality" / "multi-modal"). Only when that leaves fewer than
 * two terms do broad words come in, and then terms no more frequent in the theme than in the
 * batch (a batch that is all one theme, identical abstracts).
 */
import { leaveOneOut } from "./cohesion";
import type { Corpus, PaperText } from "./corpus";
import { displayForms } from "./display-forms";
import { compareKeys } from "./sparse";
import { isBroad, isWeak } from "./stop-words";
import { JOIN_PREFIXES } from "./tokenize";

const MAX_TERMS = 3;
const MIN_TERMS = 2;
/** In the relaxed fallback, what a term no more frequent in the theme than elsewhere still scores. */
const RELAXED_LIFT = 0.1;
const PHRASE_BONUS = 1.5;
const MIN_SUPPORT_SHARE = 0.1;
const STEM = 6;
const MIN_TWIN = 5;

export interface Candidate {
  /** The form shown: an acronym or its expansion, whichever more members write. */
  key: string;
  /** The other form of the same concept (acronym ↔ expansion), if the batch defines one. */
  alias?: string;
  score: number;
}

interface TermStats {
  /** Member index (into `members`) → the member's TF-IDF weight for the term. */
  weights: Map<number, number>;
  /** Papers of the whole batch containing the term. */
  df: number;
}

/** Does a (sorted) sparse vector contain term `id`? */
function has(ids: Int32Array, id: number): boolean {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = ids[mid]!;
    if (x === id) return true;
    if (x < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

const wordsOf = (key: string) => key.split(" ").filter((w) => w !== "of");
const contains = (phrase: string, part: string) => ` ${phrase} `.includes(` ${part} `);
/** Words a phrase bonus counts ("of" included, as before): an acronym counts as its expansion. */
const contentWords = (key: string) => key.split(" ").length;

/**
 * Label candidates of a theme, best first. `relaxed` also admits terms no more frequent in the
 * theme than in the batch, ranked by weight alone.
 */
export function candidates(corpus: Corpus, members: readonly number[], relaxed = false): Candidate[] {
  // Members weigh by how central they are (leave-one-out cosine), so a stray cannot name a theme.
  const centrality = leaveOneOut(corpus.vectors, members, corpus.terms.length);
  const total = centrality.reduce((s, c) => s + c, 0) || 1;
  const weight = (k: number) => (centrality[k]! || 0) / total;
  const stats = new Map<number, TermStats>();
  members.forEach((m, k) => {
    const v = corpus.vectors[m]!;
    for (let i = 0; i < v.ids.length; i++) {
      const id = v.ids[i]!;
      const s = stats.get(id) ?? { weights: new Map<number, number>(), df: corpus.df[id]! };
      if (s.weights.size === 0) stats.set(id, s);
      s.weights.set(k, v.weights[i]!);
    }
  });

  const support = Math.max(Math.min(2, members.length), Math.ceil(MIN_SUPPORT_SHARE * members.length));
  // An acronym and its expansion are one concept: a member writing either supports it.
  const merged = new Map<number, { stats: TermStats; key: string; alias: string; words: number }>();
  const absorbed = new Set<number>();
  for (const id of [...stats.keys()].sort((a, b) => a - b)) {
    const key = corpus.terms[id]!;
    const expansion = corpus.equivalents.get(key);
    if (key.includes(" ") || expansion === undefined || !expansion.includes(" ")) continue;
    const other = corpus.termIds.get(expansion);
    if (other === undefined) continue;
    const a = stats.get(id)!;
    const e = stats.get(other);
    const weights = new Map(a.weights);
    for (const [k, w] of e?.weights ?? []) weights.set(k, Math.max(weights.get(k) ?? 0, w));
    absorbed.add(other);
    if (weights.size < support) continue;
    let df = 0;
    for (const v of corpus.vectors) if (has(v.ids, id) || has(v.ids, other)) df++;
    // Shown as written by more members; ties (a paper defines the acronym) go to the expansion,
    // which any reader can read: "visual question answering", but "LLM" when most write only that.
    const shown = a.weights.size > (e?.weights.size ?? 0) ? key : expansion;
    merged.set(id, {
      stats: { weights, df },
      key: shown,
      alias: shown === key ? expansion : key,
      // Specific like a phrase, but not a long one: "LLM" should not outrank "KV cache".
      words: Math.min(contentWords(expansion), 2),
    });
  }

  const out: Candidate[] = [];
  const consider = (s: TermStats, key: string, words: number, alias?: string) => {
    if (s.weights.size < support) return;
    let weighted = 0;
    let share = 0;
    for (const [k, w] of s.weights) {
      weighted += weight(k) * w;
      share += weight(k);
    }
    const lift = share / (s.df / corpus.size);
    if (lift <= 1 && !relaxed) return;
    const distinct = relaxed ? Math.max(Math.log2(lift), 0) + RELAXED_LIFT : Math.log2(lift);
    const score = weighted * distinct * PHRASE_BONUS ** (words - 1);
    out.push(alias === undefined ? { key, score } : { key, alias, score });
  };
  for (const [id, s] of stats) {
    if (absorbed.has(id) && !merged.has(id)) continue;
    const m = merged.get(id);
    if (m) consider(m.stats, m.key, m.words, m.alias);
    else consider(s, corpus.terms[id]!, contentWords(corpus.terms[id]!));
  }
  return out.sort((a, b) => b.score - a.score || compareKeys(a.key, b.key));
}

/** Does `a` end with words `b` starts with, the two overlapping into a longer phrase? */
function chained(a: string, b: string): boolean {
  const x = a.split(" ");
  const y = b.split(" ");
  for (let k = 1; k <= Math.min(x.length, y.length); k++) {
    const longer = x.length + y.length - k > Math.max(x.length, y.length);
    const overlap = y.slice(0, k);
    // Sharing only a broad word ("recommendation model" / "model complexity") is no chain.
    if (longer && !overlap.every(isBroad) && x.slice(-k).join(" ") === overlap.join(" ")) return true;
  }
  return false;
}

/** A word without a glued prefix ("multiagent" → "agent", "multimodal" → "modal"). */
function unprefixed(word: string): string {
  const prefix = [...JOIN_PREFIXES].find((p) => word.startsWith(p) && word.length - p.length >= 4);
  return prefix ? word.slice(prefix.length) : word;
}

/**
 * Near-twins: once glued prefixes are dropped, one word starts the other, or both share their
 * first six letters ("recommendation" / "recommender", "modality" / "multi-modal").
 */
function twins(a: string, b: string): boolean {
  const x = unprefixed(a);
  const y = unprefixed(b);
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  if (short.length < MIN_TWIN) return false;
  return long.startsWith(short) || (short.length >= STEM && long.slice(0, STEM) === short.slice(0, STEM));
}

/**
 * Extends `chosen` from `list`, best first, up to MAX_TERMS. `broadAlone` lets a term made only of
 * broad words in (the fallback for a theme with nothing more specific to say).
 */
function pick(corpus: Corpus, list: readonly Candidate[], chosen: string[], broadAlone: boolean): string[] {
  const aliases = new Map<string, string>();
  for (const c of list) if (c.alias !== undefined) aliases.set(c.key, c.alias);
  const aliasOf = (key: string) => aliases.get(key) ?? corpus.equivalents.get(key);
  const overlaps = (a: string | undefined, b: string | undefined) =>
    a !== undefined && b !== undefined && (contains(a, b) || contains(b, a));
  for (const { key } of list) {
    if (chosen.length === MAX_TERMS) break;
    if (chosen.includes(key)) continue;
    // A broad word alone ("image"), or a phrase of weak words only ("model quality").
    const words = key.split(" ");
    if (!broadAlone && (words.length === 1 ? isBroad(key) : words.every(isWeak))) continue;
    if (chosen.some((c) => contains(c, key))) continue;
    // Overlapping pieces of one longer phrase ("large vision" beside "vision language model").
    if (chosen.some((c) => !contains(key, c) && (chained(c, key) || chained(key, c)))) continue;
    // The same concept under another name: an acronym beside (part of) its expansion.
    const alias = aliasOf(key);
    if (chosen.some((c) => overlaps(alias, c) || overlaps(key, aliasOf(c)))) continue;
    const taken = chosen.flatMap(wordsOf);
    const fresh = wordsOf(key).filter((w) => !taken.some((t) => twins(t, w)));
    const inside = chosen.filter((c) => contains(key, c));
    if (inside.length > 0) {
      // A phrase replaces the chosen words it contains, where the first of them stood.
      const at = chosen.indexOf(inside[0]!);
      chosen.splice(at, 1, key);
      for (const c of inside.slice(1)) chosen.splice(chosen.indexOf(c), 1);
      continue;
    }
    if (fresh.length > 0) chosen.push(key);
  }
  return chosen;
}

/**
 * The chosen label keys, in score order: distinctive terms first; only when fewer than two exist,
 * broad words alone, then terms no more frequent in the theme than in the batch (a batch that is
 * one theme, or identical abstracts).
 */
export function labelKeys(corpus: Corpus, members: readonly number[]): string[] {
  const list = candidates(corpus, members);
  const chosen = pick(corpus, list, [], false);
  if (chosen.length < MIN_TERMS) pick(corpus, list, chosen, true);
  if (chosen.length < MIN_TERMS) pick(corpus, candidates(corpus, members, true), chosen, true);
  return chosen;
}

export const LABEL_SEPARATOR = " · ";

/** The label text and its terms as displayed. */
export function labelTheme(
  corpus: Corpus,
  members: readonly number[],
  texts: readonly PaperText[],
): { label: string; terms: string[] } {
  const keys = labelKeys(corpus, members);
  const forms = displayForms(
    keys,
    members.map((m) => texts[m]!),
  );
  const terms = keys.map((k) => forms.get(k) ?? k);
  return { label: terms.join(LABEL_SEPARATOR), terms };
}
