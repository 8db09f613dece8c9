/**
 * Theme quality and cost (issue #4, item 5): `npx tsx bench/theme-quality.ts`.
 *
 * Quality: one ISO week of daily-arXiv papers (2025-W41, Monday 6 to Friday 10 October 2025)
 * clustered by the theme engine, which is NOT told how many themes to make; NMI and purity
 * against each paper's primary arXiv category (Other counts as one more cluster). Side by side,
 * the reference: scikit-learn TfidfVectorizer + KMeans with k = the true number of primary
 * categories (Debian's python3-sklearn via /usr/bin/python3) on the same title + abstract texts,
 * and the ratio ours / reference. NMI (arithmetic normalisation, scikit-learn's default) and
 * purity are computed here, by one function, for both sides.
 *
 * Cost of clustering ~6,000 abstracts (consecutive days until 6,000 distinct papers):
 *  - inside workerd, the Workers runtime (the `workerd` binary wrangler ships), serving the
 *    engine as a Worker: time by performance.now() in the Worker, workerd's CPU time from /proc,
 *    V8's own GC trace for the heap, and runs with V8's heap capped to find what it needs;
 *  - in a fresh Node process (same V8) for comparison.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { latexToPlain } from "../src/ingest/text/latex";
import { assignThemes, type ThemePaper } from "../src/themes";
import { DATA_DIR, REPO_ROOT } from "./lib/paths";

const DAILY = path.join(DATA_DIR, "daily-arxiv");
const WEEK = { label: "2025-W41", from: "2025-10-06", to: "2025-10-12" };
const SCALE = 6000;
const PYTHON = "/usr/bin/python3";
const SELF = fileURLToPath(import.meta.url);
const HEAP_CAPS_MB = [16, 24, 32, 48, 64, 128];

interface Paper extends ThemePaper {
  category: string;
}

function loadPapers(keep: (day: string) => boolean, limit = Number.POSITIVE_INFINITY): Paper[] {
  const byId = new Map<string, Paper>();
  for (const file of readdirSync(DAILY).sort()) {
    if (!keep(file.slice(0, 10))) continue;
    for (const line of readFileSync(path.join(DAILY, file), "utf8").split("\n")) {
      if (!line.trim() || byId.size >= limit) continue;
      const r = JSON.parse(line) as { id: string; categories: string[]; title: string; summary: string };
      if (byId.has(r.id)) continue; // cross-listed papers repeat across days
      const title = latexToPlain(r.title);
      byId.set(r.id, { id: r.id, title, abstract: latexToPlain(r.summary), category: r.categories[0]! });
    }
  }
  return [...byId.values()];
}

const scalePapers = (): ThemePaper[] =>
  loadPapers(() => true, SCALE).map(({ id, title, abstract }) => ({ id, title, abstract }));

/** NMI (arithmetic normalisation) and purity of a clustering against true classes. */
function agreement(truth: readonly string[], clusters: readonly string[]): { nmi: number; purity: number } {
  const n = truth.length;
  const count = (keys: readonly string[]) =>
    keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>());
  const classes = count(truth);
  const groups = count(clusters);
  const joint = count(truth.map((t, i) => `${t}\u0000${clusters[i]}`));
  const entropy = (m: Map<string, number>) =>
    -[...m.values()].reduce((s, c) => s + (c / n) * Math.log(c / n), 0);
  let mutual = 0;
  const best = new Map<string, number>();
  for (const [key, c] of joint) {
    const [t, k] = key.split("\u0000") as [string, string];
    mutual += (c / n) * Math.log((c * n) / (classes.get(t)! * groups.get(k)!));
    best.set(k, Math.max(best.get(k) ?? 0, c));
  }
  const h = entropy(classes) + entropy(groups);
  return { nmi: h > 0 ? (2 * mutual) / h : 1, purity: [...best.values()].reduce((s, c) => s + c, 0) / n };
}

// scikit-learn's own defaults (raw tf; sublinear tf scored lower on average here) with its English
// stop-words. KMeans depends a lot on its seed on this data, so it runs with the fixed seeds 0–4
// and the table shows their mean and range.
const REFERENCE_SEEDS = 5;
const REFERENCE = `
import json, sys, time
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.cluster import KMeans
job = json.load(sys.stdin)
out = []
for k in job["ks"]:
    runs = []
    for seed in range(${REFERENCE_SEEDS}):
        cpu = time.process_time()
        x = TfidfVectorizer(stop_words="english").fit_transform(job["texts"])
        labels = KMeans(n_clusters=k, random_state=seed, n_init=10).fit_predict(x)
        runs.append({"labels": [int(l) for l in labels], "cpu": time.process_time() - cpu})
    out.append({"k": k, "runs": runs})
json.dump(out, sys.stdout)
`;

