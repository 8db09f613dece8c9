/**
 * Migration 0011 on a database that already holds papers (as deployed before it): this file's
 * database is put back to the pre-0011 schema (the column dropped), given papers with and without
 * a stored vector, and migrated again with 0011's own statements.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { runMigrationAgain } from "../support/db";

const MIGRATION = "0011_rank_vector_tag.sql";

const insert = (id: number, vector: string | null) =>
  env.DB.prepare(
    `INSERT INTO papers (id, key, headline, abstract, abstract_plain, fingerprint, first_seen_at, last_changed_at, rank_vector)
     VALUES (?, ?, 'A headline', 'An abstract.', 'An abstract.', ?, 1, 1, ?)`,
  ).bind(id, `arxiv:2501.0000${id}`, `fp-${id}`, vector);

beforeAll(async () => {
  await env.DB.batch([
    env.DB.prepare("ALTER TABLE papers DROP COLUMN rank_vector_tag"),
    insert(1, "r1:AQIDBA"),
    insert(2, null),
    insert(3, "r1:BQYHCA"),
  ]);
  await runMigrationAgain(MIGRATION);
});

describe("migration 0011 (a tag beside each stored ranking vector)", () => {
  it("tags every stored vector with its row id and leaves papers without one untagged", async () => {
    const { results } = await env.DB.prepare(
      "SELECT id, rank_vector, rank_vector_tag FROM papers ORDER BY id",
    ).all<{ id: number; rank_vector: string | null; rank_vector_tag: string | null }>();
    expect(results).toEqual([
      { id: 1, rank_vector: "r1:AQIDBA", rank_vector_tag: "m1" },
      { id: 2, rank_vector: null, rank_vector_tag: null },
      { id: 3, rank_vector: "r1:BQYHCA", rank_vector_tag: "m3" },
    ]);
  });
});
