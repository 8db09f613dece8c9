/**
 * Synthetic abstracts for volume tests: words drawn from a large made-up vocabulary with a
 * seeded generator, so thousands of records are distinct texts (no near-duplicates of each
 * other) and every run builds the same body.
 */

const SYLLABLES = [
  "ka",
  "lo",
  "mi",
  "ne",
  "ru",
  "ta",
  "vo",
  "zi",
  "pe",
  "su",
  "di",
  "go",
  "ha",
  "ju",
  "be",
  "fy",
];

/** Deterministic 32-bit generator (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function word(next: () => number): string {
  const n = 2 + Math.floor(next() * 3);
  let out = "";
  for (let i = 0; i < n; i++) out += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
  return out;
}

/** `count` distinct short abstracts of `words` words each. */
export function syntheticAbstracts(count: number, words: number, seed = 1): string[] {
  const next = seeded(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const parts = Array.from({ length: words }, () => word(next));
    out.push(`${parts.join(" ")}.`);
  }
  return out;
}

/** A JSON-lines body: one `{"abstract": …}` object a line. */
export function jsonLines(abstracts: readonly string[]): string {
  return abstracts.map((abstract) => JSON.stringify({ abstract })).join("\n");
}
