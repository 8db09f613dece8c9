/**
 * The verdict engine: pure, no I/O. It starts from a snapshot of what storage holds for
 * the batch's ids and fingerprints, walks the records in input order, and updates its own
 * index as it goes, so a paper repeated inside one request (a cross-list) is a duplicate
 * of its first occurrence. It returns each record's outcome and the writes to make.
 */
import { keyForArxivId } from "../ingest/arxiv-id";
import { keyForFingerprint } from "./fingerprint";
import type {
  MatchRow,
  NewVersionRow,
  PaperState,
  PreparedRecord,
  RecordOutcome,
  VersionState,
} from "./types";

export interface StoredSnapshot {
  papers: PaperState[];
  versions: VersionState[];
  /** Existing `record_matches` rows for the batch's fingerprints. */
  matches: Array<{ paperKey: string; fingerprint: string }>;
}

export interface IdentityChanges {
  /** Final state of every paper the batch creates or changes, by key. */
  papers: Map<string, { state: PaperState; isNew: boolean }>;
  versionInserts: NewVersionRow[];
  /** A version number learnt for a stored version row that had none. */
  versionNumberUpdates: Array<{ id: number; version: number }>;
  matchInserts: MatchRow[];
}

interface TrackedVersion extends VersionState {
  /** Set for a row created in this batch: updates go to the pending insert. */
  pending?: NewVersionRow;
}

/** Metadata a duplicate may add to a paper that lacks it (contract: merged in silently). */
const MERGEABLE_FIELDS = ["title", "comments", "doi", "journalRef"] as const;

class IdentityIndex {
  private readonly papers = new Map<string, PaperState>();
  private readonly versions = new Map<string, TrackedVersion[]>();
  private readonly keyByFingerprint = new Map<string, string>();
  private readonly knownMatches = new Set<string>();

  constructor(snapshot: StoredSnapshot) {
    for (const paper of snapshot.papers) this.papers.set(paper.key, { ...paper });
    for (const version of snapshot.versions) this.addVersion({ ...version });
    for (const match of snapshot.matches) {
      this.knownMatches.add(matchId(match.paperKey, match.fingerprint));
      this.registerFingerprint(match.fingerprint, match.paperKey);
    }
  }

  paper(key: string): PaperState | undefined {
    return this.papers.get(key);
  }

  putPaper(paper: PaperState): void {
    this.papers.set(paper.key, paper);
  }

  versionsOf(key: string): TrackedVersion[] {
    return this.versions.get(key) ?? [];
  }

  addVersion(version: TrackedVersion): void {
    const list = this.versions.get(version.paperKey);
    if (list) list.push(version);
    else this.versions.set(version.paperKey, [version]);
    this.registerFingerprint(version.fingerprint, version.paperKey);
  }

  paperKeyForText(fingerprint: string): string | undefined {
    return this.keyByFingerprint.get(fingerprint);
  }

  /** Returns true the first time a (paper, text) match is seen. */
  recordMatch(paperKey: string, fingerprint: string): boolean {
    const id = matchId(paperKey, fingerprint);
    if (this.knownMatches.has(id)) return false;
    this.knownMatches.add(id);
    return true;
  }

  // When one text belongs to several papers, the paper with an arXiv id is the better answer.
  private registerFingerprint(fingerprint: string, paperKey: string): void {
    const current = this.keyByFingerprint.get(fingerprint);
    if (current === undefined || (current.startsWith("fp:") && paperKey.startsWith("arxiv:"))) {
      this.keyByFingerprint.set(fingerprint, paperKey);
    }
  }
}

function matchId(paperKey: string, fingerprint: string): string {
  return `${paperKey} ${fingerprint}`;
}

