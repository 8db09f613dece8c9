/**
 * How tightly a group of papers hangs together, and how far it stands from the rest.
 * Leave-one-out: a member's cosine to the centroid of the *other* members, so a member does not
 * count its own words (in a group of 5, a paper is a fifth of a plain centroid and always looks
 * close to it). It is also what a newcomer's cosine to a stored centroid measures, which is why
 * the same numbers set both the stray rule and the join rule.
 */
import { denseDot, denseSum, type SparseVector } from "./sparse";

/**
 * Each member's cosine to the centroid of the group's other members. With S the sum of the
 * (unit) member vectors: (v·S − 1) / |S − v|, and |S − v|² = |S|² − 2 v·S + 1.
 */
export function leaveOneOut(
  vectors: readonly SparseVector[],
  members: readonly number[],
  vocabulary: number,
): number[] {
  const sum = denseSum(vectors, members, vocabulary);
  let sumSquared = 0;
  for (const m of members) {
    const v = vectors[m]!;
    // Each term's square counted once: only at its first member (the one that zeroes it below).
    for (let i = 0; i < v.ids.length; i++) {
      const x = sum[v.ids[i]!]!;
      if (x < 0) continue;
      sumSquared += x * x;
      sum[v.ids[i]!] = -x;
    }
  }
  return members.map((m) => {
    const v = vectors[m]!;
    const d = -denseDot(v, sum);
    const rest = Math.sqrt(Math.max(0, sumSquared - 2 * d + 1));
    return rest > 1e-9 ? Math.max(0, (d - 1) / rest) : 0;
  });
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median cosine of a group's members to the centroid of the batch's other papers. */
export function separation(
  vectors: readonly SparseVector[],
  members: readonly number[],
  batchSum: Float64Array,
): number {
  const inside = denseSum(vectors, members, batchSum.length);
  let outsideSquared = 0;
  for (let t = 0; t < batchSum.length; t++) outsideSquared += (batchSum[t]! - inside[t]!) ** 2;
  const norm = Math.sqrt(outsideSquared);
  if (norm < 1e-9) return 0;
  return median(members.map((m) => (denseDot(vectors[m]!, batchSum) - denseDot(vectors[m]!, inside)) / norm));
}
