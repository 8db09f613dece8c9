import type { ParsedRecord, SourceFormat } from "../ingest/types";
import type { TextSketch } from "./similarity/shingles";

export const VERDICTS = ["new", "duplicate", "new-version", "near-duplicate", "invalid"] as const;
export type Verdict = (typeof VERDICTS)[number];

/** A parsed record with everything derived from it that identity and storage need. */
export interface PreparedRecord extends ParsedRecord {
  fingerprint: string;
  headline: string;
  abstractPlain: string;
  codeLinks: string[];
  /** Folded words and hashed word 3-grams of the plain text (identify/similarity/shingles.ts). */
  sketch: TextSketch;
  /** Candidate keys: LSH bands of its MinHash signature and its sentence keys (identify/similarity/). */
  bandKeys: number[];
}

/** The current view of a stored paper (mirrors the `papers` table). */
export interface PaperState {
  key: string;
  arxivId: string | null;
  title: string | null;
  headline: string;
  abstract: string;
  abstractPlain: string;
  authors: string[];
  categories: string[];
  comments: string | null;
  doi: string | null;
  journalRef: string | null;
  codeLinks: string[];
  latestVersion: number | null;
  fingerprint: string;
  publishedAt: string | null;
  updatedAt: string | null;
  firstSeenAt: number;
  lastChangedAt: number;
}

/** One stored version row (`paper_versions`); `id` is null for rows not yet written. */
export interface VersionState {
  id: number | null;
  paperKey: string;
  version: number | null;
  fingerprint: string;
  /** The version's abstract as written: near-duplicate candidates are confirmed against it. */
  abstract: string;
}

export interface NewVersionRow {
  paperKey: string;
  version: number | null;
  fingerprint: string;
  abstract: string;
  title: string | null;
  comments: string | null;
  doi: string | null;
  journalRef: string | null;
  submittedAt: string | null;
  sourceFormat: SourceFormat;
}

export interface BandRow {
  bandKey: number;
  paperKey: string;
}

/** An id-less paper taken over by its id'd twin: its rows move, its key becomes an alias. */
export interface Absorption {
  fromKey: string;
  intoKey: string;
  similarity: number;
}

export interface MatchRow {
  paperKey: string;
  fingerprint: string;
  verdict: "duplicate" | "near-duplicate";
  similarity: number;
  sourceFormat: SourceFormat;
}

/** What one record amounts to, as reported in the ingest response. */
export interface RecordOutcome {
  index: number;
  key: string | null;
  arxivId: string | null;
  version: number | null;
  title: string | null;
  verdict: Verdict;
  matchOf?: string;
  similarity?: number;
  /** Why a verdict is what it is, where that is not obvious (e.g. an older version). */
  note?: string;
  /** For `new-version`: what changed against the paper's previous latest version. */
  changes?: VersionChanges;
}

export interface VersionChanges {
  fromVersion: number | null;
  toVersion: number | null;
  /** Jaccard similarity of the new abstract to the previous one (1 = same words). */
  abstractSimilarity: number;
  titleChanged: boolean;
  commentsChanged: boolean;
  doiAdded: string | null;
  journalRefAdded: string | null;
}