interface ReferenceRun {
  k: number;
  runs: Array<{ labels: number[]; cpu: number }>;
}

function referenceVersion(): string | null {
  const probe = spawnSync(PYTHON, ["-c", "import sklearn; print(sklearn.__version__)"], { encoding: "utf8" });
  return probe.status === 0 ? probe.stdout.trim() : null;
}

function runReference(texts: string[], ks: number[]): ReferenceRun[] {
  const out = execFileSync(PYTHON, ["-c", REFERENCE], {
    input: JSON.stringify({ texts, ks }),
    maxBuffer: 1 << 28,
  });
  return JSON.parse(out.toString()) as ReferenceRun[];
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const spread = (xs: readonly number[]) =>
  `${mean(xs).toFixed(3)} (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})`;
const row = (cells: Array<string | number>) =>
  cells.map((c, i) => String(c).padEnd([46, 10, 18, 18, 5, 5][i] ?? 0)).join(" | ");

function cpuSeconds<T>(run: () => T): { value: T; cpu: number; wall: number } {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const value = run();
  const used = process.cpuUsage(cpu);
  return { value, cpu: (used.user + used.system) / 1e6, wall: (performance.now() - wall) / 1000 };
}

function quality(): void {
  const papers = loadPapers((day) => day >= WEEK.from && day <= WEEK.to);
  const truth = papers.map((p) => p.category);
  const categories = new Set(truth).size;
  console.log(
    `\nTheme quality: daily-arXiv ${WEEK.label} (${WEEK.from}..10), ${papers.length} papers, ${categories} primary categories`,
  );
  console.log(row(["clustering", "themes (k)", "NMI", "purity", "Other", "CPU s"]));
  const ours = [1, 0.5].map((resolution) => {
    const run = cpuSeconds(() => assignThemes(papers, [], { week: WEEK.label, resolution }));
    const score = agreement(
      truth,
      run.value.assignments.map((a) => a.themeId),
    );
    const other = run.value.assignments.filter((a) => a.kind === "other").length;
    const name = resolution === 1 ? "ours, default (Louvain γ = 1)" : "ours, coarser (Louvain γ = 0.5)";
    const k = `${run.value.themes.length} (found)`;
    console.log(row([name, k, score.nmi.toFixed(3), score.purity.toFixed(3), other, run.cpu.toFixed(2)]));
    return { ...score, result: run.value };
  });
  const [fine, coarse] = ours as [(typeof ours)[0], (typeof ours)[0]];
  const version = referenceVersion();
  if (!version) {
    console.log(
      `reference NOT run: ${PYTHON} cannot import sklearn (apt-get install -y python3-sklearn); our figures stand alone`,
    );
  } else {
    const texts = papers.map((p) => `${p.title}. ${p.abstract}`);
    const [trueK, sameK] = runReference(texts, [categories, fine.result.themes.length]).map((r, i) => {
      const scores = r.runs.map((run) => agreement(truth, run.labels.map(String)));
      const nmi = scores.map((x) => x.nmi);
      const purity = scores.map((x) => x.purity);
      const name =
        i === 0 ? `reference, k = true categories (sklearn ${version})` : "reference, k = our default count";
      const cpu = mean(r.runs.map((run) => run.cpu)).toFixed(2);
      console.log(row([name, `${r.k} (given)`, spread(nmi), spread(purity), "-", cpu]));
      return { nmi: mean(nmi), purity: mean(purity) };
    }) as [{ nmi: number; purity: number }, { nmi: number; purity: number }];
    const ratio = (a: number, b: number) => (a / b).toFixed(2);
    console.log(`reference: mean (min–max) over KMeans random_state 0–${REFERENCE_SEEDS - 1}, CPU per run`);
    console.log(
      `ratio ours / reference, k = true categories: default NMI ${ratio(fine.nmi, trueK.nmi)}, ` +
        `purity ${ratio(fine.purity, trueK.purity)}; coarser NMI ${ratio(coarse.nmi, trueK.nmi)}, ` +
        `purity ${ratio(coarse.purity, trueK.purity)}`,
    );
    console.log(
      `ratio ours / reference at the same k (${fine.result.themes.length}): ` +
        `NMI ${ratio(fine.nmi, sameK.nmi)}, purity ${ratio(fine.purity, sameK.purity)}`,
    );
  }
  console.log("\nExample themes (default), papers | label");
  for (const t of fine.result.themes.slice(0, 10)) console.log(`${String(t.size).padStart(6)} | ${t.label}`);
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
} else {
  quality();
  await workerdCost();
  nodeCost();
}
