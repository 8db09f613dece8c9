/**
 * Cron entry point: a thin shell over the pipeline. Every trigger publishes whatever digests are
 * due and fans their deliveries out, so a missed or late trigger is caught up by the next one.
 * The daily trigger (HARVEST_CRON) first harvests arXiv (docs/harvest.md).
 */
import { openDatabase } from "../db/client";
import { countingD1 } from "../db/counting-d1";
import { storeThroughWriter } from "../db/identity-writer";
import type { StoreIngest } from "../db/store-ingest";
import { publishAndFanOut } from "../deliver/publish-and-fan-out";
import { HARVEST_CRON } from "../harvest";
import { logEvent } from "../log";
import { runDailyHarvest } from "./daily-harvest";

export async function runScheduled(controller: ScheduledController, env: Env): Promise<void> {
  const counted = countingD1(env.DB);
  const db = openDatabase(counted.d1);
  // Harvested records are written by the identity writer, on its own D1 binding: count them too.
  let ingestStatements = 0;
  const storeCounted: StoreIngest = async (parsed, origin) => {
    const recorded = await storeThroughWriter(env)(parsed, origin);
    ingestStatements += recorded.d1Statements;
    return recorded;
  };
  const harvest =
    controller.cron === HARVEST_CRON
      ? await runDailyHarvest(db, env, storeCounted, controller.scheduledTime)
      : undefined;
  const report = await publishAndFanOut(db, env.DELIVERY_QUEUE, controller.scheduledTime);
  // One JSON line per run: what was harvested, published and enqueued, and what it cost in D1 statements.
  logEvent("publish-digests", {
    cron: controller.cron,
    ...(harvest ? { harvest } : {}),
    ...report,
    d1Statements: counted.statements() + ingestStatements,
  });
}
