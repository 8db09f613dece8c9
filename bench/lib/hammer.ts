/**
 * Concurrent clients against a local bot: each probe is built (and signed) just before it is sent,
 * latencies and judged outcomes are collected; `row` is one line of a latency table. Shared by
 * bench/slash-command.ts and bench/slack-clicks.ts.
 */
import { percentile } from "./stats";

export interface RunResult {
  latenciesMs: number[];
  seconds: number;
  outcomes: Map<string, number>;
  firstError: string | null;
}

/** One request of a workload: where, what, and how to judge the answer. */
export interface Probe {
  url: string;
  init: RequestInit;
  judge: (status: number, body: string) => string;
}

export async function hammer(
  probes: readonly (() => Probe)[],
  concurrency: number,
  signal: AbortSignal,
): Promise<RunResult> {
  const latenciesMs: number[] = [];
  const outcomes = new Map<string, number>();
  let firstError: string | null = null;
  let next = 0;
  const started = performance.now();
  const client = async () => {
    for (let i = next++; i < probes.length; i = next++) {
      signal.throwIfAborted();
      // Built (and signed) just before it is sent, as Slack does.
      const probe = probes[i]!();
      const t0 = performance.now();
      let outcome = "error";
      try {
        const res = await fetch(probe.url, probe.init);
        const body = await res.text();
        outcome = probe.judge(res.status, body);
        if (outcome === "error" && firstError === null) firstError = `${res.status} ${body.slice(0, 200)}`;
      } catch (error) {
        if (firstError === null) firstError = error instanceof Error ? error.message : String(error);
      }
      latenciesMs.push(performance.now() - t0);
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  return { latenciesMs, seconds: (performance.now() - started) / 1000, outcomes, firstError };
}

export function row(name: string, concurrency: number, r: RunResult): Array<string | number> {
  const ms = (p: number) => Math.round(percentile(r.latenciesMs, p));
  const answers = [...r.outcomes]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${n} ${k}`)
    .join(", ");
  return [
    name,
    concurrency,
    r.latenciesMs.length,
    Math.round(r.latenciesMs.length / r.seconds),
    ms(50),
    ms(90),
    ms(99),
    ms(100),
    answers,
  ];
}
