// Worker entry points: wiring only. HTTP goes to the Hono app (src/app.ts); the cron triggers, the
// delivery queue and inbound mail (the unsubscribe mailto) to jobs/.
// The pipeline itself: ingest/ → identify/ → themes/ → digest/ → deliver/.
import { app } from "./app";
import { runInboundEmail } from "./jobs/inbound-email";

export { IdentityWriter } from "./db/identity-writer";

import { runQueueBatch } from "./jobs/queue";
import { runScheduled } from "./jobs/scheduled";

export default {
  fetch: app.fetch,
  scheduled: (controller, env) => runScheduled(controller, env),
  queue: (batch, env) => runQueueBatch(batch, env),
  email: (message, env) => runInboundEmail(message, env),
  // Queue bodies are `unknown` until jobs/queue.ts has checked them.
} satisfies ExportedHandler<Env, unknown>;
