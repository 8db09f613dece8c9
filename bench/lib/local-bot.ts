/**
 * A throwaway local bot: fresh D1 state in its own folder, the repo's Worker served locally as
 * wrangler dev would, without its devtools inspector, on a free port (process handling in
 * wrangler-process.ts, the server in serve-worker.mjs).
 */

import { applyMigrations, type LocalBot, serveWorker } from "../../scripts/lib/wrangler-process";
import { REPO_ROOT } from "./paths";

export type { LocalBot } from "../../scripts/lib/wrangler-process";

export async function startLocalBot(
  persistDir: string,
  signal?: AbortSignal,
  readyTimeoutMs = 120_000,
): Promise<LocalBot> {
  const target = { cwd: REPO_ROOT, persistDir };
  await applyMigrations(target);
  return serveWorker(target, signal, readyTimeoutMs);
}
