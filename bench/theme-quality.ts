/**
 * Theme quality and cost (issue #4): `npx tsx bench/theme-quality.ts [--sweep]`.
 *
 * Quality, on every ISO week of the daily-arXiv snapshots (9 weeks, 2025-W40..W48): each week's
 * papers are clustered by the theme engine with its defaults, NOT told how many themes to make;
 * NMI and purity against each paper's primary arXiv category (Other counts as one more cluster).
 * Side by side, the reference: scikit-learn TfidfVectorizer + KMeans with k = the week's true
 * number of primary categories (Debian's python3-sklearn via /usr/bin/python3) on the same title +
 * abstract texts, and with k = the number of themes we found (like for like). NMI (arithmetic
 * normalisation, scikit-learn's default) and purity are computed here, by one function, for both.
 *
 * Held-out: the defaults were chosen on the first four weeks only (`--sweep` reruns that choice:
 * a grid of resolution × neighbours, four seeds each, and the rule below); the table reports every
 * week and the means of the tuning and held-out weeks apart.
 *
 * Cost of clustering ~6,000 abstracts (consecutive days until 6,000 distinct papers):
 *  - inside workerd, the Workers runtime (the `workerd` binary wrangler ships), serving the
 *    engine as a Worker: time by performance.now() in the Worker, workerd's CPU time from /proc,
 *    V8's own GC trace for the heap, and runs with V8's heap capped to find what it needs;
 *  - in a fresh Node process (same V8) for comparison.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { assignThemes, DEFAULTS, type ThemeOptions, type ThemePaper, type ThemeResult } from "../src/themes";
import { REPO_ROOT } from "./lib/paths";
import {
  agreement,
  loadPapers,
  loadWeeks,
  paperText,
  REFERENCE_SEEDS,
  type ReferenceRun,
  referenceVersion,
  runReference,
  type Week,
} from "./lib/theme-weeks";

/** The first weeks, oldest first, chose the defaults; the later ones are held out. */
const TUNING_WEEKS = 4;
/** The week whose themes are printed as examples (the benchmark week of the first version). */
const EXAMPLE_WEEK = "2025-W41";
const SCALE = 6000;
const SELF = fileURLToPath(import.meta.url);
const HEAP_CAPS_MB = [16, 24, 32, 48, 64, 128];

const scalePapers = (): ThemePaper[] =>
  loadPapers(() => true, SCALE).map(({ id, title, abstract }) => ({ id, title, abstract }));

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const range = (xs: readonly number[]) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;
const pad = (cells: Array<string | number>, widths: readonly number[]) =>
  cells.map((c, i) => String(c).padStart(widths[i] ?? 0)).join(" | ");

function cpuSeconds<T>(run: () => T): { value: T; cpu: number; wall: number } {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const value = run();
  const used = process.cpuUsage(cpu);
  return { value, cpu: (used.user + used.system) / 1e6, wall: (performance.now() - wall) / 1000 };
}

const role = (i: number) => (i < TUNING_WEEKS ? "tuning" : "held-out");
const categoriesOf = (w: Week) => new Set(w.papers.map((p) => p.category)).size;

interface Scored {
  nmi: number;
  purity: number;
}

function scoreRun(w: Week, r: ThemeResult): Scored & { themes: number; other: number } {
  return {
    ...agreement(
      w.papers.map((p) => p.category),
      r.assignments.map((a) => a.themeId),
    ),
    themes: r.themes.length,
    other: r.assignments.filter((a) => a.kind === "other").length,
  };
}

/** Mean and spread of one reference clustering's seeded runs. */
function scoreReference(w: Week, r: ReferenceRun): { nmi: number[]; purity: number[]; cpu: number } {
  const truth = w.papers.map((p) => p.category);
  const scores = r.runs.map((run) => agreement(truth, run.labels.map(String)));
  return {
    nmi: scores.map((s) => s.nmi),
    purity: scores.map((s) => s.purity),
    cpu: mean(r.runs.map((run) => run.cpu)),
  };
}

