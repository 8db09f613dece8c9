/**
 * The order papers are processed in, from their ids alone (a seeded hash; ties broken by the
 * text): every step downstream (vocabulary numbering, graph, Louvain's visiting order) then
 * sees the same sequence however the caller ordered the input, so results do not depend on it.
 */
import type { ThemePaper } from "./types";

/** 32-bit FNV-1a of the seed and a string: the canonical order key. */
function orderKey(seed: number, text: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export function canonicalOrder(papers: readonly ThemePaper[], seed: number): number[] {
  const keys = papers.map((p) => orderKey(seed, p.id));
  const text = (p: ThemePaper) => `${p.id}\u0000${p.title ?? ""}\u0000${p.abstract}`;
  return papers
    .map((_, i) => i)
    .sort(
      (a, b) =>
        keys[a]! - keys[b]! ||
        (text(papers[a]!) < text(papers[b]!) ? -1 : text(papers[a]!) > text(papers[b]!) ? 1 : 0),
    );
}
