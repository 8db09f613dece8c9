/**
 * The verdict engine: pure, no I/O. It starts from a snapshot of what storage holds for the
 * batch's ids, fingerprints and LSH bands, walks the records in input order, and updates its
 * index as it goes (so a cross-list repeated in one feed is a duplicate of its first
 * occurrence). It returns each record's outcome and the writes to make. The rules, in order:
 *
 * record with an arXiv id, paper known     → duplicate (same text, same or unknown version),
 *                                            duplicate + note (an older version arriving late),
 *                                            new-version (later version or changed text)
 * record with an arXiv id, paper unknown   → absorbs an id-less twin (exact text: duplicate;
 *                                            close text: near-duplicate), else new
 * record without an id                     → duplicate (exact text of a stored paper),
 *                                            near-duplicate (close text), else new
 */
import { keyForArxivId } from "../ingest/arxiv-id";
import { isIdlessKey, keyForFingerprint } from "./fingerprint";
import { IdentityIndex } from "./identity-index";
import {
  applyNewVersion,
  describeChanges,
  maxVersion,
  mergeMissingMetadata,
  paperFromRecord,
  versionRowFor,
} from "./paper-merge";
import { bestNearMatch, type NearMatch } from "./similarity/near-duplicate";
import type {
  Absorption,
  BandRow,
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
  /** Existing `lsh_bands` rows for the batch's band keys. */
  bands: BandRow[];
}

export interface IdentityChanges {
  /** Final state of every paper the batch creates or changes, by key. */
  papers: Map<string, { state: PaperState; isNew: boolean }>;
  versionInserts: NewVersionRow[];
  /** A version number learnt for a stored version row that had none. */
  versionNumberUpdates: Array<{ id: number; version: number }>;
  matchInserts: MatchRow[];
  bandInserts: BandRow[];
  /** Stored id-less papers taken over by an id'd twin (rows to move, row to delete). */
  absorptions: Absorption[];
  /** Old keys that keep resolving to the paper that absorbed them. */
  aliases: Absorption[];
}

