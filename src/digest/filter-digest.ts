/**
 * A subscriber's view of a digest: only the themes they chose (any of), then only the papers whose
 * title or summary contains every word of their query. No filters: the whole digest.
 */
import type { Digest, DigestPaper, DigestTheme } from "./types";

export interface DigestFilter {
  themes: string[];
  query: string | null;
}

function queryWords(query: string | null): string[] {
  return (query ?? "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

function matches(paper: DigestPaper, words: string[]): boolean {
  if (words.length === 0) return true;
  const haystack = ` ${`${paper.title} ${paper.summary}`.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ")} `;
  return words.every((w) => haystack.includes(` ${w}`));
}

export function filterDigest(digest: Digest, filter: DigestFilter): Digest {
  const wanted = new Set(filter.themes);
  const words = queryWords(filter.query);
  const themes: DigestTheme[] = digest.themes
    .filter((t) => wanted.size === 0 || wanted.has(t.id))
    .map((t) => ({
      ...t,
      papers: t.papers.filter((p) => matches(p, words)),
      updated: t.updated.filter((p) => matches(p, words)),
    }))
    .filter((t) => t.papers.length + t.updated.length > 0);
  const filtered = wanted.size > 0 || words.length > 0;
  return {
    ...digest,
    themes,
    // "Seen before" is about papers already delivered; a filtered view keeps only the ones it would show.
    seenBefore: filtered ? [] : digest.seenBefore,
  };
}

/** True when there is nothing to send. */
export function isEmptyDigest(digest: Digest): boolean {
  return (
    digest.themes.every((t) => t.papers.length + t.updated.length === 0) && digest.seenBefore.length === 0
  );
}
