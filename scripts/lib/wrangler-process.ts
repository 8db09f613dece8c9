/**
 * The wrangler plumbing behind the throwaway local bots of the benchmarks (bench/lib/local-bot.ts,
 * frozen-bot.ts) and the browser tests: one-shot wrangler commands, and the Worker served locally
 * on a free port until it answers (serve-worker.mjs: wrangler dev's local runtime without its
 * devtools inspector, which costs more CPU than the Worker itself). The server runs in its own
 * process group so stopping it also ends workerd, which wrangler starts as a child and does not
 * always take down when it is signalled alone.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { StringDecoder } from "node:string_decoder";
import { fileURLToPath } from "node:url";

export interface LocalBot {
  url: string;
  /** Stops the local server and workerd; once stopped, calling it again does nothing. */
  stop(): Promise<void>;
  /** The local server's pid, which is also its process group's id (workerd runs in that group). */
  pid?: number;
  /** The last lines the local server printed (the Worker's console output included). */
  output?(): string[];
  /**
   * Calls `listener` with every whole line the local server prints from now on (the Worker's console
   * output and miniflare's queue log included); returns a function that removes it.
   */
  onLine?(listener: (line: string) => void): () => void;
}

/** Where a wrangler command runs and which local D1 state it uses. */
export interface WranglerTarget {
  cwd: string;
  persistDir: string;
  /** A config other than the one wrangler finds from `cwd`. */
  configPath?: string;
}

/** The repository root (this file is scripts/lib/wrangler-process.ts). */
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const WRANGLER = path.join(REPO_ROOT, "node_modules/.bin/wrangler");
const SERVE_WORKER = path.join(REPO_ROOT, "scripts/lib/serve-worker.mjs");
const LOG_LINES_KEPT = 40;

/** For every wrangler call: no metrics, and no fetching `Request.cf` from the internet. */
function wranglerEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    WRANGLER_SEND_METRICS: "false",
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    NO_COLOR: "1",
    FORCE_COLOR: "0",
  };
}

function configArgs(target: WranglerTarget): string[] {
  return target.configPath === undefined ? [] : ["--config", target.configPath];
}

/** The config file a target's commands use: its own, or wrangler.toml in its folder. */
function configPathOf(target: WranglerTarget): string {
  return target.configPath ?? path.join(target.cwd, "wrangler.toml");
}

/** Runs one wrangler command to its end; throws with its last output if it fails. */
export async function runWrangler(args: string[], cwd: string): Promise<void> {
  const child = spawn(WRANGLER, args, { cwd, env: wranglerEnv(), stdio: ["ignore", "pipe", "pipe"] });
  const log = keepTail(child);
  const [code] = (await once(child, "exit")) as [number | null];
  if (code !== 0) throw new Error(`wrangler ${args.join(" ")} exited with ${code}\n${log().join("\n")}`);
}

/** Runs one SQL command on the target's local D1 (no local server may be serving it); returns the rows of each statement. */
export async function executeLocalSql(target: WranglerTarget, sql: string): Promise<unknown[][]> {
  const args = [
    "d1",
    "execute",
    "DB",
    "--local",
    "--persist-to",
    target.persistDir,
    ...configArgs(target),
    "--json",
    "--command",
    sql,
  ];
  const child = spawn(WRANGLER, args, {
    cwd: target.cwd,
    env: wranglerEnv(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const chunks: Buffer[] = [];
  const errors: Buffer[] = [];
  child.stdout.on("data", (data: Buffer) => chunks.push(data));
  child.stderr.on("data", (data: Buffer) => errors.push(data));
  const [code] = (await once(child, "exit")) as [number | null];
  const out = Buffer.concat(chunks).toString("utf8");
  if (code !== 0) {
    throw new Error(
      `wrangler d1 execute exited with ${code}\n${out}${Buffer.concat(errors).toString("utf8")}`,
    );
  }
  return (JSON.parse(out) as Array<{ results: unknown[] }>).map((r) => r.results);
}

export async function applyMigrations(target: WranglerTarget): Promise<void> {
  await runWrangler(
    ["d1", "migrations", "apply", "DB", "--local", "--persist-to", target.persistDir, ...configArgs(target)],
    target.cwd,
  );
}

/**
 * Serves the target's Worker (serve-worker.mjs) on a port of its choosing and waits until it
 * answers HTTP. Port 0, and the address read from its "Ready on" line, rather than a port picked
 * here and handed over: in between, another process (workerd of a test pool, another bot) could
 * take it, and this bot would then talk to a stranger.
 */
export async function serveWorker(
  target: WranglerTarget,
  signal: AbortSignal | undefined,
  readyTimeoutMs: number,
): Promise<LocalBot> {
  const child = spawn(process.execPath, [SERVE_WORKER, configPathOf(target), target.persistDir], {
    cwd: target.cwd,
    env: wranglerEnv(),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const log = keepTail(child);
  const onLine = lineFeed(child);
  let readyUrl: string | null = null;
  const stopWatching = onLine((line) => {
    readyUrl ??= /Ready on (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1] ?? null;
  });
  const stop = () => stopGroup(child);
  try {
    // A failed build never becomes ready: fail fast rather than wait for the timeout.
    const buildFailed = () => log().some((line) => line.includes("Build failed"));
    const url = await waitUntilAnswering(() => readyUrl, child, readyTimeoutMs, signal, buildFailed);
    return {
      url,
      stop,
      ...(child.pid === undefined ? {} : { pid: child.pid }),
      output: () => [...log()],
      onLine,
    };
  } catch (error) {
    await stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`the local Worker did not come up: ${reason}\n--- last output ---\n${log().join("\n")}`);
  } finally {
    stopWatching();
  }
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

/** Every whole line of the child's stdout and stderr (a line split across chunks is joined) to the listeners. */
function lineFeed(child: ChildProcess): (listener: (line: string) => void) => () => void {
  const listeners = new Set<(line: string) => void>();
  for (const stream of [child.stdout, child.stderr]) {
    const decoder = new StringDecoder("utf8");
    let partial = "";
    stream?.on("data", (data: Buffer) => {
      const lines = (partial + decoder.write(data)).split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) for (const listener of listeners) listener(line);
    });
  }
  return (listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
}

/** The address wrangler said it is ready on, once it answers HTTP there. */
async function waitUntilAnswering(
  readyUrl: () => string | null,
  child: ChildProcess,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  buildFailed: () => boolean,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`it exited with code ${child.exitCode}`);
    if (buildFailed()) throw new Error("the Worker failed to build");
    signal?.throwIfAborted();
    const url = readyUrl();
    if (url !== null) {
      try {
        // Any HTTP answer will do (GET / is a page). The short timeout matters: while a build is
        // failing, wrangler holds requests open instead of refusing them.
        await fetch(url, { signal: AbortSignal.timeout(2_000) });
        return url;
      } catch {
        // Not answering yet.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no answer from the local Worker within ${timeoutMs / 1000} s`);
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