export function decideVerdicts(
  records: PreparedRecord[],
  snapshot: StoredSnapshot,
  now: number,
): { outcomes: RecordOutcome[]; changes: IdentityChanges } {
  const index = new IdentityIndex();
  for (const paper of snapshot.papers) index.putPaper({ ...paper });
  for (const version of snapshot.versions) index.addVersion({ ...version });
  for (const match of snapshot.matches) index.recordMatch(match.paperKey, match.fingerprint);
  for (const band of snapshot.bands) index.addBands(band.paperKey, [band.bandKey]);

  const changes: IdentityChanges = {
    papers: new Map(),
    versionInserts: [],
    versionNumberUpdates: [],
    matchInserts: [],
    bandInserts: [],
    absorptions: [],
    aliases: [],
  };

  const markChanged = (paper: PaperState) => {
    changes.papers.set(paper.key, { state: paper, isNew: changes.papers.get(paper.key)?.isNew ?? false });
  };

  const insertVersion = (paperKey: string, record: PreparedRecord) => {
    const row = versionRowFor(paperKey, record);
    changes.versionInserts.push(row);
    index.addVersion({ ...row, id: null, pending: row, sketch: record.sketch });
    index.addBands(paperKey, record.bandKeys);
    for (const bandKey of record.bandKeys) changes.bandInserts.push({ bandKey, paperKey });
  };

  const createPaper = (key: string, record: PreparedRecord): PaperState => {
    const paper = paperFromRecord(key, record, now);
    index.putPaper(paper);
    changes.papers.set(key, { state: paper, isNew: true });
    insertVersion(key, record);
    return paper;
  };

  /** Tells the stored version with this text its version number, if it lacked one. */
  const learnVersionNumber = (paper: PaperState, record: PreparedRecord): boolean => {
    const row = index
      .versionsOf(paper.key)
      .find((v) => v.fingerprint === record.fingerprint && v.version === null && record.version !== null);
    if (!row || record.version === null) return false;
    row.version = record.version;
    if (row.pending) row.pending.version = record.version;
    else if (row.id !== null) changes.versionNumberUpdates.push({ id: row.id, version: record.version });
    paper.latestVersion = maxVersion(paper.latestVersion, record.version);
    return true;
  };

  const absorb = (fromKey: string, into: PaperState, similarity: number) => {
    const from = changes.papers.get(fromKey);
    changes.papers.delete(fromKey);
    if (!from?.isNew) changes.absorptions.push({ fromKey, intoKey: into.key, similarity });
    for (const row of [...changes.matchInserts, ...changes.bandInserts]) {
      if (row.paperKey === fromKey) row.paperKey = into.key;
    }
    for (const alias of changes.aliases) if (alias.intoKey === fromKey) alias.intoKey = into.key;
    changes.aliases.push({ fromKey, intoKey: into.key, similarity });
    index.moveAll(fromKey, into.key);
  };

  const nearMatch = (record: PreparedRecord, accept: (key: string) => boolean): NearMatch | null =>
    bestNearMatch(record.sketch, index.nearCandidates(record.bandKeys, accept));

  const knownPaperVerdict = (paper: PaperState, record: PreparedRecord): RecordOutcome => {
    const versions = index.versionsOf(paper.key);
    const sameText = versions.some(
      (v) =>
        v.fingerprint === record.fingerprint &&
        (record.version === null || v.version === null || v.version === record.version),
    );
    if (sameText) {
      const filled = mergeMissingMetadata(paper, record);
      if (learnVersionNumber(paper, record)) filled.push("version");
      if (filled.length > 0) markChanged(paper);
      return outcome(record, paper, "duplicate");
    }
    const latest = versions.reduce<number | null>(
      (max, v) => maxVersion(max, v.version),
      paper.latestVersion,
    );
    if (record.version !== null && latest !== null && record.version < latest) {
      // An older version arriving late is history, not news: keep it, announce nothing.
      insertVersion(paper.key, record);
      return {
        ...outcome(record, paper, "duplicate"),
        note: `older version v${record.version} recorded; the latest is v${latest}`,
      };
    }
    const described = describeChanges(paper, record);
    insertVersion(paper.key, record);
    applyNewVersion(paper, record, now);
    markChanged(paper);
    return { ...outcome(record, paper, "new-version"), changes: described };
  };

  const newIdVerdict = (key: string, record: PreparedRecord): RecordOutcome => {
    const exactKey = index.paperKeyForText(record.fingerprint);
    const twin =
      exactKey !== undefined && isIdlessKey(exactKey)
        ? { paperKey: exactKey, similarity: 1 }
        : nearMatch(record, isIdlessKey);
    if (!twin) return outcome(record, createPaper(key, record), "new");

    // The id'd record takes over its id-less twin: one identity, first seen when the twin was.
    const old = index.paper(twin.paperKey)!;
    const paper = paperFromRecord(key, record, now);
    paper.firstSeenAt = old.firstSeenAt;
    index.putPaper(paper);
    changes.papers.set(key, { state: paper, isNew: true });
    absorb(old.key, paper, twin.similarity);
    if (twin.similarity === 1 && index.versionsOf(key).some((v) => v.fingerprint === record.fingerprint)) {
      learnVersionNumber(paper, record);
      return { ...outcome(record, paper, "duplicate"), matchOf: old.key, similarity: 1 };
    }
    insertVersion(key, record);
    return { ...outcome(record, paper, "near-duplicate"), matchOf: old.key, similarity: twin.similarity };
  };

  const idlessVerdict = (record: PreparedRecord): RecordOutcome => {
    const exactKey = index.paperKeyForText(record.fingerprint);
    const exact = exactKey === undefined ? undefined : index.paper(exactKey);
    const near = exact ? null : nearMatch(record, () => true);
    const matched = exact ?? (near ? index.paper(near.paperKey) : undefined);
    if (!matched) return outcome(record, createPaper(keyForFingerprint(record.fingerprint), record), "new");

    if (mergeMissingMetadata(matched, record).length > 0) markChanged(matched);
    const verdict = exact ? "duplicate" : "near-duplicate";
    const similarity = near?.similarity ?? 1;
    // The paper's own text is not a "known duplicate" of itself.
    const isOwnText = matched.key === keyForFingerprint(record.fingerprint);
    if (!isOwnText && index.recordMatch(matched.key, record.fingerprint)) {
      changes.matchInserts.push({
        paperKey: matched.key,
        fingerprint: record.fingerprint,
        verdict,
        similarity,
        sourceFormat: record.format,
      });
    }
    return { ...outcome(record, matched, verdict), matchOf: matched.key, similarity };
  };

  const outcomes = records.map((record): RecordOutcome => {
    if (record.arxivId === null) return idlessVerdict(record);
    const key = keyForArxivId(record.arxivId);
    const paper = index.paper(key);
    return paper ? knownPaperVerdict(paper, record) : newIdVerdict(key, record);
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
