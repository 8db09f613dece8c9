/**
 * A subscription's reading list (issue #15): the papers its readers saved, for `/paper saved` and
 * as BibTeX for `GET /api/subscriptions/{id}/saved.bib`.
 */
import type { Database } from "../db/client";
import { type SavedPage, savedPapers } from "../db/queries/reading-list";
import { MAX_BIBTEX_ENTRIES } from "../interests/bibtex";
import { type BibtexPaper, toBibtex } from "../interests/bibtex-export";

/**
 * Papers in one export: as many as PUT …/interests reads from a BibTeX export, so the file can
 * seed another subscription as it is.
 */
export const MAX_EXPORTED = MAX_BIBTEX_ENTRIES;

export function readingList(db: Database, subscriptionId: string, limit: number): Promise<SavedPage> {
  return savedPapers(db, subscriptionId, limit);
}

function urlOf(arxivId: string | null, doi: string | null): string | null {
  if (arxivId) return `https://arxiv.org/abs/${arxivId}`;
  return doi ? `https://doi.org/${doi}` : null;
}

/** The saved papers as a BibTeX file, newest save first; `total` may exceed the papers written. */
export async function savedBibtex(
  db: Database,
  subscriptionId: string,
): Promise<{ bibtex: string; papers: number; total: number }> {
  const page = await savedPapers(db, subscriptionId, MAX_EXPORTED);
  const papers: BibtexPaper[] = page.papers.map((p) => ({
    arxivId: p.arxivId,
    title: p.title,
    authors: p.authors,
    categories: p.categories,
    doi: p.doi,
    publishedAt: p.publishedAt,
    url: urlOf(p.arxivId, p.doi),
  }));
  return { bibtex: toBibtex(papers), papers: papers.length, total: page.total };
}
