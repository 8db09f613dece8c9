/**
 * Turns the verdict engine's changes into D1 statements. The caller runs them in ONE
 * `batch()`, which D1 executes as a single transaction: a request is stored whole or not at all.
 * Rows travel as JSON arrays through `json_each(?)` (see chunkForJsonParam), so each statement
 * binds one parameter however many rows it carries. Plain D1 statements rather than drizzle:
 * drizzle's batch() cannot carry these INSERT … SELECT FROM json_each upserts.
 */
import type { IdentityChanges } from "../../identify/decide-verdicts";
import { encodePaperVector, paperVector, vectorTag } from "../../rank";
import { chunkForJsonParam } from "../client";

export interface BatchRecord {
  id: string;
  receivedAt: number;
  format: string;
  source: string;
  bytes: number;
  received: number;
  stored: number;
  verdictCounts: Record<string, number>;
  /** The ingest_batches watermark the verdicts were decided at (identity-snapshot.ts). */
  snapshotWatermark: number;
}

/** `json_extract(value, '$.a'), json_extract(value, '$.b'), …` for the given fields. */
function extract(fields: string[]): string {
  return fields.map((field) => `json_extract(value, '$.${field}')`).join(", ");
}

const PAPER_FIELDS = [
  "key",
  "arxivId",
  "title",
  "headline",
  "abstract",
  "abstractPlain",
  "authors",
  "categories",
  "comments",
  "doi",
  "journalRef",
  "codeLinks",
  "latestVersion",
  "fingerprint",
  "publishedAt",
  "updatedAt",
  "firstSeenAt",
  "lastChangedAt",
  "rankVector",
  "rankVectorTag",
];

// Upsert of a paper's final state; first_seen_at is only ever set by the insert.
const UPSERT_PAPERS = `
  INSERT INTO papers (key, arxiv_id, title, headline, abstract, abstract_plain, authors, categories, comments,
    doi, journal_ref, code_links, latest_version, fingerprint, published_at, updated_at, first_seen_at,
    last_changed_at, rank_vector, rank_vector_tag)
  SELECT ${extract(PAPER_FIELDS)} FROM json_each(?1) WHERE true
  ON CONFLICT(key) DO UPDATE SET
    arxiv_id = excluded.arxiv_id, title = excluded.title, headline = excluded.headline,
    abstract = excluded.abstract, abstract_plain = excluded.abstract_plain, authors = excluded.authors,
    categories = excluded.categories, comments = excluded.comments, doi = excluded.doi,
    journal_ref = excluded.journal_ref, code_links = excluded.code_links, latest_version = excluded.latest_version,
    fingerprint = excluded.fingerprint, published_at = excluded.published_at, updated_at = excluded.updated_at,
    last_changed_at = excluded.last_changed_at, rank_vector = excluded.rank_vector,
    rank_vector_tag = excluded.rank_vector_tag`;

const INSERT_VERSIONS = `
  INSERT INTO paper_versions (paper_key, version, fingerprint, abstract, title, comments, doi, journal_ref,
    submitted_at, source_format, batch_id, seen_at)
  SELECT ${extract([
    "paperKey",
    "version",
    "fingerprint",
    "abstract",
    "title",
    "comments",
    "doi",
    "journalRef",
    "submittedAt",
    "sourceFormat",
    "batchId",
    "seenAt",
  ])} FROM json_each(?1) WHERE true
  ON CONFLICT DO NOTHING`;

const INSERT_MATCHES = `
  INSERT INTO record_matches (paper_key, fingerprint, verdict, similarity, source_format, batch_id, seen_at)
  SELECT ${extract(["paperKey", "fingerprint", "verdict", "similarity", "sourceFormat", "batchId", "seenAt"])}
  FROM json_each(?1) WHERE true
  ON CONFLICT(paper_key, fingerprint) DO NOTHING`;

/**
 * The batch row goes first and doubles as the concurrency guard: if another ingest committed
 * after this request's snapshot (the newest rowid moved), the id is NULL, the NOT NULL
 * constraint fails, and D1 rolls the whole batch back; the caller decides again
 * (db/store-ingest.ts). Every committing ingest adds exactly one row here, so the newest rowid
 * moves on every identity change. A constraint rather than a separate check statement: SQL has
 * no "fail if" outside triggers, and this costs no extra statement.
 */
const INSERT_BATCH = `
  INSERT INTO ingest_batches (id, received_at, format, source, bytes, received, stored, verdict_counts)
  VALUES (CASE WHEN (SELECT coalesce(max(rowid), 0) FROM ingest_batches) = ?9 THEN ?1 END,
    ?2, ?3, ?4, ?5, ?6, ?7, ?8)`;

/** The error D1 raises when INSERT_BATCH's guard refused a stale snapshot. */
export function isStaleSnapshotError(err: unknown): boolean {
  const message = err instanceof Error ? `${err.message} ${String(err.cause ?? "")}` : String(err);
  return message.includes("NOT NULL constraint failed: ingest_batches.id");
}

