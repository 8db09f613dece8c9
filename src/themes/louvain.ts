/**
 * Louvain community detection (Blondel et al., 2008): how the engine picks the number of themes.
 * Modularity Q compares the link weight inside groups with what groups of the same total degree
 * would get by chance. Nodes move to the neighbouring group that raises Q most; groups then become
 * nodes of a smaller graph and the process repeats. It stops when no move raises Q: two groups
 * are merged only while they share more links than chance predicts, which is the data-driven
 * stopping rule. `resolution` (γ) scales the chance term; γ > 1 yields more, smaller groups.
 *
 * Deterministic: nodes are visited in seeded shuffled orders, ties keep the current group, then
 * the first group met.
 */
import { type Graph, graphFromAdjacency } from "./knn-graph";

const MAX_PASSES = 50;
const MAX_LEVELS = 20;

/**
 * One round of local moves, visiting nodes in a seeded shuffled order; returns each node's group
 * (renumbered 0..g-1) or null if none moved.
 */
function moveNodes(g: Graph, resolution: number, random: () => number): Int32Array | null {
  const n = g.loops.length;
  const degree = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    let d = 2 * g.loops[i]!;
    for (let p = g.offsets[i]!; p < g.offsets[i + 1]!; p++) d += g.weights[p]!;
    degree[i] = d;
    total += d;
  }
  if (total === 0) return null;
  const group = Int32Array.from({ length: n }, (_, i) => i);
  const groupDegree = Float64Array.from(degree);
  const linkTo = new Float64Array(n);
  const seen: number[] = [];
  let movedAny = false;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let moved = false;
    for (const i of order) {
      const own = group[i]!;
      for (let p = g.offsets[i]!; p < g.offsets[i + 1]!; p++) {
        const c = group[g.neighbours[p]!]!;
        if (linkTo[c] === 0) seen.push(c);
        linkTo[c]! += g.weights[p]!;
      }
      groupDegree[own]! -= degree[i]!;
      const scale = (resolution * degree[i]!) / total;
      let best = own;
      let bestGain = linkTo[own]! - scale * groupDegree[own]!;
      for (const c of seen) {
        const gain = linkTo[c]! - scale * groupDegree[c]!;
        if (gain > bestGain + 1e-12) {
          best = c;
          bestGain = gain;
        }
      }
      for (const c of seen) linkTo[c] = 0;
      seen.length = 0;
      groupDegree[best]! += degree[i]!;
      if (best !== own) {
        group[i] = best;
        moved = true;
        movedAny = true;
      }
    }
    if (!moved) break;
  }
  if (!movedAny) return null;
  const renumber = new Map<number, number>();
  return group.map((c) => {
    if (!renumber.has(c)) renumber.set(c, renumber.size);
    return renumber.get(c)!;
  });
}

/** The graph whose nodes are the groups of `g` (links inside a group become its loop weight). */
function aggregate(g: Graph, group: Int32Array, groups: number): Graph {
  const adjacency = Array.from({ length: groups }, () => new Map<number, number>());
  const loops = new Float64Array(groups);
  for (let i = 0; i < group.length; i++) {
    const a = group[i]!;
    loops[a]! += g.loops[i]!;
    for (let p = g.offsets[i]!; p < g.offsets[i + 1]!; p++) {
      const b = group[g.neighbours[p]!]!;
      // Each undirected link is listed at both ends: half of it per listing.
      if (a === b) loops[a]! += g.weights[p]! / 2;
      else adjacency[a]!.set(b, (adjacency[a]!.get(b) ?? 0) + g.weights[p]!);
    }
  }
  return graphFromAdjacency(adjacency, loops);
}

/** xorshift32: a small seeded generator, so shuffles are the same on every run and runtime. */
function seeded(seed: number): () => number {
  let state = seed >>> 0 || 0x9e3779b9;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

/** Modularity of a partition: Σ over groups of (inside weight / m) − γ (group degree / 2m)². */
export function modularity(graph: Graph, group: Int32Array, resolution: number): number {
  const inside = new Map<number, number>();
  const degree = new Map<number, number>();
  let total = 0;
  for (let i = 0; i < group.length; i++) {
    const c = group[i]!;
    let d = 2 * graph.loops[i]!;
    let own = graph.loops[i]!;
    for (let p = graph.offsets[i]!; p < graph.offsets[i + 1]!; p++) {
      d += graph.weights[p]!;
      if (group[graph.neighbours[p]!] === c) own += graph.weights[p]! / 2;
    }
    degree.set(c, (degree.get(c) ?? 0) + d);
    inside.set(c, (inside.get(c) ?? 0) + own);
    total += d;
  }
  if (total === 0) return 0;
  let q = 0;
  for (const [c, d] of degree) q += (2 * inside.get(c)!) / total - resolution * (d / total) ** 2;
  return q;
}

/** One Louvain run from a seeded visiting order. */
function louvainOnce(graph: Graph, resolution: number, seed: number): Int32Array {
  const random = seeded(seed);
  let membership = Int32Array.from({ length: graph.loops.length }, (_, i) => i);
  let g = graph;
  for (let level = 0; level < MAX_LEVELS; level++) {
    const group = moveNodes(g, resolution, random);
    if (!group) break;
    membership = membership.map((m) => group[m]!);
    const groups = Math.max(-1, ...group) + 1;
    if (groups === g.loops.length) break;
    g = aggregate(g, group, groups);
  }
  return membership;
}

/**
 * Community of each node (numbered 0..c-1 in order of each community's first node): the best,
 * by modularity, of `runs` Louvain runs with different seeded visiting orders. One greedy run
 * depends on the order nodes are visited in; the best of several is both better and far less
 * sensitive to small changes in the input.
 */
export function louvain(graph: Graph, resolution = 1, runs = 8, seed = 1): Int32Array {
  let best: Int32Array = new Int32Array(0);
  let bestQ = Number.NEGATIVE_INFINITY;
  for (let r = 0; r < runs; r++) {
    const membership = louvainOnce(graph, resolution, Math.imul(seed + r, 0x9e3779b1));
    const q = modularity(graph, membership, resolution);
    if (q > bestQ + 1e-12) {
      best = membership;
      bestQ = q;
    }
  }
  const renumber = new Map<number, number>();
  return best.map((c) => {
    if (!renumber.has(c)) renumber.set(c, renumber.size);
    return renumber.get(c)!;
  });
}
