/**
 * `npm run bench`: prints the machine, then runs every benchmark in bench/ (each `*.ts`
 * here except this file) in its own Node process, so one benchmark's heap and JIT state
 * cannot colour another's figures and one failure does not hide the rest.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { machineLine } from "./lib/machine";

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));

async function runBenchmark(file: string): Promise<number> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(BENCH_DIR, file)], {
    stdio: "inherit",
  });
  const [code] = (await once(child, "exit")) as [number | null];
  return code ?? 1;
}

async function main(): Promise<number> {
  console.log(machineLine());
  const benchmarks = (await readdir(BENCH_DIR)).filter((f) => f.endsWith(".ts") && f !== "run.ts").sort();
  const failed: string[] = [];
  for (const file of benchmarks) {
    console.log(`\n== ${file} ==`);
    if ((await runBenchmark(file)) !== 0) failed.push(file);
  }
  if (failed.length > 0) console.log(`\nFailed: ${failed.join(", ")}`);
  return failed.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
