/**
 * Helpers of bench/theme-quality.ts: the daily-arXiv snapshots as ISO weeks of distinct papers,
 * agreement of a clustering with the primary arXiv category (NMI, purity), and the scikit-learn
 * reference (TF-IDF + KMeans with k given), run by Debian's python3-sklearn.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { latexToPlain } from "../../src/ingest/text/latex";
import type { ThemePaper } from "../../src/themes";
import { DATA_DIR } from "./paths";

export const DAILY = path.join(DATA_DIR, "daily-arxiv");
const PYTHON = "/usr/bin/python3";

export interface Paper extends ThemePaper {
  category: string;
}

export interface Week {
  /** ISO week, "2025-W41". */
  week: string;
  days: string[];
  papers: Paper[];
}

/** ISO 8601 week of a day ("2025-10-06" → "2025-W41"). */
export function isoWeek(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(date.getTime() + (3 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/**
 * Papers of the days `keep` accepts, in file order, each id once (cross-listed papers repeat
 * across days), up to `limit`.
 */
export function loadPapers(keep: (day: string) => boolean, limit = Number.POSITIVE_INFINITY): Paper[] {
  const byId = new Map<string, Paper>();
  for (const file of readdirSync(DAILY).sort()) {
    if (!keep(file.slice(0, 10))) continue;
    for (const line of readFileSync(path.join(DAILY, file), "utf8").split("\n")) {
      if (!line.trim() || byId.size >= limit) continue;
      const r = JSON.parse(line) as { id: string; categories: string[]; title: string; summary: string };
      if (byId.has(r.id)) continue;
      byId.set(r.id, {
        id: r.id,
        title: latexToPlain(r.title),
        abstract: latexToPlain(r.summary),
        category: r.categories[0]!,
      });
    }
  }
  return [...byId.values()];
}

/** Every ISO week the snapshots cover, oldest first. */
export function loadWeeks(): Week[] {
  const days = new Map<string, string[]>();
  for (const file of readdirSync(DAILY).sort()) {
    const day = file.slice(0, 10);
    const week = isoWeek(day);
    days.set(week, [...(days.get(week) ?? []), day]);
  }
  return [...days].map(([week, ds]) => ({ week, days: ds, papers: loadPapers((d) => ds.includes(d)) }));
}

/** NMI (arithmetic normalisation, scikit-learn's default) and purity of a clustering. */
export function agreement(
  truth: readonly string[],
  clusters: readonly string[],
): { nmi: number; purity: number } {
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
// and tables show their mean and range. CPU per run includes the TF-IDF fit.
export const REFERENCE_SEEDS = 5;
const REFERENCE = `
import json, sys, time
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.cluster import KMeans
out = []
for job in json.load(sys.stdin):
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

export interface ReferenceJob {
  texts: string[];
  ks: number[];
}

/** One reference clustering: k, and the labels and CPU seconds of each seeded run. */
export interface ReferenceRun {
  k: number;
  runs: Array<{ labels: number[]; cpu: number }>;
}

/** scikit-learn's version, or null when /usr/bin/python3 cannot import it. */
export function referenceVersion(): string | null {
  const probe = spawnSync(PYTHON, ["-c", "import sklearn; print(sklearn.__version__)"], { encoding: "utf8" });
  return probe.status === 0 ? probe.stdout.trim() : null;
}

/** Runs every job's ks in one Python process; results in job order, then k order. */
export function runReference(jobs: readonly ReferenceJob[]): ReferenceRun[] {
  const out = execFileSync(PYTHON, ["-c", REFERENCE], { input: JSON.stringify(jobs), maxBuffer: 1 << 28 });
  return JSON.parse(out.toString()) as ReferenceRun[];
}

export const paperText = (p: Paper) => `${p.title}. ${p.abstract}`;
