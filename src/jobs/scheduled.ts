/**
 * Cron entry point: a thin shell over the pipeline. Every trigger publishes whatever digests are
 * due and fans their deliveries out, so a missed or late trigger is caught up by the next one.
 */
import { openDatabase } from "../db/client";
import { countingD1 } from "../db/counting-d1";
import { publishAndFanOut } from "./weekly";

export async function runScheduled(controller: ScheduledController, env: Env): Promise<void> {
  const counted = countingD1(env.DB);
  const report = await publishAndFanOut(
    openDatabase(counted.d1),
    env.DELIVERY_QUEUE,
    controller.scheduledTime,
  );
  // One JSON line per run: what was published and enqueued, and what it cost in D1 statements.
  console.log(
    JSON.stringify({
      job: "publish-digests",
      cron: controller.cron,
      ...report,
      d1Statements: counted.statements(),
    }),
  );
}
