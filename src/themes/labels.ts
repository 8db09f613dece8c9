/**
 * A theme's label: 2–4 distinctive terms, phrases first ("KV cache · quantization · LLM
 * inference"), written the way the abstracts write them.
 *
 * A term's score is its mean TF-IDF weight inside the theme times log2 of how much more often it
 * occurs inside than in the whole batch: a term every paper uses ("large language model" in an
 * LLM-heavy week) scores low however heavy, a term only this theme uses scores high. Members
 * weigh by how central they are (leave-one-out cosine), so a stray's words do not name the
 * theme. Phrases get a ×1.5 bonus per extra word: "mixture of experts" reads better than
 * "mixture · expert". A term must occur in at least two members (and 10% of a big theme).
 *
 * Picking, best score first, up to 3 terms, skipping: broad words ("model", "network") and
 * phrases made only of them ("model quality"); words inside an already chosen phrase, or phrases
 * inside one (a longer phrase replaces the words it contains); pieces of one longer phrase
 * ("large vision" beside "vision language model"); an acronym beside its expansion ("LLM" /
 * "large language model"); near-twins sharing a six-letter stem ("recommendation" /
 * "recommender").
 */
import { leaveOneOut } from "./cohesion";
import type { Corpus, PaperText } from "./corpus";
import { displayForms } from "./display-forms";
import { compareKeys } from "./sparse";
import { isWeak } from "./stop-words";

const MAX_TERMS = 3;
const PHRASE_BONUS = 1.5;
const MIN_SUPPORT_SHARE = 0.1;
const STEM = 6;

interface Candidate {
  key: string;
  score: number;
}

export function candidates(corpus: Corpus, members: readonly number[]): Candidate[] {
  // Members weigh by how central they are (leave-one-out cosine), so a stray cannot name a theme.
  const centrality = leaveOneOut(corpus.vectors, members, corpus.terms.length);
  const total = centrality.reduce((s, c) => s + c, 0) || 1;
  const weight = (k: number) => (centrality[k]! || 0) / total;
  const sum = new Map<number, number>();
  const share = new Map<number, number>();
  const count = new Map<number, number>();
  members.forEach((m, k) => {
    const v = corpus.vectors[m]!;
    for (let i = 0; i < v.ids.length; i++) {
      const id = v.ids[i]!;
      sum.set(id, (sum.get(id) ?? 0) + weight(k) * v.weights[i]!);
      share.set(id, (share.get(id) ?? 0) + weight(k));
      count.set(id, (count.get(id) ?? 0) + 1);
    }
  });
  const support = Math.max(Math.min(2, members.length), Math.ceil(MIN_SUPPORT_SHARE * members.length));
  const out: Candidate[] = [];
  for (const [id, weighted] of sum) {
    if (count.get(id)! < support) continue;
    const lift = share.get(id)! / (corpus.df[id]! / corpus.size);
    if (lift <= 1) continue;
    const key = corpus.terms[id]!;
    const words = key.split(" ").length;
    out.push({ key, score: weighted * Math.log2(lift) * PHRASE_BONUS ** (words - 1) });
  }
  return out.sort((a, b) => b.score - a.score || compareKeys(a.key, b.key));
}

const wordsOf = (key: string) => key.split(" ").filter((w) => w !== "of");
const contains = (phrase: string, part: string) => ` ${phrase} `.includes(` ${part} `);
/** Does `a` end with words `b` starts with, the two overlapping into a longer phrase? */
function chained(a: string, b: string): boolean {
  const x = a.split(" ");
  const y = b.split(" ");
  for (let k = 1; k <= Math.min(x.length, y.length); k++) {
    const longer = x.length + y.length - k > Math.max(x.length, y.length);
    if (longer && x.slice(-k).join(" ") === y.slice(0, k).join(" ")) return true;
  }
  return false;
}

/** The chosen label keys, in score order. */
export function labelKeys(corpus: Corpus, members: readonly number[]): string[] {
  const chosen: string[] = [];
  for (const { key } of candidates(corpus, members)) {
    if (key.split(" ").every(isWeak)) continue;
    if (chosen.some((c) => contains(c, key))) continue;
    // Overlapping pieces of one longer phrase ("large vision" beside "vision language model").
    if (chosen.some((c) => !contains(key, c) && (chained(c, key) || chained(key, c)))) continue;
    // The same concept under another name: an acronym beside (part of) its expansion.
    const alias = corpus.equivalents.get(key);
    const overlaps = (a: string | undefined, b: string | undefined) =>
      a !== undefined && b !== undefined && (contains(a, b) || contains(b, a));
    if (chosen.some((c) => overlaps(alias, c) || overlaps(key, corpus.equivalents.get(c)))) continue;
    const stems = chosen.flatMap(wordsOf).map((w) => w.slice(0, STEM));
    const fresh = wordsOf(key).filter((w) => !(w.length >= STEM && stems.includes(w.slice(0, STEM))));
    const inside = chosen.filter((c) => contains(key, c));
    if (inside.length > 0) {
      // A phrase replaces the chosen words it contains, where the first of them stood.
      const at = chosen.indexOf(inside[0]!);
      chosen.splice(at, 1, key);
      for (const c of inside.slice(1)) chosen.splice(chosen.indexOf(c), 1);
      continue;
    }
    if (fresh.length === 0) continue;
    if (chosen.length < MAX_TERMS) chosen.push(key);
    if (chosen.length === MAX_TERMS) break;
  }
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
