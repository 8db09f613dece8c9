/**
 * A throwaway local bot that runs a frozen copy of the Worker: the source is bundled once
 * (`wrangler deploy --dry-run`) into a work folder beside a copy of the migrations and a
 * generated config, and that bundle is served (scripts/lib/serve-worker.mjs: wrangler dev's local
 * runtime without the devtools inspector). Edits to src/ while a long benchmark runs then cannot
 * change the code under measurement halfway, and a restarted bot runs the same code.
 * Otherwise like local-bot.ts: fresh D1 state, a free port, the server in its own process
 * group so stopping it also ends workerd (wrangler-process.ts).
 */
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "smol-toml";
import {
  applyMigrations,
  type LocalBot,
  runWrangler,
  serveWorker,
  type WranglerTarget,
} from "../../scripts/lib/wrangler-process";
import { REPO_ROOT } from "./paths";

interface RepoConfig {
  name: string;
  compatibility_date: string;
  compatibility_flags?: string[];
  d1_databases: Array<Record<string, unknown> & { migrations_dir?: string }>;
  vars?: Record<string, string>;
  [key: string]: unknown;
}

/**
 * wrangler.toml as plain data, written out below as JSON for the bundle. smol-toml is the parser
 * wrangler itself bundles; its integers are plain numbers (all of ours are small) and the file
 * has no dates, so the JSON is the same settings.
 */
async function readRepoConfig(): Promise<RepoConfig> {
  const text = await readFile(path.join(REPO_ROOT, "wrangler.toml"), "utf8");
  return parse(text) as RepoConfig;
}

/** A bundled Worker with its generated config, ready to be served (on any D1 state, any number of times). */
export interface FrozenWorker {
  /** The folder holding the bundle, the migrations copy and the config (`cwd` for wrangler). */
  workDir: string;
  configPath: string;
}

export interface BundleOptions {
  /**
   * Keep every other setting of wrangler.toml too (queues, send_email, triggers, …), so the
   * cron and queue handlers find their bindings. Off: only what ingest needs (the D1 database,
   * the identity writer Durable Object) and vars, as the ingest benchmarks have always run.
   */
  allSettings?: boolean;
}

/**
 * Bundles the Worker as it is now into `workDir` beside a copy of the migrations and a generated
 * config. `vars` are added to the config's (e.g. the local ADMIN_TOKEN, since the generated
 * config has no .dev.vars beside it).
 */
export async function bundleFrozenWorker(
  workDir: string,
  vars: Record<string, string>,
  { allSettings = false }: BundleOptions = {},
): Promise<FrozenWorker> {
  const bundleDir = path.join(workDir, "bundle");
  const migrationsDir = path.join(workDir, "migrations");
  await mkdir(workDir, { recursive: true });
  await runWrangler(["deploy", "--dry-run", "--outdir", bundleDir], REPO_ROOT);
  const repo = await readRepoConfig();
  await cp(path.join(REPO_ROOT, repo.d1_databases[0]?.migrations_dir ?? "migrations"), migrationsDir, {
    recursive: true,
  });
  const configPath = path.join(workDir, "wrangler.json");
  const config = {
    ...(allSettings ? repo : {}),
    name: repo.name,
    main: "bundle/index.js",
    no_bundle: true,
    compatibility_date: repo.compatibility_date,
    compatibility_flags: repo.compatibility_flags ?? [],
    d1_databases: repo.d1_databases.map((db) => ({ ...db, migrations_dir: "migrations" })),
    // Every ingest goes through the identity writer (src/db/identity-writer.ts).
    durable_objects: repo.durable_objects,
    migrations: repo.migrations,
    vars: { ...repo.vars, ...vars },
  };
  await writeFile(configPath, `${JSON.stringify(config, null, 2)}\n`);
  return { workDir, configPath };
}

/** Where wrangler commands for this bundle on the D1 state in `persistDir` run. */
export function frozenTarget(worker: FrozenWorker, persistDir: string): WranglerTarget {
  return { cwd: worker.workDir, persistDir, configPath: worker.configPath };
}

/**
 * Applies the migrations to `persistDir` (a no-op when they are applied already) and serves the
 * bundle with that D1 state.
 */
export async function serveFrozenWorker(
  worker: FrozenWorker,
  persistDir: string,
  signal?: AbortSignal,
  readyTimeoutMs = 120_000,
): Promise<LocalBot> {
  const target = frozenTarget(worker, persistDir);
  await applyMigrations(target);
  signal?.throwIfAborted();
  return serveWorker(target, signal, readyTimeoutMs);
}

/**
 * Bundles the Worker as it is now into `workDir` and serves the bundle with D1 state in
 * `persistDir`. `vars` are added to the config's (e.g. the local ADMIN_TOKEN,
 * since the generated config has no .dev.vars beside it).
 */
export async function startFrozenBot(
  workDir: string,
  persistDir: string,
  vars: Record<string, string>,
  signal?: AbortSignal,
  readyTimeoutMs = 120_000,
): Promise<LocalBot> {
  const worker = await bundleFrozenWorker(workDir, vars);
  signal?.throwIfAborted();
  return serveFrozenWorker(worker, persistDir, signal, readyTimeoutMs);
}
