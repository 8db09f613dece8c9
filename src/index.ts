// Worker entry points: wiring only. HTTP goes to the Hono app (src/app.ts); the cron trigger
// to jobs/ (publish due digests). The pipeline itself: ingest/ → identify/ → themes/ → digest/.
import { app } from "./app";
import { runScheduled } from "./jobs/scheduled";

export default {
  fetch: app.fetch,
  scheduled: (controller, env) => runScheduled(controller, env),
} satisfies ExportedHandler<Env>;