function versionRowFor(paperKey: string, record: PreparedRecord): NewVersionRow {
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

function paperFromRecord(key: string, record: PreparedRecord, now: number): PaperState {
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

/** Fills what the paper lacks from the record; returns the names of the fields filled. */
function mergeMissingMetadata(paper: PaperState, record: PreparedRecord): string[] {
  const filled: string[] = [];
  for (const field of MERGEABLE_FIELDS) {
    if (paper[field] === null && record[field] !== null) {
      paper[field] = record[field];
      filled.push(field);
    }
  }
  if (filled.includes("title") && paper.title) paper.headline = paper.title;
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

/** A later version (or changed text) replaces the paper's current view. */
function applyNewVersion(paper: PaperState, record: PreparedRecord, now: number): void {
  const title = record.title ?? paper.title;
  paper.title = title;
  paper.headline = title ?? record.headline;
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

function maxVersion(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

export function decideVerdicts(
  records: PreparedRecord[],
  snapshot: StoredSnapshot,
  now: number,
): { outcomes: RecordOutcome[]; changes: IdentityChanges } {
  const index = new IdentityIndex(snapshot);
  const changes: IdentityChanges = {
    papers: new Map(),
    versionInserts: [],
    versionNumberUpdates: [],
    matchInserts: [],
  };
  const markChanged = (paper: PaperState) => {
    const existing = changes.papers.get(paper.key);
    changes.papers.set(paper.key, { state: paper, isNew: existing?.isNew ?? false });
  };
  const insertVersion = (paperKey: string, record: PreparedRecord) => {
    const row = versionRowFor(paperKey, record);
    changes.versionInserts.push(row);
    index.addVersion({
      id: null,
      paperKey,
      version: row.version,
      fingerprint: row.fingerprint,
      pending: row,
    });
  };
  const createPaper = (key: string, record: PreparedRecord): RecordOutcome => {
    const paper = paperFromRecord(key, record, now);
    index.putPaper(paper);
    changes.papers.set(key, { state: paper, isNew: true });
    insertVersion(key, record);
    return outcome(record, paper, "new");
  };

  const outcomes = records.map((record): RecordOutcome => {
    if (record.arxivId !== null) {
      const key = keyForArxivId(record.arxivId);
      const paper = index.paper(key);
      if (!paper) return createPaper(key, record);

      const versions = index.versionsOf(key);
      const sameText = versions.find(
        (v) =>
          v.fingerprint === record.fingerprint &&
          (record.version === null || v.version === null || v.version === record.version),
      );
      if (sameText) {
        const filled = mergeMissingMetadata(paper, record);
        if (sameText.version === null && record.version !== null) {
          sameText.version = record.version;
          if (sameText.pending) sameText.pending.version = record.version;
          else if (sameText.id !== null)
            changes.versionNumberUpdates.push({ id: sameText.id, version: record.version });
          paper.latestVersion = maxVersion(paper.latestVersion, record.version);
          filled.push("version");
        }
        if (filled.length > 0) markChanged(paper);
        return outcome(record, paper, "duplicate");
      }

      const latest = versions.reduce<number | null>(
        (max, v) => maxVersion(max, v.version),
        paper.latestVersion,
      );
      if (record.version !== null && latest !== null && record.version < latest) {
        // An older version arriving late is history, not news: keep it, announce nothing.
        insertVersion(key, record);
        return {
          ...outcome(record, paper, "duplicate"),
          note: `older version v${record.version} recorded; the latest is v${latest}`,
        };
      }
      insertVersion(key, record);
      applyNewVersion(paper, record, now);
      markChanged(paper);
      return outcome(record, paper, "new-version");
    }

    const matchKey = index.paperKeyForText(record.fingerprint);
    const matched = matchKey === undefined ? undefined : index.paper(matchKey);
    if (!matched) return createPaper(keyForFingerprint(record.fingerprint), record);
    if (mergeMissingMetadata(matched, record).length > 0) markChanged(matched);
    // The paper's own text is not a "known duplicate" of itself.
    const isOwnText = matched.key === keyForFingerprint(record.fingerprint);
    if (!isOwnText && index.recordMatch(matched.key, record.fingerprint)) {
      changes.matchInserts.push({
        paperKey: matched.key,
        fingerprint: record.fingerprint,
        verdict: "duplicate",
        similarity: 1,
        sourceFormat: record.format,
      });
    }
    return { ...outcome(record, matched, "duplicate"), matchOf: matched.key, similarity: 1 };
  });
  return { outcomes, changes };
}

function outcome(
  record: PreparedRecord,
  paper: PaperState,
  verdict: RecordOutcome["verdict"],
): RecordOutcome {
  return {
    index: record.index,
    key: paper.key,
    arxivId: record.arxivId,
    version: record.version,
    title: paper.headline,
    verdict,
  };
}