function referenceOrNull(jobs: Array<{ texts: string[]; ks: number[] }>): ReferenceRun[] | null {
  const version = referenceVersion();
  if (!version) {
    console.log(
      "reference NOT run: /usr/bin/python3 cannot import sklearn (apt-get install -y python3-sklearn); our figures stand alone",
    );
    return null;
  }
  console.log(
    `reference: scikit-learn ${version} TF-IDF + KMeans, k given, mean (min–max) over random_state 0–${REFERENCE_SEEDS - 1}`,
  );
  return runReference(jobs);
}

function quality(): void {
  const weeks = loadWeeks();
  console.log(
    `\nTheme quality: daily-arXiv, ${weeks.length} ISO weeks, each clustered alone with the defaults ` +
      `(resolution ${DEFAULTS.resolution}, ${DEFAULTS.neighbours} neighbours, min theme size max(2, ⌈papers/200⌉)); ` +
      `tuning = the first ${TUNING_WEEKS} weeks, which chose them`,
  );
  const ours = weeks.map((w) => {
    const run = cpuSeconds(() => assignThemes(w.papers, [], { week: w.week }));
    return { ...scoreRun(w, run.value), cpu: run.cpu, result: run.value };
  });
  const reference = referenceOrNull(
    weeks.map((w, i) => ({ texts: w.papers.map(paperText), ks: [categoriesOf(w), ours[i]!.themes] })),
  );
  const widths = [8, 8, 6, 4, 6, 6, 16, 5, 6, 6, 6, 16, 6, 6];
  console.log(
    pad(
      [
        "week",
        "role",
        "papers",
        "cats",
        "themes",
        "NMI",
        "ref NMI (k=cats)",
        "ratio",
        "purity",
        "ref",
        "Other",
        "ref NMI (same k)",
        "CPU s",
        "ref s",
      ],
      widths,
    ),
  );
  const rows = weeks.map((w, i) => {
    const o = ours[i]!;
    const ref = reference ? scoreReference(w, reference[2 * i]!) : null;
    const same = reference ? scoreReference(w, reference[2 * i + 1]!) : null;
    const refNmi = ref ? mean(ref.nmi) : Number.NaN;
    console.log(
      pad(
        [
          w.week,
          role(i),
          w.papers.length,
          categoriesOf(w),
          o.themes,
          o.nmi.toFixed(3),
          ref ? `${refNmi.toFixed(3)} (${range(ref.nmi)})` : "-",
          ref ? (o.nmi / refNmi).toFixed(2) : "-",
          o.purity.toFixed(3),
          ref ? mean(ref.purity).toFixed(3) : "-",
          o.other,
          same ? `${mean(same.nmi).toFixed(3)} (${range(same.nmi)})` : "-",
          o.cpu.toFixed(2),
          ref ? ref.cpu.toFixed(2) : "-",
        ],
        widths,
      ),
    );
    return {
      role: role(i),
      ours: o,
      ref: ref ? { nmi: refNmi, purity: mean(ref.purity) } : null,
      same: same ? mean(same.nmi) : null,
    };
  });
  console.log("means (ratio = mean NMI ours / mean NMI reference):");
  for (const [name, subset] of [
    ["tuning", rows.filter((r) => r.role === "tuning")],
    ["held-out", rows.filter((r) => r.role === "held-out")],
    ["all", rows],
  ] as const) {
    const nmi = mean(subset.map((r) => r.ours.nmi));
    const refNmi = reference ? mean(subset.map((r) => r.ref!.nmi)) : Number.NaN;
    const sameNmi = reference ? mean(subset.map((r) => r.same!)) : Number.NaN;
    console.log(
      `  ${name.padEnd(8)} themes ${mean(subset.map((r) => r.ours.themes)).toFixed(1)}, ` +
        `NMI ${nmi.toFixed(3)} vs ${refNmi.toFixed(3)} (ratio ${(nmi / refNmi).toFixed(2)}), ` +
        `purity ${mean(subset.map((r) => r.ours.purity)).toFixed(3)} vs ${
          reference ? mean(subset.map((r) => r.ref!.purity)).toFixed(3) : "-"
        }, ` +
        `at the same k NMI ratio ${(nmi / sameNmi).toFixed(2)}, ` +
        `Other ${(100 * mean(subset.map((r) => r.ours.other / r.ours.result.assignments.length))).toFixed(1)}%`,
    );
  }
  // What NMI against four categories rewards: a coarse level a caller can ask for, too broad to read.
  const coarse = weeks.map((w) => scoreRun(w, assignThemes(w.papers, [], { week: w.week, resolution: 0.5 })));
  if (reference) {
    const nmi = mean(coarse.map((c) => c.nmi));
    console.log(
      `  for comparison, resolution 0.5 (all weeks): themes ${mean(coarse.map((c) => c.themes)).toFixed(1)}, ` +
        `NMI ${nmi.toFixed(3)} (ratio ${(nmi / mean(rows.map((r) => r.ref!.nmi))).toFixed(2)}), ` +
        `purity ${mean(coarse.map((c) => c.purity)).toFixed(3)}`,
    );
  }
  const example = weeks.findIndex((w) => w.week === EXAMPLE_WEEK);
  if (example >= 0) {
    console.log(`\nThemes of ${EXAMPLE_WEEK} (default), papers | label`);
    for (const t of ours[example]!.result.themes) console.log(`${String(t.size).padStart(6)} | ${t.label}`);
  }
}

