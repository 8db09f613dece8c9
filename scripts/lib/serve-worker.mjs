/**
 * Serves a Worker locally as `wrangler dev` does (same config, same local D1, Queues, cron and
 * Durable Objects), but with no devtools inspector: `node scripts/lib/serve-worker.mjs <config>
 * <persist dir>`, then "Ready on <url>" on stdout. wrangler dev always attaches its inspector and
 * turns on the runtime's Network domain, so every subrequest (each D1 query is one) sends devtools
 * events through a second workerd to wrangler's Node process. Measured on the benchmarks: that
 * made a request and a queue delivery cost two to three times the CPU, and a 10,000-message
 * fan-out did not finish.
 * Production has no inspector; the benchmarks' bots and the browser tests run this instead
 * (scripts/lib/wrangler-process.ts). Plain JavaScript because it runs as its own process from a
 * benchmark's work folder, where no TypeScript loader resolves; wrangler's `unstable_startWorker`
 * is the API the wrangler dev command itself is built on (pinned with wrangler in package.json).
 */
import { unstable_startWorker } from "wrangler";

const [config, persist] = process.argv.slice(2);
if (!config || !persist) {
  console.error("usage: node scripts/lib/serve-worker.mjs <wrangler config> <persist dir>");
  process.exit(2);
}

const worker = await unstable_startWorker({
  config,
  dev: {
    inspector: false,
    server: { hostname: "127.0.0.1", port: 0 },
    persist,
    watch: false,
    // "log" and not "info": the Worker's console output is logged at "log".
    logLevel: "log",
  },
});
await worker.ready;
console.log(`Ready on ${(await worker.url).origin}`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await worker.dispose();
  process.exit(0);
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
