/** How a record changes a paper's current view: creating it, filling gaps, or a new version. */

import { sketchPlainText } from "./similarity/shingles";
import { compareSketches } from "./similarity/text-similarity";
import type { NewVersionRow, PaperState, PreparedRecord, VersionChanges } from "./types";

export function maxVersion(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

export function versionRowFor(paperKey: string, record: PreparedRecord): NewVersionRow {
  return {
    paperKey,
    version: record.version,
    fingerprint: record.fingerprint,
    abstract: record.abstract,
    title: record.title,
    comments: record.comments,
    doi: record.doi,
    journalRef: record.journalRef,
    submittedAt: record.updatedAt ?? record.createdAt,
    sourceFormat: record.format,
  };
}

export function paperFromRecord(key: string, record: PreparedRecord, now: number): PaperState {
  return {
    key,
    arxivId: record.arxivId,
    title: record.title,
    headline: record.headline,
    abstract: record.abstract,
    abstractPlain: record.abstractPlain,
    authors: record.authors,
    categories: record.categories,
    comments: record.comments,
    doi: record.doi,
    journalRef: record.journalRef,
    codeLinks: record.codeLinks,
    latestVersion: record.version,
    fingerprint: record.fingerprint,
    publishedAt: record.createdAt,
    updatedAt: record.updatedAt,
    firstSeenAt: now,
    lastChangedAt: now,
  };
}

/** Metadata a duplicate may add to a paper that lacks it (contract: merged in silently). */
const MERGEABLE_FIELDS = ["title", "comments", "doi", "journalRef"] as const;

/** Fills what the paper lacks from the record; returns the names of the fields filled. */
export function mergeMissingMetadata(paper: PaperState, record: PreparedRecord): string[] {
  const filled: string[] = [];
  for (const field of MERGEABLE_FIELDS) {
    if (paper[field] === null && record[field] !== null) {
      paper[field] = record[field];
      filled.push(field);
    }
  }
  if (filled.includes("title") && paper.title) paper.headline = record.headline;
  if (paper.authors.length === 0 && record.authors.length > 0) {
    paper.authors = record.authors;
    filled.push("authors");
  }
  if (paper.categories.length === 0 && record.categories.length > 0) {
    paper.categories = record.categories;
    filled.push("categories");
  }
  if (paper.publishedAt === null && record.createdAt !== null) {
    paper.publishedAt = record.createdAt;
    filled.push("publishedAt");
  }
  return filled;
}

/** What a new version changes, measured before it is applied. */
export function describeChanges(paper: PaperState, record: PreparedRecord): VersionChanges {
  const similarity = compareSketches(sketchPlainText(paper.abstractPlain), record.sketch).jaccard;
  return {
    fromVersion: paper.latestVersion,
    toVersion: record.version,
    abstractSimilarity: Math.round(similarity * 1000) / 1000,
    titleChanged: record.title !== null && paper.title !== null && record.title !== paper.title,
    commentsChanged: record.comments !== null && record.comments !== paper.comments,
    doiAdded: paper.doi === null ? record.doi : null,
    journalRefAdded: paper.journalRef === null ? record.journalRef : null,
  };
}

/** A later version (or changed text) replaces the paper's current view. */
export function applyNewVersion(paper: PaperState, record: PreparedRecord, now: number): void {
  const title = record.title ?? paper.title;
  paper.title = title;
  // A derived headline follows the new abstract; a real title wins over any derived one.
  paper.headline = record.title !== null || paper.title === null ? record.headline : paper.headline;
  paper.abstract = record.abstract;
  paper.abstractPlain = record.abstractPlain;
  paper.fingerprint = record.fingerprint;
  paper.codeLinks = record.codeLinks;
  paper.latestVersion = maxVersion(paper.latestVersion, record.version);
  if (record.authors.length > 0) paper.authors = record.authors;
  if (record.categories.length > 0) paper.categories = record.categories;
  paper.comments = record.comments ?? paper.comments;
  paper.doi = record.doi ?? paper.doi;
  paper.journalRef = record.journalRef ?? paper.journalRef;
  paper.publishedAt = paper.publishedAt ?? record.createdAt;
  paper.updatedAt = record.updatedAt ?? record.createdAt ?? paper.updatedAt;
  paper.lastChangedAt = now;
}