// ---- How the defaults were chosen (--sweep) ---------------------------------------------------

/**
 * The grid and the rule. NMI against four categories rewards coarse clusterings (two or three
 * themes, vision vs language, score highest), which a digest cannot use; the reader needs the
 * finest themes that are still real. So: among the settings whose NMI on the tuning weeks matches
 * the reference's (k given) for every seed, the one with the most themes; ties, the higher NMI.
 */
const GRID = { resolution: [0.9, 1, 1.1, 1.2, 1.3, 1.4, 1.5], neighbours: [20, 30, 40, 50, 60] };
const SWEEP_SEEDS = [0, 1, 2, 3];

function sweep(): void {
  const weeks = loadWeeks();
  const tuning = weeks.slice(0, TUNING_WEEKS);
  const heldOut = weeks.slice(TUNING_WEEKS);
  const reference = referenceOrNull(
    weeks.map((w) => ({ texts: w.papers.map(paperText), ks: [categoriesOf(w)] })),
  );
  if (!reference) return;
  const refNmi = weeks.map((w, i) => mean(scoreReference(w, reference[i]!).nmi));
  const refMean = (subset: readonly Week[]) => mean(subset.map((w) => refNmi[weeks.indexOf(w)]!));
  console.log(
    `\nSweep: resolution × neighbours, seeds ${SWEEP_SEEDS.join(", ")}; ratio = mean NMI / reference mean NMI ` +
      `(${refMean(tuning).toFixed(3)} tuning, ${refMean(heldOut).toFixed(3)} held-out)`,
  );
  const widths = [10, 10, 22, 6, 6, 8, 6, 6, 6];
  console.log(
    pad(
      [
        "resolution",
        "neighbours",
        "tuning ratio (seeds)",
        "themes",
        "purity",
        "held-out",
        "themes",
        "purity",
        "s/week",
      ],
      widths,
    ),
  );
  const results: Array<{ options: Partial<ThemeOptions>; matches: boolean; themes: number; ratio: number }> =
    [];
  for (const resolution of GRID.resolution) {
    for (const neighbours of GRID.neighbours) {
      const options = { resolution, neighbours };
      const runs = SWEEP_SEEDS.map((seed) =>
        weeks.map((w) => {
          const run = cpuSeconds(() => assignThemes(w.papers, [], { week: w.week, ...options, seed }));
          return { ...scoreRun(w, run.value), cpu: run.cpu };
        }),
      );
      const over = (subset: readonly Week[], f: (r: (typeof runs)[0][0]) => number) =>
        runs.map((perWeek) => mean(subset.map((w) => f(perWeek[weeks.indexOf(w)]!))));
      const tuningRatios = over(tuning, (r) => r.nmi).map((x) => x / refMean(tuning));
      const heldRatio = mean(over(heldOut, (r) => r.nmi)) / refMean(heldOut);
      const themes = mean(over(tuning, (r) => r.themes));
      results.push({ options, matches: Math.min(...tuningRatios) >= 1, themes, ratio: mean(tuningRatios) });
      console.log(
        pad(
          [
            resolution,
            neighbours,
            `${mean(tuningRatios).toFixed(3)} (${range(tuningRatios)})`,
            themes.toFixed(1),
            mean(over(tuning, (r) => r.purity)).toFixed(3),
            heldRatio.toFixed(3),
            mean(over(heldOut, (r) => r.themes)).toFixed(1),
            mean(over(heldOut, (r) => r.purity)).toFixed(3),
            mean(over(weeks, (r) => r.cpu)).toFixed(2),
          ],
          widths,
        ),
      );
    }
  }
  const chosen = results.filter((r) => r.matches).sort((a, b) => b.themes - a.themes || b.ratio - a.ratio)[0];
  console.log(
    chosen
      ? `rule picks ${JSON.stringify(chosen.options)} (defaults now: resolution ${DEFAULTS.resolution}, neighbours ${DEFAULTS.neighbours})`
      : "no setting matches the reference on every seed",
  );
}

