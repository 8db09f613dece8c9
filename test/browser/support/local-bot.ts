/**
 * The real Worker for the browser tests: served as wrangler dev would (without its devtools
 * inspector: scripts/lib/serve-worker.mjs) on a free port with a fresh local D1
 * (migrations applied), fed the sample abstracts in examples/ through POST /api/ingest.
 * The process handling is shared with the benchmarks (scripts/lib/wrangler-process.ts).
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { applyMigrations, type LocalBot, serveWorker } from "../../../scripts/lib/wrangler-process";

export const REPO_ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../..");

export async function startBot(persistDir: string): Promise<LocalBot> {
  const target = { cwd: REPO_ROOT, persistDir };
  await applyMigrations(target);
  return serveWorker(target, undefined, 120_000);
}

/** ADMIN_TOKEN from .dev.vars, which the local server gives the Worker (as wrangler dev does). */
export async function devAdminToken(): Promise<string> {
  const vars = await readFile(path.join(REPO_ROOT, ".dev.vars"), "utf8");
  const token = /^ADMIN_TOKEN=(.*)$/m.exec(vars)?.[1]?.trim();
  if (!token) throw new Error(".dev.vars has no ADMIN_TOKEN");
  return token;
}

/** Posts every file of examples/ to the bot; returns how many papers were stored. */
export async function ingestExamples(url: string): Promise<number> {
  const token = await devAdminToken();
  const dir = path.join(REPO_ROOT, "examples");
  let stored = 0;
  for (const name of (await readdir(dir)).sort()) {
    const res = await fetch(`${url}/api/ingest`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      body: await readFile(path.join(dir, name)),
    });
    if (res.status !== 200) throw new Error(`ingest of ${name} answered ${res.status}: ${await res.text()}`);
    stored += ((await res.json()) as { stored: number }).stored;
  }
  return stored;
}
