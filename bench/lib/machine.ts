import { readFileSync } from "node:fs";
import os from "node:os";

/** `CPU: <model> | cores: N | Node vX` — figures mean little without it. */
export function machineLine(): string {
  return `machine: ${cpuModel()} | cores: ${os.availableParallelism()} | Node ${process.version} | ${os.platform()} ${os.arch()}`;
}

function cpuModel(): string {
  try {
    // /proc/cpuinfo names the model even in containers where os.cpus() may be vague.
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"));
    if (match?.[1]) return match[1].trim();
  } catch {
    // Not Linux: fall back to what Node reports.
  }
  return os.cpus()[0]?.model ?? "unknown CPU";
}
