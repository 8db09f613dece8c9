/**
 * Papers → themes, the number of themes found rather than given:
 *  1. a k-nearest-neighbour similarity graph (knn-graph.ts);
 *  2. Louvain modularity communities on it (louvain.ts): the stopping rule that sets how many
 *     (if the resolution leaves no community of the minimum size, plain modularity, γ = 1);
 *  3. communities smaller than `minThemeSize` are not themes; their papers are set loose;
 *  4. a few rounds of spherical k-means from the communities' centroids: every paper moves to
 *     the theme whose centroid it is most similar to. Graph communities have ragged edges (a
 *     paper follows whichever neighbours it happened to link to); this makes each theme the set
 *     of papers nearest its centroid, the same rule used to place next week's papers, and
 *     raised agreement with arXiv categories in the benchmark;
 *  5. strays go to Other: a member whose similarity to the rest of its theme (cosine to the
 *     centroid of the other members, "leave-one-out") is under `strayShare` of the theme's
 *     median member's, or under `strayFloor`. Relative, because themes differ in tightness: in a
 *     broad theme every member is loosely tied, in a tight one a loose member is a stray;
 *  6. a group must stand apart: its median member must be closer to the rest of the group than
 *     to the rest of the batch (cosine to the centroid of all non-members), i.e. cohesion >
 *     separation. No fixed cosine works for this, since a big group of random papers already
 *     looks cohesive through common words; real themes measured 1.05–1.9× more cohesive than
 *     separated, the loose groups that a week's leftovers form 0.6–0.8×.
 * Pure and deterministic: the result depends only on the vectors and their order.
 */

import { leaveOneOut, median, separation } from "./cohesion";
import { knnGraph } from "./knn-graph";
import { louvain } from "./louvain";
import { denseSum, type SparseVector } from "./sparse";

export interface ClusterParams {
  /** Neighbours per paper in the similarity graph. */
  neighbours: number;
  /** Links weaker than this cosine are not made (unrelated papers stay unlinked). */
  minLinkSimilarity: number;
  /** Louvain resolution: above 1, more and smaller themes. */
  resolution: number;
  minThemeSize: number;
  refineRounds: number;
  /** A member under this share of the median member's leave-one-out cosine is a stray. */
  strayShare: number;
  /** …or under this cosine, whatever the median. */
  strayFloor: number;
  /**
   * Dense sum of every paper vector of the batch (the "rest of the batch" is this minus a
   * group), when the vectors clustered are only part of it; default: their own sum.
   */
  batchSum?: Float64Array;
}

export interface Clustering {
  /** Member indices of each theme, largest theme first, members ascending. */
  groups: number[][];
  other: number[];
  /** Median leave-one-out similarity of each group's members: how tight the theme is. */
  cohesion: number[];
}

/** Groups by label, keeping only those of at least `minSize` (label -1 = unassigned). */
function groupsOf(labels: ArrayLike<number>, minSize: number): number[][] {
  const byLabel = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    if (l < 0) continue;
    const members = byLabel.get(l);
    if (members) members.push(i);
    else byLabel.set(l, [i]);
  }
  return [...byLabel.values()].filter((g) => g.length >= minSize);
}

/**
 * Nearest-centroid rounds (spherical k-means) from the starting groups; -1 = no shared term.
 * Centroids are held term-major (term t's weights for all groups side by side), so scoring a
 * paper against every centroid is one pass over its terms.
 */
function refine(
  vectors: readonly SparseVector[],
  vocabulary: number,
  start: number[][],
  p: ClusterParams,
): number[][] {
  let groups = start;
  const labels = new Int32Array(vectors.length).fill(-1);
  for (let round = 0; round < p.refineRounds && groups.length > 0; round++) {
    const g = groups.length;
    const matrix = new Float64Array(vocabulary * g);
    groups.forEach((members, k) => {
      const sum = denseSum(vectors, members, vocabulary);
      let norm = 0;
      for (const x of sum) norm += x * x;
      norm = Math.sqrt(norm) || 1;
      for (let t = 0; t < vocabulary; t++) if (sum[t]) matrix[t * g + k] = sum[t]! / norm;
    });
    const scores = new Float64Array(g);
    let changed = 0;
    vectors.forEach((v, i) => {
      scores.fill(0);
      for (let j = 0; j < v.ids.length; j++) {
        const w = v.weights[j]!;
        const row = v.ids[j]! * g;
        for (let k = 0; k < g; k++) scores[k]! += w * matrix[row + k]!;
      }
      let best = -1;
      let bestSim = 0;
      for (let k = 0; k < g; k++) {
        if (scores[k]! > bestSim) {
          best = k;
          bestSim = scores[k]!;
        }
      }
      if (labels[i] !== best) changed++;
      labels[i] = best;
    });
    groups = groupsOf(labels, p.minThemeSize);
    // Settled: fewer than 1 paper in 200 moved (the benchmark's figures stop changing there).
    if (round > 0 && changed * 200 < vectors.length) break;
  }
  return groups;
}

/**
 * Drops strays until none is left (at most 3 rounds: each removal tightens the theme, which can
 * expose the next loosest member, but a fourth round never changed anything in the benchmark).
 */
function withoutStrays(
  vectors: readonly SparseVector[],
  vocabulary: number,
  group: number[],
  p: ClusterParams,
): { members: number[]; typical: number } {
  let members = group;
  let loo = leaveOneOut(vectors, members, vocabulary);
  for (let round = 0; round < 3 && members.length >= p.minThemeSize; round++) {
    const floor = Math.max(p.strayFloor, p.strayShare * median(loo));
    const kept = members.filter((_, i) => loo[i]! >= floor);
    if (kept.length === members.length) break;
    members = kept;
    loo = leaveOneOut(vectors, members, vocabulary);
  }
  return { members, typical: median(loo) };
}

export function clusterVectors(
  vectors: readonly SparseVector[],
  vocabulary: number,
  p: ClusterParams,
): Clustering {
  const n = vectors.length;
  if (n === 0) return { groups: [], other: [], cohesion: [] };
  const graph = knnGraph(vectors, vocabulary, Math.min(p.neighbours, n - 1), p.minLinkSimilarity);
  let communities = groupsOf(louvain(graph, p.resolution), p.minThemeSize);
  // Above 1, the resolution can shatter a batch that is one tight group (identical abstracts, a
  // few papers on one topic) into pieces below the minimum size; plain modularity then decides.
  if (communities.length === 0 && p.resolution > 1) communities = groupsOf(louvain(graph, 1), p.minThemeSize);
  const refined = refine(vectors, vocabulary, communities, p);
  const batchSum = p.batchSum ?? denseSum(vectors, vectors.keys(), vocabulary);

  const groups: number[][] = [];
  const cohesion: number[] = [];
  for (const g of refined) {
    const { members, typical } = withoutStrays(vectors, vocabulary, g, p);
    if (members.length < p.minThemeSize || typical <= separation(vectors, members, batchSum)) continue;
    groups.push(members);
    cohesion.push(typical);
  }
  const order = groups
    .map((_, i) => i)
    .sort((a, b) => groups[b]!.length - groups[a]!.length || groups[a]![0]! - groups[b]![0]!);
  const inGroup = new Set(groups.flat());
  return {
    groups: order.map((i) => groups[i]!),
    cohesion: order.map((i) => cohesion[i]!),
    other: vectors.map((_, i) => i).filter((i) => !inGroup.has(i)),
  };
}
