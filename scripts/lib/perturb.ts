/**
 * Perturbations a copy of an abstract picks up on its way through other tools, used by the
 * near-duplicate property tests and the dedup benchmarks. Pure; `random` returns [0, 1).
 */
export type Random = () => number;

/** A small deterministic PRNG (LCG) so tests and benchmarks can be replayed from a seed. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

export function splitSentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+/);
}

function swapInnerLetters(word: string): string {
  return word.length > 3 ? word.slice(0, 1) + word.slice(2, 3) + word.slice(1, 2) + word.slice(3) : word;
}

export const PERTURBATIONS: Record<string, (text: string, random: Random) => string> = {
  "typo fixes": (text, random) => {
    const words = text.split(" ");
    for (let n = 0; n < 3; n++) {
      const i = Math.floor(random() * words.length);
      words[i] = swapInnerLetters(words[i]!);
    }
    return words.join(" ");
  },
  "reordered sentences": (text, random) => {
    const parts = splitSentences(text);
    for (let i = parts.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [parts[i], parts[j]] = [parts[j]!, parts[i]!];
    }
    return parts.join(" ");
  },
  "a dropped sentence": (text, random) => {
    const parts = splitSentences(text);
    parts.splice(1 + Math.floor(random() * (parts.length - 1)), 1);
    return parts.join(" ");
  },
  "two dropped sentences": (text, random) => {
    const parts = splitSentences(text);
    parts.splice(1 + Math.floor(random() * Math.max(1, parts.length - 2)), 2);
    return parts.join(" ");
  },
  "LaTeX and whitespace changes": (text) =>
    text
      .replace(/\b(\d+(?:\.\d+)?)%/g, "$$$1\\%$$")
      .replace(/\b([A-Z]{2,})\b/g, "\\textsc{$1}")
      .replace(/ /g, (space, offset: number) => (offset % 7 === 0 ? "\n  " : space))
      .toUpperCase(),
};
