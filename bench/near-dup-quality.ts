/**
 * Near-duplicate quality on real data, ids stripped (issue #3). Runs the bot's own
 * prepare + verdict engine in-process (the same code the Worker runs, minus D1):
 *  - recall on known same-paper pairs (revised_abstract_pairs.jsonl and the .abs ftp/orig
 *    version pairs), per difflib ratio band, beside the exact-text rule of today's alert tools;
 *  - false matches: all of daily-arxiv/ as one id-less stream, counting records merged into a
 *    paper first seen under another id.
 * difflib ratios come from python3's difflib (the measure the issue names).
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { PERTURBATIONS, seededRandom } from "../scripts/lib/perturb";
import { decideVerdicts } from "../src/identify/decide-verdicts";
import { prepareRecord } from "../src/identify/prepare-record";
import type { PreparedRecord } from "../src/identify/types";
import { parseAbsEntries } from "../src/ingest/formats/abs-entries";
import { bareRecord } from "../src/ingest/formats/record-fields";
import type { ParsedRecord } from "../src/ingest/types";

const DATA = path.join(import.meta.dirname, "..", "test", "fixtures", "data");
const EMPTY = { papers: [], versions: [], matches: [], bands: [] };

const idless = (abstract: string, index: number) => bareRecord(index, "json", abstract);

function difflibRatios(pairs: Array<[string, string]>): number[] {
  const script =
    "import sys,json,difflib\nfor a,b in json.load(sys.stdin): print(difflib.SequenceMatcher(None,a,b).ratio())";
  const out = execFileSync("python3", ["-c", script], { input: JSON.stringify(pairs), maxBuffer: 1 << 26 });
  return out.toString().trim().split("\n").map(Number);
}

/** Verdict for `b` after `a` was stored: does the engine see them as one paper? */
async function samePaper(a: string, b: string): Promise<{ engine: boolean; exactText: boolean }> {
  const [ra, rb] = await Promise.all([prepareRecord(idless(a, 0)), prepareRecord(idless(b, 1))]);
  const { outcomes } = decideVerdicts([ra, rb], EMPTY, 0);
  return { engine: outcomes[1]!.verdict !== "new", exactText: ra.fingerprint === rb.fingerprint };
}

function absVersionPairs(): Array<[string, string]> {
  const root = path.join(DATA, "arxiv-abs");
  const latest = new Map<string, string>();
  const older: Array<{ id: string; abstract: string }> = [];
  const walk = (dir: string, into: (r: ParsedRecord) => void) => {
    for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (!entry.isFile() || !entry.name.endsWith(".abs")) continue;
      const text = readFileSync(path.join(entry.parentPath, entry.name), "latin1");
      for (const r of parseAbsEntries(text, "abs").records) into(r);
    }
  };
  walk(path.join(root, "ftp"), (r) => r.arxivId && latest.set(r.arxivId, r.abstract));
  walk(path.join(root, "orig"), (r) => r.arxivId && older.push({ id: r.arxivId, abstract: r.abstract }));
  return older.flatMap(({ id, abstract }) => {
    const newest = latest.get(id);
    return newest && newest !== abstract ? [[abstract, newest] as [string, string]] : [];
  });
}

