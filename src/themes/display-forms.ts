/**
 * How label terms are shown: as the abstracts write them, mid-sentence. Feature keys are lower
 * case and singular ("kv cache", "llm"); readers expect "KV cache", "LLM", "low-rank".
 */

import type { PaperText } from "./encoding";
import { forEachNgram, phraseKey } from "./phrases";
import { compareKeys } from "./sparse";
import { type Token, tokenize } from "./tokenize";

/** Members scanned for how terms are written (casing, plural, hyphens): enough to vote. */
const DISPLAY_SAMPLE = 40;

/** A capitalised word at a sentence start, as it would be written mid-sentence: "Scaling" →
 * "scaling", but "LLMs", "MoE" kept. */
function normaliseCase(surface: string): string {
  return surface.slice(1) === surface.slice(1).toLowerCase() ? surface.toLowerCase() : surface;
}

/**
 * How each key is most often written in `texts` (singular preferred when it is common enough):
 * "kv cache" → "KV cache", "llm" → "LLM". Keys never seen are shown as they are.
 */
export function displayForms(keys: readonly string[], texts: readonly PaperText[]): Map<string, string> {
  const wanted = new Set(keys);
  const votes = new Map<string, Map<string, number>>();
  const vote = (key: string, surface: string) => {
    if (!wanted.has(key)) return;
    const forKey = votes.get(key) ?? new Map<string, number>();
    forKey.set(surface, (forKey.get(surface) ?? 0) + 1);
    votes.set(key, forKey);
  };
  const cache = new Map();
  for (const paper of texts.slice(0, DISPLAY_SAMPLE)) {
    for (const [part, titleCase] of [
      [paper.title ?? "", true],
      [paper.text, false],
    ] as const) {
      for (const segment of tokenize(part, cache).segments) {
        // Title Case and sentence starts say nothing about a word's own capital letter.
        const shown = (t: Token) => (titleCase || t.initial ? normaliseCase(t.surface) : t.surface);
        for (const t of segment) vote(t.key, shown(t));
        forEachNgram(segment, (start, length) => {
          const words = segment.slice(start, start + length);
          vote(
            phraseKey(segment, start, length),
            words
              .map((t, j) => (j > 0 && t.hyphenated ? "-" : " ") + shown(t))
              .join("")
              .slice(1),
          );
        });
      }
    }
  }
  const out = new Map<string, string>();
  for (const key of keys) {
    const forKey = [...(votes.get(key) ?? new Map<string, number>())].sort(
      (a, b) => b[1] - a[1] || compareKeys(a[0], b[0]),
    );
    const total = forKey.reduce((s, [, c]) => s + c, 0);
    const plain = (surface: string) => surface.toLowerCase().replace(/-/g, "");
    const singular = forKey.find(
      ([surface, c]) => plain(surface) === key.replace(/-/g, "") && c >= total / 4,
    );
    const chosen = singular?.[0] ?? forKey[0]?.[0] ?? key;
    out.set(key, lowerTitleCase(chosen, forKey, total));
  }
  return out;
}

/**
 * "Retrieval Augmented Generation" → "retrieval augmented generation" when at least a third of
 * the votes write those words in lower case: capitals used only to introduce an acronym are
 * dropped; acronyms ("KV") and names nearly always capitalised ("Gaussian") stay.
 */
function lowerTitleCase(chosen: string, votes: ReadonlyArray<[string, number]>, total: number): string {
  const words = chosen.split(/(?<=[ -])|(?=[ -])/);
  const titled = words.map((w) => w !== w.toLowerCase() && w.slice(1) === w.slice(1).toLowerCase());
  if (!titled.includes(true)) return chosen;
  const lower = votes.reduce((s, [surface, c]) => {
    const written = surface.split(/(?<=[ -])|(?=[ -])/);
    return titled.every((t, j) => !t || written[j] === written[j]?.toLowerCase()) ? s + c : s;
  }, 0);
  return lower * 3 >= total ? words.map((w, j) => (titled[j] ? w.toLowerCase() : w)).join("") : chosen;
}
