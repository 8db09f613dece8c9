/** Harvest storage (docs/harvest.md): followed config, per-source cursors, runs and the coverage audit. */
import { and, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Database } from "../client";
import { harvestConfig, harvestCoverage, harvestCursors, harvestRuns } from "../schema";

export type CursorRow = typeof harvestCursors.$inferSelect;
export type CoverageRow = typeof harvestCoverage.$inferSelect;
export type RunRow = typeof harvestRuns.$inferSelect;

const CONFIG_ID = 1;

export async function loadFollowedRow(db: Database) {
  const [row] = await db.select().from(harvestConfig).where(eq(harvestConfig.id, CONFIG_ID));
  return row ?? null;
}

/** Stores the followed sources; `resetSources` (newly followed) lose any old cursor and start fresh. */
export async function saveFollowedRow(
  db: Database,
  followed: { categories: string[]; queries: string[] },
  now: number,
  resetSources: string[],
): Promise<void> {
  const save = db
    .insert(harvestConfig)
    .values({ id: CONFIG_ID, ...followed, updatedAt: now })
    .onConflictDoUpdate({ target: harvestConfig.id, set: { ...followed, updatedAt: now } });
  if (resetSources.length === 0) await save;
  else await db.batch([save, db.delete(harvestCursors).where(inArray(harvestCursors.source, resetSources))]);
}

export async function loadCursors(db: Database, sources: string[]): Promise<Map<string, CursorRow>> {
  if (sources.length === 0) return new Map();
  const rows = await db.select().from(harvestCursors).where(inArray(harvestCursors.source, sources));
  return new Map(rows.map((r) => [r.source, r]));
}

export async function loadAllCursors(db: Database): Promise<CursorRow[]> {
  return db.select().from(harvestCursors).orderBy(harvestCursors.source);
}

/** A run still `running` that started after `since`: another run is under way. */
export async function findRunningRun(db: Database, since: number): Promise<RunRow | null> {
  const [row] = await db
    .select()
    .from(harvestRuns)
    .where(and(eq(harvestRuns.status, "running"), gte(harvestRuns.startedAt, since)))
    .limit(1);
  return row ?? null;
}

export async function insertRun(db: Database, run: { id: string; startedAt: number; trigger: string }) {
  await db.insert(harvestRuns).values({ ...run, status: "running" });
}

export async function finishRun(
  db: Database,
  id: string,
  outcome: { status: RunRow["status"]; finishedAt: number; requests?: number; note: string | null },
): Promise<void> {
  await db.update(harvestRuns).set(outcome).where(eq(harvestRuns.id, id));
}

/**
 * One step of progress, written together (one D1 batch): the source's cursor and the audit row of
 * the unit it worked on. A run that is cut off keeps everything up to its last step.
 */
export async function saveProgress(
  db: Database,
  step: {
    cursor?: typeof harvestCursors.$inferInsert;
    coverage?: typeof harvestCoverage.$inferInsert;
    requests?: { runId: string; count: number };
  },
): Promise<void> {
  const statements = [];
  if (step.cursor) {
    const { source: _source, ...set } = step.cursor;
    statements.push(
      db
        .insert(harvestCursors)
        .values(step.cursor)
        .onConflictDoUpdate({ target: harvestCursors.source, set }),
    );
  }
  if (step.coverage) {
    const { runId: _r, source: _s, stage: _st, unit: _u, ...set } = step.coverage;
    statements.push(
      db
        .insert(harvestCoverage)
        .values(step.coverage)
        .onConflictDoUpdate({
          target: [
            harvestCoverage.runId,
            harvestCoverage.source,
            harvestCoverage.stage,
            harvestCoverage.unit,
          ],
          set,
        }),
    );
  }
  if (step.requests) {
    statements.push(
      db
        .update(harvestRuns)
        .set({ requests: step.requests.count })
        .where(eq(harvestRuns.id, step.requests.runId)),
    );
  }
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}

/** The latest runs, newest first, with their coverage rows. */
export async function loadRecentRuns(
  db: Database,
  limit: number,
): Promise<Array<RunRow & { coverage: CoverageRow[] }>> {
  const runs = await db.select().from(harvestRuns).orderBy(desc(harvestRuns.startedAt)).limit(limit);
  if (runs.length === 0) return [];
  const rows = await db
    .select()
    .from(harvestCoverage)
    .where(
      inArray(
        harvestCoverage.runId,
        runs.map((r) => r.id),
      ),
    )
    // Per source, the announcement feed before the API windows, windows oldest first.
    .orderBy(harvestCoverage.source, desc(harvestCoverage.stage), harvestCoverage.unit);
  return runs.map((run) => ({ ...run, coverage: rows.filter((r) => r.runId === run.id) }));
}

/** Coverage rows recorded in [start, end), oldest first. */
export function coverageBetween(db: Database, start: number, end: number) {
  return db
    .select()
    .from(harvestCoverage)
    .where(and(gte(harvestCoverage.recordedAt, start), lt(harvestCoverage.recordedAt, end)))
    .orderBy(harvestCoverage.recordedAt);
}

/** Runs started in [start, end). */
export function runCountBetween(db: Database, start: number, end: number) {
  return db
    .select({ runs: sql<number>`count(*)` })
    .from(harvestRuns)
    .where(and(gte(harvestRuns.startedAt, start), lt(harvestRuns.startedAt, end)));
}
