/**
 * Counting verdicts, the one place: ingest batches store these counts, the harvest audit shows them,
 * and the CLI and benchmarks print them. Sparse: a verdict that did not occur is absent, which is
 * how they are stored and answered as JSON (`{"new": 10, "duplicate": 2}`).
 */
import { VERDICTS, type Verdict } from "./types";

export type VerdictCounts = Partial<Record<Verdict, number>>;

export function countVerdicts(outcomes: Iterable<{ verdict: Verdict }>): VerdictCounts {
  const counts: VerdictCounts = {};
  for (const { verdict } of outcomes) counts[verdict] = (counts[verdict] ?? 0) + 1;
  return counts;
}

export function addVerdictCounts(a: VerdictCounts, b: VerdictCounts): VerdictCounts {
  const sum: VerdictCounts = { ...a };
  for (const verdict of VERDICTS) {
    const n = b[verdict];
    if (n !== undefined) sum[verdict] = (sum[verdict] ?? 0) + n;
  }
  return sum;
}

/** How many records the counts cover. */
export function countedRecords(counts: VerdictCounts): number {
  return VERDICTS.reduce((total, verdict) => total + (counts[verdict] ?? 0), 0);
}

/** `10 new, 2 duplicate`: only the verdicts that occurred, in the contract's order. */
export function describeCounts(counts: VerdictCounts): string {
  const parts = VERDICTS.filter((v) => (counts[v] ?? 0) > 0).map((v) => `${counts[v]} ${v}`);
  return parts.length > 0 ? parts.join(", ") : "nothing";
}
