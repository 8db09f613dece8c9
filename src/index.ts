// Worker entry points: wiring only; the pipeline lives in ingest/ -> identify/ -> db/.
import { app } from "./app";

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
