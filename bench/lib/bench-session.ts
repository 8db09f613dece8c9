/**
 * The frame of a benchmark that runs a local bot: a time limit, a fresh temp folder, and
 * cleanup that also happens on Ctrl-C, so no wrangler (or its workerd) and no temp folder
 * is left behind.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { LocalBot } from "../../scripts/lib/wrangler-process";

export interface BenchSession {
  /** Aborts when the time limit is reached or on SIGINT / SIGTERM. */
  signal: AbortSignal;
  /** A fresh folder under the system temp folder, removed at the end. */
  tempDir: string;
  /** Registers a bot to stop at the end (also when the body throws); returns it. */
  stopAtEnd(bot: LocalBot): LocalBot;
}

export async function withBenchSession(
  timeLimitMs: number,
  body: (session: BenchSession) => Promise<void>,
): Promise<void> {
  const tempDir = await mkdtemp(path.join(os.tmpdir(), "arxiv-digest-bench-"));
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Error("time limit reached")), timeLimitMs);
  const bots: LocalBot[] = [];
  // `on`, not `once`: under npx + tsx one Ctrl-C arrives two or three times (the terminal's,
  // then each parent's relay), and tsx ends a child that has no listener left before cleanup
  // is done.
  const onSignal = () => deadline.abort(new Error("interrupted"));
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    await body({
      signal: deadline.signal,
      tempDir,
      stopAtEnd: (bot) => {
        bots.push(bot);
        return bot;
      },
    });
  } finally {
    clearTimeout(timer);
    for (const bot of bots) await bot.stop();
    await rm(tempDir, { recursive: true, force: true });
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
