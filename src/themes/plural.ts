/**
 * Light stemming: plural folding only ("models" → "model", "studies" → "study", "caches" →
 * "cache"). Anything stronger merges words readers tell apart ("generation" and "generator",
 * "training" and "train"), and labels show the words as written anyway (display-forms.ts).
 */

// Words whose "-s" is not a plural ending, or whose plural would fold wrongly.
const NO_FOLD = new Set(
  "bias atlas alias canvas lens news series species physics mathematics economics gas chaos thesis basis axis analysis".split(
    " ",
  ),
);
// "caches" is cache + s, unlike "patches" = patch + es.
const E_BEFORE_S = new Set(["cache", "niche", "avalanche", "psyche"]);

/** Singular form for plural folding: models → model, studies → study, caches → cache. */
export function foldPlural(lower: string): string {
  if (lower.length <= 3 || NO_FOLD.has(lower) || !lower.endsWith("s")) return lower;
  if (/(?:ss|us|is)$/.test(lower)) return lower;
  if (lower.endsWith("ies") && lower.length > 4) return `${lower.slice(0, -3)}y`;
  if (/(?:sses|xes|zzes)$/.test(lower)) return lower.slice(0, -2);
  if (/(?:ch|sh)es$/.test(lower))
    return E_BEFORE_S.has(lower.slice(0, -1)) ? lower.slice(0, -1) : lower.slice(0, -2);
  return lower.slice(0, -1);
}
