/** The public JSON shape of GET /api/papers/{ref}. */
import type { PaperDetailRows } from "../db/queries/paper-detail";
import { arxivLinks } from "../digest/arxiv-links";
import { isoWeekOf } from "../digest/iso-week";
import { OTHER_LABEL } from "../digest/other-theme";
import { tldr } from "../ingest/text/tldr";
import { OTHER_THEME_ID } from "../themes";

const iso = (ms: number) => new Date(ms).toISOString();

export function paperView(
  { paper, versions, matches, aliases, theme }: PaperDetailRows,
  requestedVersion: number | null,
) {
  return {
    key: paper.key,
    arxivId: paper.arxivId,
    title: paper.title,
    headline: paper.headline,
    authors: paper.authors,
    categories: paper.categories,
    abstract: paper.abstract,
    abstractPlain: paper.abstractPlain,
    tldr: tldr(paper.abstractPlain),
    comments: paper.comments,
    doi: paper.doi,
    journalRef: paper.journalRef,
    codeLinks: paper.codeLinks,
    latestVersion: paper.latestVersion,
    requestedVersion,
    publishedAt: paper.publishedAt,
    updatedAt: paper.updatedAt,
    firstSeenAt: iso(paper.firstSeenAt),
    lastChangedAt: iso(paper.lastChangedAt),
    // The digest of the week the paper was first seen in (a live preview while that week runs).
    digestWeek: isoWeekOf(paper.firstSeenAt),
    // Decided when that week's digest is published; null until then.
    theme: theme && {
      id: theme.id,
      label: theme.label ?? (theme.id === OTHER_THEME_ID ? OTHER_LABEL : theme.id),
      week: theme.week,
    },
    links: arxivLinks(paper.arxivId),
    versions: versions.map((v) => ({
      version: v.version,
      title: v.title,
      abstract: v.abstract,
      comments: v.comments,
      doi: v.doi,
      journalRef: v.journalRef,
      submittedAt: v.submittedAt,
      sourceFormat: v.sourceFormat,
      firstSeenAt: iso(v.seenAt),
    })),
    // Earlier keys of this paper (id-less copies it absorbed); they still resolve here.
    aliases: aliases.map((a) => ({ key: a.aliasKey, similarity: a.similarity, mergedAt: iso(a.createdAt) })),
    // Records that matched this paper by their text rather than an id.
    duplicates: matches.map((m) => ({
      verdict: m.verdict,
      similarity: m.similarity,
      fingerprint: m.fingerprint,
      sourceFormat: m.sourceFormat,
      firstSeenAt: iso(m.seenAt),
    })),
  };
}
