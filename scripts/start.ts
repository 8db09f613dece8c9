/**
 * `npm start`: the whole bot on this machine, no Cloudflare account needed.
 * 1. applies the D1 migrations to the local database (.wrangler/state),
 * 2. serves the Worker with `wrangler dev` on http://localhost:8787,
 * 3. loads the sample abstracts in examples/ through the real ingest route,
 * 4. prints where to look. Ctrl-C stops it; running it again is harmless (re-ingesting is a no-op).
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const port = Number(process.env.PORT ?? 8787);
const baseUrl = `http://localhost:${port}`;
// No telemetry, and no fetch of the `Request.cf` sample from the internet: the bot runs offline.
const childEnv = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" };
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env: childEnv, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}`)),
    );
  });
}

async function waitUntilServing(server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error("wrangler dev exited before it started serving");
    try {
      await fetch(`${baseUrl}/api/search?q=ping`);
      return;
    } catch {
      await sleep(500);
    }
  }
  throw new Error(`the bot did not answer on ${baseUrl} within ${timeoutMs / 1000}s`);
}

async function main(): Promise<void> {
  console.log("Applying D1 migrations to the local database…");
  await run(bin("wrangler"), ["d1", "migrations", "apply", "DB", "--local"]);

  console.log(`Starting the bot on ${baseUrl}…`);
  const server = spawn(
    bin("wrangler"),
    ["dev", "--port", String(port), "--ip", "127.0.0.1", "--show-interactive-dev-session=false"],
    { cwd: root, env: childEnv, stdio: "inherit", detached: true },
  );
  const stop = () => {
    if (server.pid !== undefined && server.exitCode === null) process.kill(-server.pid, "SIGTERM");
  };
  process.on("SIGINT", () => {
    stop();
    process.exit(0);
  });
  process.on("SIGTERM", stop);

  try {
    await waitUntilServing(server, 120_000);
    console.log("Loading the sample abstracts from examples/…");
    await run(bin("tsx"), ["scripts/ingest.ts", "examples", "--url", baseUrl]);
  } catch (error) {
    stop();
    throw error;
  }

  console.log(`
arxiv-digest is running at ${baseUrl}  (Ctrl-C to stop)

  This week's digest (live preview of the samples):
                   ${baseUrl}/
  As JSON:         ${baseUrl}/api/digests/latest
  Themes:          ${baseUrl}/api/themes
  Archive:         ${baseUrl}/digests
  Search:          ${baseUrl}/api/search?q=mixture+of+experts
  A paper:         ${baseUrl}/api/papers/2407.21770
  Ingest a file:   npm run ingest -- path/to/abstracts.txt
  Admin token:     dev-admin-token (from .dev.vars)
  Run the weekly cron as if next Monday had come (publishes this week):
                   curl "${baseUrl}/cdn-cgi/handler/scheduled?cron=0+8+*+*+1&time=${nextMondayAt8()}"
`);
  await new Promise<void>((resolve) => server.on("exit", () => resolve()));
}

/** Next Monday 08:00 UTC in ms: the weekly trigger that publishes the current week. */
function nextMondayAt8(): number {
  const now = new Date();
  const daysAhead = (8 - now.getUTCDay()) % 7 || 7;
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + daysAhead, 8);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