const SET_VERSION_NUMBER = "UPDATE paper_versions SET version = ?1 WHERE id = ?2";

const INSERT_BANDS = `
  INSERT INTO lsh_bands (band_key, paper_key)
  SELECT ${extract(["bandKey", "paperKey"])} FROM json_each(?1) WHERE true
  ON CONFLICT(band_key, paper_key) DO NOTHING`;

const INSERT_ALIASES = `
  INSERT INTO paper_aliases (alias_key, paper_key, similarity, created_at)
  SELECT ${extract(["fromKey", "intoKey", "similarity"])}, ?2 FROM json_each(?1) WHERE true
  ON CONFLICT(alias_key) DO UPDATE SET paper_key = excluded.paper_key`;

/**
 * Moving an absorbed id-less paper's rows to its id'd twin, then deleting it. `OR IGNORE` +
 * DELETE because the twin may already hold the same version, band or match row (unique keys).
 */
const ABSORB_PAPER = [
  "UPDATE OR IGNORE paper_versions SET paper_key = ?2 WHERE paper_key = ?1",
  "DELETE FROM paper_versions WHERE paper_key = ?1",
  "UPDATE OR IGNORE record_matches SET paper_key = ?2 WHERE paper_key = ?1",
  "DELETE FROM record_matches WHERE paper_key = ?1",
  "UPDATE OR IGNORE lsh_bands SET paper_key = ?2 WHERE paper_key = ?1",
  "DELETE FROM lsh_bands WHERE paper_key = ?1",
  "UPDATE paper_aliases SET paper_key = ?2 WHERE paper_key = ?1",
  // The twin keeps the absorbed paper's first-seen time, so it also keeps its theme.
  "UPDATE OR IGNORE theme_assignments SET paper_key = ?2 WHERE paper_key = ?1",
  "DELETE FROM theme_assignments WHERE paper_key = ?1",
  // Readers' signals and matched seeds follow the paper (a reader's own signal on the twin wins).
  "UPDATE OR IGNORE subscription_feedback SET paper_key = ?2 WHERE paper_key = ?1",
  "DELETE FROM subscription_feedback WHERE paper_key = ?1",
  "UPDATE subscription_seeds SET paper_key = ?2 WHERE paper_key = ?1",
  "DELETE FROM papers WHERE key = ?1",
];

export function buildIngestWrites(
  d1: D1Database,
  changes: IdentityChanges,
  batch: BatchRecord,
): D1PreparedStatement[] {
  const statements = [
    d1
      .prepare(INSERT_BATCH)
      .bind(
        batch.id,
        batch.receivedAt,
        batch.format,
        batch.source,
        batch.bytes,
        batch.received,
        batch.stored,
        JSON.stringify(batch.verdictCounts),
        batch.snapshotWatermark,
      ),
  ];
  // Each changed paper's ranking representation is rebuilt from its new text, in the same write.
  const paperRows = [...changes.papers.values()].map(({ state }) => {
    const rankVector = encodePaperVector(
      paperVector({ title: state.title, abstract: state.abstractPlain, authors: state.authors }),
    );
    return { ...state, rankVector, rankVectorTag: vectorTag(rankVector) };
  });
  for (const json of chunkForJsonParam(paperRows)) statements.push(d1.prepare(UPSERT_PAPERS).bind(json));

  const stamp = { batchId: batch.id, seenAt: batch.receivedAt };
  const versionRows = changes.versionInserts.map((row) => ({ ...row, ...stamp }));
  for (const json of chunkForJsonParam(versionRows)) statements.push(d1.prepare(INSERT_VERSIONS).bind(json));

  for (const { id, version } of changes.versionNumberUpdates) {
    statements.push(d1.prepare(SET_VERSION_NUMBER).bind(version, id));
  }
  const matchRows = changes.matchInserts.map((row) => ({ ...row, ...stamp }));
  for (const json of chunkForJsonParam(matchRows)) statements.push(d1.prepare(INSERT_MATCHES).bind(json));
  for (const json of chunkForJsonParam(changes.bandInserts))
    statements.push(d1.prepare(INSERT_BANDS).bind(json));

  // Children first, the absorbed paper last: foreign keys are checked statement by statement.
  for (const { fromKey, intoKey } of changes.absorptions) {
    // D1 refuses more bound values than the statement uses.
    for (const sql of ABSORB_PAPER) {
      statements.push(d1.prepare(sql).bind(...(sql.includes("?2") ? [fromKey, intoKey] : [fromKey])));
    }
  }
  for (const json of chunkForJsonParam(changes.aliases)) {
    statements.push(d1.prepare(INSERT_ALIASES).bind(json, batch.receivedAt));
  }
  return statements;
}
