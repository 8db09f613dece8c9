/** How a benchmark ends: its failed checks, or an error with wrangler dev's last output. */
import type { LocalBot } from "../../scripts/lib/wrangler-process";

export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause === undefined ? error.message : `${error.message} (${describeError(error.cause)})`;
}

/** Prints the failed checks, if any, and makes the process exit non-zero. */
export function reportProblems(problems: string[]): void {
  if (problems.length === 0) return;
  console.log(`\n${problems.length} check(s) failed:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  process.exitCode = 1;
}

/** A `main().catch(…)` handler: the error, then what the local bot printed last. */
export function failWith(name: string, bot: () => LocalBot | null | undefined) {
  return (error: unknown): never => {
    console.error(`${name} failed: ${describeError(error)}`);
    const output = bot()?.output?.() ?? [];
    if (output.length > 0) console.error(`--- wrangler dev's last output ---\n${output.join("\n")}`);
    process.exit(1);
  };
}