// ---- Cost, inside workerd -------------------------------------------------------------------

// The engine as a Worker: POST papers to /parse (JSON parse only, to warm up) or /run.
const WORKER = `import { assignThemes } from "./src/themes/index.ts";
export default {
  async fetch(request) {
    const papers = await request.json();
    if (new URL(request.url).pathname === "/parse") return Response.json({ papers: papers.length });
    const start = performance.now();
    const result = assignThemes(papers, [], { week: "scale" });
    return Response.json({ themes: result.themes.length, ms: performance.now() - start });
  },
};`;

const workerdConfig = (port: number, v8Flags: string[]) => `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .engine) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
  v8Flags = [${v8Flags.map((f) => JSON.stringify(f)).join(", ")}],
);
const engine :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "worker.js") ],
  compatibilityDate = "2026-04-20",
);
`;

interface WorkerdRun {
  ok: boolean;
  themes: number;
  seconds: number;
  cpu: number | null;
  /** V8 trace lines printed while the /run request was served. */
  trace: string[];
}

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  server.close();
  return port;
}

/** utime + stime of a process, in seconds (100 ticks per second on Linux). */
function cpuOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** Serves the bundled engine from a fresh workerd with these V8 flags and clusters `body` once. */
async function runInWorkerd(dir: string, body: string, v8Flags: string[]): Promise<WorkerdRun> {
  const port = await freePort();
  await writeFile(path.join(dir, "config.capnp"), workerdConfig(port, v8Flags));
  const child = spawn(
    path.join(REPO_ROOT, "node_modules/.bin/workerd"),
    ["serve", path.join(dir, "config.capnp")],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const lines: string[] = [];
  const collect = (data: Buffer) => lines.push(...data.toString("utf8").split("\n"));
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const exited = once(child, "exit");
  const post = (route: string) => fetch(`http://127.0.0.1:${port}/${route}`, { method: "POST", body });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await (await post("parse")).json(); // also warms the isolate up
        break;
      } catch (error) {
        if (attempt > 100 || child.exitCode !== null) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    const from = lines.length;
    const cpu = child.pid === undefined ? null : cpuOf(child.pid);
    const response = await post("run");
    const out = response.ok ? ((await response.json()) as { themes: number; ms: number }) : null;
    const cpuAfter = child.pid === undefined ? null : cpuOf(child.pid);
    return {
      ok: out !== null,
      themes: out?.themes ?? 0,
      seconds: (out?.ms ?? 0) / 1000,
      cpu: cpu !== null && cpuAfter !== null ? cpuAfter - cpu : null,
      trace: lines.slice(from),
    };
  } catch {
    return { ok: false, themes: 0, seconds: 0, cpu: null, trace: [] };
  } finally {
    child.kill();
    await exited;
  }
}

/** Heap used before/after each collection, from V8's --trace-gc lines. */
function gcTrace(lines: readonly string[]): { peakLive: number; peakAll: number; full: number } {
  const gcs = lines
    .map((l) =>
      /: (Scavenge|Mark-Compact|Mark-sweep|Minor Mark-Compact)[^0-9]*?([\d.]+) \([\d.]+\) -> ([\d.]+) /.exec(
        l,
      ),
    )
    .filter((m): m is RegExpExecArray => m !== null);
  // Only a full (mark-compact) collection leaves nothing but live data; any "before" still counts garbage.
  const full = gcs.filter((m) => m[1] === "Mark-Compact");
  return {
    peakLive: Math.max(0, ...full.map((m) => Number(m[3]))),
    peakAll: Math.max(0, ...gcs.map((m) => Number(m[2]))),
    full: full.length,
  };
}

