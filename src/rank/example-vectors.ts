/**
 * Decoded example vectors, kept per isolate by their stored text. A subscription's examples (up to
 * 500 seeds and signals) are decoded on every ranking of it, ~26 µs each, and the same papers
 * come back: the next request for the same subscription, a seed many subscriptions share, the
 * fan-out's next message. Keyed by the stored text itself, so a paper whose vector is rewritten is
 * never answered from an old entry; returning the same object lets a prepared week remember its
 * projection (week.ts `project`). Least recently used first out: an entry is ~6 KB (the text and
 * the decoded arrays), so the bound keeps this near 12 MB of an isolate's 128 MB.
 */
import { decodePaperVector } from "./codec";
import type { PaperVector } from "./paper-vector";

export const MAX_KEPT_EXAMPLES = 2_000;

const kept = new Map<string, PaperVector>();

export function decodeExampleVector(stored: string): PaperVector | null {
  const hit = kept.get(stored);
  if (hit) {
    // Map order is insertion order: re-inserting makes it the most recently used.
    kept.delete(stored);
    kept.set(stored, hit);
    return hit;
  }
  const decoded = decodePaperVector(stored);
  if (decoded === null) return null;
  kept.set(stored, decoded);
  if (kept.size > MAX_KEPT_EXAMPLES) kept.delete(kept.keys().next().value!);
  return decoded;
}

/** Empties the cache (benchmarks measure the first ranking of a subscription with it). */
export function forgetExampleVectors(): void {
  kept.clear();
}
