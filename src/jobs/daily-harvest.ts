/** The cron's side of the harvest: one run, never throwing (the digests are published after it). */
import type { Database } from "../db/client";
import type { StoreIngest } from "../db/store-ingest";
import { readConfig } from "../env";
import { runHarvest } from "../harvest";
import { logError } from "../log";

/** Runs the harvest and returns the figures for the cron's one JSON log line. */
export async function runDailyHarvest(db: Database, env: Env, storeIngest: StoreIngest, now: number) {
  try {
    const report = await runHarvest(db, readConfig(env).harvest, { now, trigger: "cron", storeIngest });
    const totals = { expected: 0, stored: 0, added: 0, gaps: 0 };
    for (const s of report.stages) {
      totals.expected += s.expected ?? 0;
      totals.stored += s.stored;
      totals.added += s.added;
      totals.gaps += s.gaps;
    }
    return {
      runId: report.runId,
      status: report.status,
      requests: report.requests,
      ...totals,
      note: report.note,
    };
  } catch (err) {
    logError("harvest-run-failed", err);
    return { runId: null, status: "crashed", error: err instanceof Error ? err.message : String(err) };
  }
}
