/**
 * CPU time of the workerd behind a local bot, read from /proc: the Worker plus the local D1's
 * SQLite and miniflare's own services (the queue broker), all of which run in that process.
 */
import { readdir, readFile } from "node:fs/promises";
import type { LocalBot } from "../../scripts/lib/wrangler-process";

/** utime + stime of every workerd in the bot's process group, ms (100 ticks a second on Linux); null without /proc. */
export async function workerdCpuMs(bot: LocalBot): Promise<number | null> {
  if (bot.pid === undefined) return null;
  let ticks = 0;
  let found = false;
  for (const entry of await readdir("/proc").catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => null);
    if (stat === null) continue;
    const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) !== bot.pid || !comm.startsWith("workerd")) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
    found = true;
  }
  return found ? ticks * 10 : null;
}
