// Worker entry points: wiring only. HTTP goes to the Hono app (src/app.ts); the cron trigger and
// the delivery queue to jobs/. The pipeline itself: ingest/ → identify/ → themes/ → digest/ → deliver/.
import { app } from "./app";
import type { DeliveryMessage } from "./deliver/types";
import { runQueueBatch } from "./jobs/queue";
import { runScheduled } from "./jobs/scheduled";

export default {
  fetch: app.fetch,
  scheduled: (controller, env) => runScheduled(controller, env),
  queue: (batch, env) => runQueueBatch(batch, env),
} satisfies ExportedHandler<Env, DeliveryMessage>;
