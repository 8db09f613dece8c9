/**
 * Decoded example vectors, kept per isolate. A subscription's examples (up to 500 seeds and
 * signals) are needed on every ranking of it, and the same papers come back: the next request for
 * the same subscription, a seed many subscriptions share, the fan-out's next message. An entry is
 * kept under an id that changes whenever the stored vector does: the paper's key and its vector's
 * tag (papers.rank_vector_tag), or the stored text itself where there is no tag. So an old entry
 * is never answered for a rewritten vector, and a caller holding the tag need not read the vector
 * (~2.5 KB) to use the entry. Returning the same object lets a prepared week remember its
 * projection (week.ts `project`). Least recently used first out: an entry is ~3.5 KB (the decoded
 * arrays; ~6 KB when keyed by its text), so the bound keeps this under 12 MB of an isolate's 128 MB.
 */
import { decodePaperVector } from "./codec";
import type { PaperVector } from "./paper-vector";

export const MAX_KEPT_EXAMPLES = 2_000;

const kept = new Map<string, PaperVector>();

/** The id of a tagged vector's entry. */
export function exampleVectorId(paperKey: string, tag: string): string {
  return `${paperKey}\n${tag}`;
}

/** The vector kept under `id`, now the most recently used; undefined when it is not kept. */
export function keptExampleVector(id: string): PaperVector | undefined {
  const hit = kept.get(id);
  if (hit) {
    // Map order is insertion order: re-inserting makes it the most recently used.
    kept.delete(id);
    kept.set(id, hit);
  }
  return hit;
}

/** `stored` decoded (null when it does not parse), kept under `id`: the text itself unless tagged. */
export function decodeExampleVector(stored: string, id: string = stored): PaperVector | null {
  const hit = keptExampleVector(id);
  if (hit) return hit;
  const decoded = decodePaperVector(stored);
  if (decoded === null) return null;
  kept.set(id, decoded);
  if (kept.size > MAX_KEPT_EXAMPLES) kept.delete(kept.keys().next().value!);
  return decoded;
}

/** Empties the cache (benchmarks measure the first ranking of a subscription with it). */
export function forgetExampleVectors(): void {
  kept.clear();
}
