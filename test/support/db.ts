/** The test's drizzle handle on the real local D1 (for reads and direct set-up). */
import { env } from "cloudflare:workers";
import { openDatabase } from "../../src/db/client";

export const db = () => openDatabase(env.DB);

/**
 * The tables papers, digests and deliveries live in, children before parents (foreign keys).
 * Storage is isolated per test file, not per test: a test that needs a clean start wipes them.
 */
const DATA_TABLES = [
  "deliveries",
  "subscription_feedback",
  "subscription_seeds",
  "subscription_interests",
  "subscriptions",
  "digest_parts",
  "theme_assignments",
  "themes",
  "digests",
  "paper_aliases",
  "lsh_bands",
  "record_matches",
  "paper_versions",
  "papers",
  "ingest_batches",
];

/** Empties every paper, digest, subscription and delivery table (in one batch), as a fresh file starts. */
export async function wipeData(): Promise<void> {
  await env.DB.batch(DATA_TABLES.map((t) => env.DB.prepare(`DELETE FROM ${t}`)));
}

/**
 * Runs one migration's statements again, on a database a test has put back to the schema before
 * it (and given the rows a deployment would have had then).
 */
export async function runMigrationAgain(name: string): Promise<void> {
  const migration = env.TEST_MIGRATIONS.find((m) => m.name === name);
  if (!migration) throw new Error(`no migration ${name}`);
  await env.DB.batch(migration.queries.map((q) => env.DB.prepare(q)));
}
