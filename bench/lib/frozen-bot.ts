/**
 * A throwaway local bot that runs a frozen copy of the Worker: the source is bundled once
 * (`wrangler deploy --dry-run`) into a work folder beside a copy of the migrations and a
 * generated config, and `wrangler dev` serves that bundle. Edits to src/ while a long
 * benchmark runs then cannot live-reload the Worker mid-request (wrangler dev answers 503
 * "Your worker restarted mid-request") or change the code under measurement halfway.
 * Otherwise like local-bot.ts: fresh D1 state, a free port, wrangler in its own process
 * group so stopping it also ends workerd.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import type { LocalBot } from "./local-bot";
import { REPO_ROOT } from "./paths";

const WRANGLER = path.join(REPO_ROOT, "node_modules/.bin/wrangler");
const LOG_LINES_KEPT = 40;

function wranglerEnv(): NodeJS.ProcessEnv {
  return { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1", FORCE_COLOR: "0" };
}

interface RepoConfig {
  name: string;
  compatibility_date: string;
  compatibility_flags?: string[];
  d1_databases: Array<Record<string, unknown> & { migrations_dir?: string }>;
  vars?: Record<string, string>;
}

/** wrangler.jsonc with its whole-line `//` comments dropped (the file has no others). */
async function readRepoConfig(): Promise<RepoConfig> {
  const text = await readFile(path.join(REPO_ROOT, "wrangler.jsonc"), "utf8");
  return JSON.parse(text.replace(/^\s*\/\/.*$/gm, "")) as RepoConfig;
}

/**
 * Bundles the Worker as it is now into `workDir` and starts `wrangler dev` on the bundle with
 * D1 state in `persistDir`. `vars` are added to the config's (e.g. the local ADMIN_TOKEN,
 * since the generated config has no .dev.vars beside it).
 */
export async function startFrozenBot(
  workDir: string,
  persistDir: string,
  vars: Record<string, string>,
  signal?: AbortSignal,
  readyTimeoutMs = 120_000,
): Promise<LocalBot> {
  const bundleDir = path.join(workDir, "bundle");
  const migrationsDir = path.join(workDir, "migrations");
  await mkdir(workDir, { recursive: true });
  await runToCompletion(["deploy", "--dry-run", "--outdir", bundleDir], REPO_ROOT);
  signal?.throwIfAborted();
  const repo = await readRepoConfig();
  await cp(path.join(REPO_ROOT, repo.d1_databases[0]?.migrations_dir ?? "migrations"), migrationsDir, {
    recursive: true,
  });
  const configPath = path.join(workDir, "wrangler.json");
  const config = {
    name: repo.name,
    main: "bundle/index.js",
    no_bundle: true,
    compatibility_date: repo.compatibility_date,
    compatibility_flags: repo.compatibility_flags ?? [],
    d1_databases: repo.d1_databases.map((db) => ({ ...db, migrations_dir: "migrations" })),
    vars: { ...repo.vars, ...vars },
  };
  await writeFile(configPath, `${JSON.stringify(config, null, 2)}\n`);
  await runToCompletion(
    ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistDir, "--config", configPath],
    workDir,
  );
  signal?.throwIfAborted();

  const port = await freePort();
  const child = spawn(
    WRANGLER,
    ["dev", "--config", configPath, "--port", String(port), "--persist-to", persistDir, "--ip", "127.0.0.1"],
    { cwd: workDir, env: wranglerEnv(), stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  const log = keepTail(child);
  const bot: LocalBot = { url: `http://127.0.0.1:${port}`, stop: () => stopGroup(child) };
  try {
    await waitUntilAnswering(bot.url, child, readyTimeoutMs, signal);
  } catch (error) {
    await bot.stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`wrangler dev did not come up: ${reason}\n--- last output ---\n${log().join("\n")}`);
  }
  return bot;
}

async function runToCompletion(args: string[], cwd: string): Promise<void> {
  const child = spawn(WRANGLER, args, { cwd, env: wranglerEnv(), stdio: ["ignore", "pipe", "pipe"] });
  const log = keepTail(child);
  const [code] = (await once(child, "exit")) as [number | null];
  if (code !== 0) throw new Error(`wrangler ${args.join(" ")} exited with ${code}\n${log().join("\n")}`);
}

/** Drains the child's output (a full pipe would block it) and keeps the last lines for errors. */
function keepTail(child: ChildProcess): () => string[] {
  const lines: string[] = [];
  const collect = (data: Buffer) => {
    lines.push(...data.toString("utf8").split("\n").filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - LOG_LINES_KEPT));
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  return () => lines;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  if (address === null || typeof address === "string") throw new Error("could not find a free port");
  return address.port;
}

async function waitUntilAnswering(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`it exited with code ${child.exitCode}`);
    signal?.throwIfAborted();
    try {
      // Any HTTP answer will do (GET / is a JSON 404).
      await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  throw new Error(`no answer from ${url} within ${timeoutMs / 1000} s`);
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  signalGroup(child.pid, "SIGTERM");
  const timedOut = await Promise.race([
    exited.then(() => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 5_000)),
  ]);
  // Whatever is left in the group (workerd included) gets no second chance.
  signalGroup(child.pid, "SIGKILL");
  if (timedOut) await exited;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}
