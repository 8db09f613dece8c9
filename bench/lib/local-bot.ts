/**
 * A throwaway local bot: fresh D1 state in its own folder, `wrangler dev` on the repo's
 * Worker on a free port (process handling in wrangler-process.ts).
 */

import { applyMigrations, type LocalBot, startWranglerDev } from "../../scripts/lib/wrangler-process";
import { REPO_ROOT } from "./paths";

export type { LocalBot } from "../../scripts/lib/wrangler-process";

export async function startLocalBot(
  persistDir: string,
  signal?: AbortSignal,
  readyTimeoutMs = 120_000,
): Promise<LocalBot> {
  const target = { cwd: REPO_ROOT, persistDir };
  await applyMigrations(target);
  return startWranglerDev(target, signal, readyTimeoutMs);
}