async function recall(): Promise<void> {
  const revised = readFileSync(path.join(DATA, "revised_abstract_pairs.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { summary_a: string; summary_b: string })
    .map((p): [string, string] => [p.summary_a, p.summary_b]);
  const pairs = [...revised, ...absVersionPairs()];
  const ratios = difflibRatios(pairs);
  const results = await Promise.all(pairs.map(([a, b]) => samePaper(a, b)));
  console.log(
    `\nRecall on known same-paper pairs, ids stripped (${revised.length} revised + ${pairs.length - revised.length} .abs version pairs)`,
  );
  console.log("difflib ratio ≥ | pairs | near-duplicate engine | exact-text rule");
  for (const floor of [0.5, 0.6, 0.7, 0.8, 0.9, 0.95]) {
    const inBand = results.filter((_, i) => ratios[i]! >= floor);
    const engine = inBand.filter((r) => r.engine).length;
    const exact = inBand.filter((r) => r.exactText).length;
    const pct = (n: number) => (inBand.length ? (n / inBand.length).toFixed(3) : "-");
    console.log(
      `${floor.toFixed(2).padStart(15)} | ${String(inBand.length).padStart(5)} | ${pct(engine).padStart(21)} | ${pct(exact)}`,
    );
  }
}

async function falseMatches(): Promise<void> {
  const dir = path.join(DATA, "daily-arxiv");
  const lines = readdirSync(dir)
    .sort()
    .flatMap((f) => readFileSync(path.join(dir, f), "utf8").split("\n"))
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { id: string; title: string; summary: string });
  const started = performance.now();
  const prepared: PreparedRecord[] = await Promise.all(
    lines.map((l, i) => prepareRecord(idless(l.summary, i))),
  );
  const { outcomes } = decideVerdicts(prepared, EMPTY, 0);
  const seconds = (performance.now() - started) / 1000;

  const creatorId = new Map<string, string>();
  const flaggedPairs = new Set<string>();
  const exactPairs = new Set<string>();
  let missedRepeats = 0;
  const seenIds = new Set<string>();
  outcomes.forEach((o, i) => {
    const id = lines[i]!.id;
    if (o.verdict === "new") {
      creatorId.set(o.key!, id);
      if (seenIds.has(id)) missedRepeats++;
    } else {
      const other = creatorId.get(o.matchOf ?? o.key!);
      if (other && other !== id) {
        const pair = [other, id].sort().join(" ~ ");
        flaggedPairs.add(pair);
        if (o.verdict === "duplicate") exactPairs.add(pair);
      }
    }
    seenIds.add(id);
  });
  const distinct = seenIds.size;
  console.log(
    `\nFalse matches: daily-arxiv/ as one id-less stream (${lines.length} records, ${distinct} distinct ids)`,
  );
  console.log(`engine time (prepare + verdicts, in-process): ${seconds.toFixed(2)} s`);
  console.log(`repeated ids (cross-lists) not recognised as duplicates: ${missedRepeats}`);
  console.log(
    `distinct-id pairs merged: ${flaggedPairs.size} (${((flaggedPairs.size / distinct) * 10_000).toFixed(2)} per 10,000 papers); ` +
      `of which identical text under two ids: ${exactPairs.size}`,
  );
  const byId = new Map(lines.map((l) => [l.id, l]));
  const flagged = [...flaggedPairs].map((pair) => pair.split(" ~ ") as [string, string]);
  const ratios = difflibRatios(flagged.map(([a, b]) => [byId.get(a)!.summary, byId.get(b)!.summary]));
  flagged.forEach(([a, b], i) => {
    console.log(`  ${a} ~ ${b}: abstracts' difflib ratio ${ratios[i]!.toFixed(3)}`);
    console.log(`    "${byId.get(a)!.title.slice(0, 70)}" / "${byId.get(b)!.title.slice(0, 70)}"`);
  });
  console.log(
    "exact-text rule: merges only the identical-text pairs, misses every edited copy (see recall above)",
  );
}

/** Every daily-arxiv abstract, perturbed each way with 3 seeds, checked against its original. */
async function perturbationRecall(): Promise<void> {
  const dir = path.join(DATA, "daily-arxiv");
  const abstracts = [
    ...new Set(
      readdirSync(dir)
        .flatMap((f) => readFileSync(path.join(dir, f), "utf8").split("\n"))
        .filter((l) => l.trim())
        .map((l) => (JSON.parse(l) as { summary: string }).summary),
    ),
  ];
  console.log(`\nRecall on perturbed copies (${abstracts.length} real abstracts × 3 seeds per perturbation)`);
  console.log("perturbation                  | copies | recognised | exact-text rule");
  for (const [name, perturb] of Object.entries(PERTURBATIONS)) {
    let found = 0;
    let exact = 0;
    let total = 0;
    for (const [i, original] of abstracts.entries()) {
      for (let seed = 0; seed < 3; seed++) {
        const result = await samePaper(original, perturb(original, seededRandom(i * 3 + seed)));
        total++;
        if (result.engine) found++;
        if (result.exactText) exact++;
      }
    }
    console.log(
      `${name.padEnd(29)} | ${String(total).padStart(6)} | ${(found / total).toFixed(4).padStart(10)} | ${(exact / total).toFixed(4)}`,
    );
  }
}

export async function runNearDupQuality(): Promise<void> {
  await recall();
  await perturbationRecall();
  await falseMatches();
}

if (import.meta.url === `file://${process.argv[1]}`) await runNearDupQuality();
