/**
 * The slow drift of a stored theme centroid towards the papers that joined it this week:
 *   centroid ← unit((1 − r)·old + r·mean(new papers)),  r = min(driftRate, new / (size + new)).
 * While a theme is young this is a running mean over all its papers; once it has more than
 * (1 − driftRate)/driftRate times as many papers as joined this week, r stops at driftRate, so no
 * single week can pull a centroid far: with non-negative weights the worst case (new papers
 * orthogonal to the old centroid) gives cosine(old, new) = (1 − r)/√((1 − r)² + r²) ≥ 1 − r.
 * The result keeps the `maxTerms` heaviest terms, rounded, like every stored centroid.
 */
import { compareKeys, type TermWeights } from "./sparse";

export function driftRateFor(driftRate: number, joined: number, size: number): number {
  return joined > 0 ? Math.min(driftRate, joined / (size + joined)) : 0;
}

export function driftCentroid(
  old: TermWeights,
  fresh: TermWeights,
  rate: number,
  maxTerms: number,
): TermWeights {
  return pruned(blendTermWeights(old, fresh, rate), maxTerms);
}

/** Unit-length `(1 - rate) * a + rate * b` over term maps (the slow drift of a stored centroid). */
function blendTermWeights(a: TermWeights, b: TermWeights, rate: number): Map<string, number> {
  const unit = (m: TermWeights) => {
    const n = Math.sqrt(Object.values(m).reduce((s, w) => s + w * w, 0)) || 1;
    return (w: number) => w / n;
  };
  const ua = unit(a);
  const ub = unit(b);
  const out = new Map<string, number>();
  for (const [t, w] of Object.entries(a)) out.set(t, (1 - rate) * ua(w));
  for (const [t, w] of Object.entries(b)) out.set(t, (out.get(t) ?? 0) + rate * ub(w));
  const norm = Math.sqrt([...out.values()].reduce((s, w) => s + w * w, 0)) || 1;
  for (const [t, w] of out) out.set(t, w / norm);
  return out;
}

/** The `max` heaviest terms, rounded like toTermWeights (ties: alphabetical, for stable JSON). */
function pruned(weights: ReadonlyMap<string, number>, max: number): TermWeights {
  const out: TermWeights = {};
  const sorted = [...weights].sort((a, b) => b[1] - a[1] || compareKeys(a[0], b[0]));
  for (const [term, w] of sorted.slice(0, max)) {
    const r = roundWeight(w);
    if (r > 0) out[term] = r;
  }
  return out;
}

export function roundWeight(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
