import { VERDICTS, type Verdict } from "../../src/identify/types";

export type VerdictCounts = Record<Verdict, number>;

export function emptyCounts(): VerdictCounts {
  return Object.fromEntries(VERDICTS.map((v) => [v, 0])) as VerdictCounts;
}

export function countVerdicts(
  outcomes: ReadonlyArray<{ verdict: Verdict }>,
  into = emptyCounts(),
): VerdictCounts {
  for (const outcome of outcomes) into[outcome.verdict]++;
  return into;
}

export function addCounts(total: VerdictCounts, more: VerdictCounts): VerdictCounts {
  for (const verdict of VERDICTS) total[verdict] += more[verdict];
  return total;
}

export function sumCounts(counts: VerdictCounts): number {
  return VERDICTS.reduce((sum, verdict) => sum + counts[verdict], 0);
}

/** `10 new, 2 duplicate` — only the verdicts that occurred. */
export function describeCounts(counts: VerdictCounts): string {
  const parts = VERDICTS.filter((v) => counts[v] > 0).map((v) => `${counts[v]} ${v}`);
  return parts.length > 0 ? parts.join(", ") : "nothing";
}
