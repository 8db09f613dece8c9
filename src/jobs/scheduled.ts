/**
 * Cron entry point: a thin shell over the pipeline. Every trigger publishes whatever digests are
 * due, so a missed or late weekly trigger is caught up by the next one of any kind.
 */
import { openDatabase } from "../db/client";
import { publishDueWeeks } from "../digest";

export async function runScheduled(controller: ScheduledController, env: Env): Promise<void> {
  const db = openDatabase(env.DB);
  const report = await publishDueWeeks(db, controller.scheduledTime);
  console.log(JSON.stringify({ job: "publish-digests", cron: controller.cron, ...report }));
}
