/**
 * Bounds near-duplicate work per record: of the papers sharing candidate keys with a record,
 * only the few sharing the most keys are worth confirming (a true copy shares most of its
 * bands and sentences; a paper that shares one stock sentence shares little else). Without
 * this bound a corpus full of shared sentences makes every record drag in dozens of papers.
 */
export const MAX_CANDIDATES_PER_RECORD = 5;

export function topCandidates(
  keys: Iterable<number>,
  papersFor: (key: number) => Iterable<string>,
  accept: (paperKey: string) => boolean,
  limit = MAX_CANDIDATES_PER_RECORD,
): string[] {
  const hits = new Map<string, number>();
  for (const key of keys) {
    for (const paperKey of papersFor(key)) {
      if (accept(paperKey)) hits.set(paperKey, (hits.get(paperKey) ?? 0) + 1);
    }
  }
  return [...hits]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([paperKey]) => paperKey);
}
