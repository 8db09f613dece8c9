/**
 * Cron entry point: a thin shell over the pipeline. Every trigger publishes whatever digests are
 * due and fans their deliveries out, so a missed or late trigger is caught up by the next one.
 */
import { openDatabase } from "../db/client";
import { publishAndFanOut } from "./weekly";

export async function runScheduled(controller: ScheduledController, env: Env): Promise<void> {
  const db = openDatabase(env.DB);
  const report = await publishAndFanOut(db, env.DELIVERY_QUEUE, controller.scheduledTime);
  console.log(JSON.stringify({ job: "publish-digests", cron: controller.cron, ...report }));
}