async function workerdCost(): Promise<void> {
  const papers = scalePapers();
  const body = JSON.stringify(papers);
  const dir = await mkdtemp(path.join(os.tmpdir(), "theme-bench-"));
  try {
    const { build } = await import("esbuild"); // wrangler's bundler, loaded only here
    const bundle = await build({
      stdin: { contents: WORKER, resolveDir: REPO_ROOT, loader: "ts" },
      bundle: true,
      format: "esm",
      platform: "neutral",
      write: false,
    });
    await writeFile(path.join(dir, "worker.js"), bundle.outputFiles[0]!.text);
    const traced = await runInWorkerd(dir, body, ["--trace-gc"]);
    if (!traced.ok) throw new Error("the Worker did not answer");
    const heap = gcTrace(traced.trace);
    let fits: number | undefined;
    for (const cap of HEAP_CAPS_MB) {
      if ((await runInWorkerd(dir, body, [`--max-old-space-size=${cap}`])).ok) {
        fits = cap;
        break;
      }
    }
    const version = execFileSync(path.join(REPO_ROOT, "node_modules/.bin/workerd"), ["--version"])
      .toString()
      .trim();
    console.log(
      `\nCost: ${papers.length} abstracts (consecutive daily-arXiv days), inside ${version}, one Worker:`,
    );
    console.log(
      `  ${traced.themes} themes found; clustering ${traced.seconds.toFixed(2)} s (performance.now() in the Worker)`,
    );
    if (traced.cpu !== null)
      console.log(
        `  workerd CPU time for the request ${traced.cpu.toFixed(2)} s (JSON parse of the body included)`,
      );
    console.log(
      `  V8 heap while serving it (GC trace, input papers included): peak ${heap.peakLive.toFixed(1)} MB live after a full ` +
        `collection (${heap.full} ran), ${heap.peakAll.toFixed(1)} MB counting garbage not yet collected`,
    );
    console.log(
      `  completes with V8's old space capped at ${fits ? `${fits} MB` : "none"} (smallest of ${HEAP_CAPS_MB.join("/")} MB tried; Workers allow 128 MB)`,
    );
  } catch (error) {
    console.log(`\ninside workerd: not measured (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// ---- Cost, in Node (for comparison) -----------------------------------------------------------

/** Child process: cluster SCALE abstracts once and report. */
function scaleChild(): void {
  const papers = scalePapers();
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed / 2 ** 20;
  const run = cpuSeconds(() => assignThemes(papers, [], { week: "scale" }));
  console.log(
    `@@result ${JSON.stringify({ themes: run.value.themes.length, cpu: run.cpu, wall: run.wall, before })}`,
  );
}

function nodeCost(): void {
  const child = spawnSync(process.execPath, ["--import", "tsx", "--expose-gc", SELF, "--scale-child"], {
    encoding: "utf8",
  });
  const line = child.stdout.split("\n").find((l) => l.startsWith("@@result "));
  if (!line) throw new Error(`Node scale run failed: ${child.stderr.slice(-2000)}`);
  const r = JSON.parse(line.slice("@@result ".length)) as {
    themes: number;
    cpu: number;
    wall: number;
    before: number;
  };
  const fits = HEAP_CAPS_MB.find(
    (cap) =>
      spawnSync(process.execPath, ["--import", "tsx", `--max-old-space-size=${cap}`, SELF, "--scale-child"])
        .status === 0,
  );
  console.log(`in Node ${process.version} (same V8 engine), fresh process:`);
  console.log(
    `  ${r.themes} themes; CPU ${r.cpu.toFixed(2)} s (all threads, GC included), wall ${r.wall.toFixed(2)} s; ` +
      `heap ${r.before.toFixed(1)} MB before clustering; completes with old space capped at ${fits ?? "none of the"} MB`,
  );
}

if (process.argv.includes("--scale-child")) {
  scaleChild();
} else if (process.argv.includes("--sweep")) {
  sweep();
} else {
  quality();
  await workerdCost();
  nodeCost();
}
