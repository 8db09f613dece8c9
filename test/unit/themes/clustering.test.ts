/**
 * The clustering pieces: Louvain on small known graphs, the neighbour graph, leave-one-out
 * cohesion, and the drift bound of stored centroids.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { leaveOneOut } from "../../../src/themes/cohesion";
import { driftCentroid, driftRateFor } from "../../../src/themes/drift";
import { graphFromAdjacency, knnGraph } from "../../../src/themes/knn-graph";
import { louvain } from "../../../src/themes/louvain";
import { normalised, type TermWeights } from "../../../src/themes/sparse";

function graph(n: number, edges: Array<[number, number, number]>) {
  const adjacency = Array.from({ length: n }, () => new Map<number, number>());
  for (const [a, b, w] of edges) {
    adjacency[a]!.set(b, w);
    adjacency[b]!.set(a, w);
  }
  return graphFromAdjacency(adjacency, new Float64Array(n));
}

function clique(nodes: number[], w: number): Array<[number, number, number]> {
  return nodes.flatMap((a, i) => nodes.slice(i + 1).map((b): [number, number, number] => [a, b, w]));
}

describe("louvain", () => {
  it("finds two cliques joined by a weak link, and leaves an isolated node alone", () => {
    const g = graph(9, [...clique([0, 1, 2, 3], 1), ...clique([4, 5, 6, 7], 1), [3, 4, 0.1]]);
    const c = [...louvain(g)];
    expect(new Set(c.slice(0, 4)).size).toBe(1);
    expect(new Set(c.slice(4, 8)).size).toBe(1);
    expect(c[0]).not.toBe(c[4]);
    expect(c[8]).not.toBe(c[0]);
    expect(c[8]).not.toBe(c[4]);
  });

  it("gives fewer communities at a lower resolution", () => {
    const edges = [0, 4, 8, 12].flatMap((s) => clique([s, s + 1, s + 2, s + 3], 1));
    const ring: Array<[number, number, number]> = [3, 7, 11, 15].map((a, i) => [a, [4, 8, 12, 0][i]!, 1]);
    const g = graph(16, [...edges, ...ring]);
    expect(new Set(louvain(g, 1)).size).toBe(4);
    expect(new Set(louvain(g, 0.2)).size).toBeLessThan(4);
  });
});

describe("neighbour graph", () => {
  it("links each vector to its most similar ones, symmetrically", () => {
    const v = [
      normalised([
        [0, 1],
        [1, 1],
      ]),
      normalised([
        [0, 1],
        [1, 0.9],
      ]),
      normalised([[2, 1]]),
      normalised([
        [2, 1],
        [3, 0.2],
      ]),
    ];
    const g = knnGraph(v, 4, 1, 0.05);
    const neighbours = (i: number) => [...g.neighbours.slice(g.offsets[i]!, g.offsets[i + 1]!)];
    expect(neighbours(0)).toEqual([1]);
    expect(neighbours(2)).toEqual([3]);
    expect(neighbours(3)).toEqual([2]);
  });
});

describe("leave-one-out cohesion", () => {
  it("measures a member against the others only", () => {
    const v = [normalised([[0, 1]]), normalised([[0, 1]]), normalised([[1, 1]])];
    const loo = leaveOneOut(v, [0, 1, 2], 2);
    expect(loo[0]).toBeCloseTo(1 / Math.SQRT2, 9); // others: (0,1)+(1,0) direction
    expect(loo[2]).toBeCloseTo(0, 9);
  });
});

describe("centroid drift", () => {
  const termMap = fc.dictionary(
    fc.constantFrom(..."abcdefghijklmnop".split("")),
    fc.double({ min: 0.001, max: 1, noNaN: true }),
    { minKeys: 1 },
  );

  it("never moves a stored centroid below cosine 1 − rate", () => {
    const cosine = (a: TermWeights, b: TermWeights) => {
      const n = (m: TermWeights) => Math.sqrt(Object.values(m).reduce((s, w) => s + w * w, 0));
      return Object.entries(a).reduce((s, [t, w]) => s + w * (b[t] ?? 0), 0) / (n(a) * n(b));
    };
    fc.assert(
      fc.property(termMap, termMap, fc.double({ min: 0, max: 0.5, noNaN: true }), (old, fresh, rate) => {
        const next = driftCentroid(old, fresh, rate, 120);
        expect(cosine(old, next)).toBeGreaterThanOrEqual(1 - rate - 1e-3);
      }),
    );
  });

  it("is a running mean for young themes, capped at the drift rate", () => {
    expect(driftRateFor(0.2, 5, 5)).toBe(0.2);
    expect(driftRateFor(0.2, 5, 95)).toBeCloseTo(0.05, 9);
    expect(driftRateFor(0.2, 0, 10)).toBe(0);
  });
});
