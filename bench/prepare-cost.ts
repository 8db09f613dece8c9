/**
 * CPU cost per record of what the Worker computes before touching D1 (identify/prepare-record.ts),
 * stage by stage, on 5,000 real daily-arxiv abstracts, in-process. Shows where ingest time goes
 * besides storage.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fingerprintAbstract } from "../src/identify/fingerprint";
import { lshBandKeys, minhashSignature } from "../src/identify/similarity/minhash";
import { sentenceKeys } from "../src/identify/similarity/sentence-keys";
import { sketchPlainText } from "../src/identify/similarity/shingles";
import { extractCodeLinks } from "../src/ingest/text/code-links";
import { deriveHeadline } from "../src/ingest/text/headline";
import { latexToPlain } from "../src/ingest/text/latex";
import { DATA_DIR } from "./lib/paths";

const SAMPLE = 5_000;

const dir = path.join(DATA_DIR, "daily-arxiv");
const abstracts = readdirSync(dir)
  .sort()
  .flatMap((f) => readFileSync(path.join(dir, f), "utf8").split("\n"))
  .filter((line) => line.trim())
  .map((line) => (JSON.parse(line) as { summary: string }).summary)
  .slice(0, SAMPLE);
const plain = abstracts.map(latexToPlain);
const sketches = plain.map(sketchPlainText);

async function microsPerRecord(run: () => unknown): Promise<number> {
  await run(); // warm-up
  const started = performance.now();
  await run();
  return ((performance.now() - started) / abstracts.length) * 1000;
}

// `map` so each stage's results are kept (and its work cannot be optimised away).
const stages: Array<[string, () => unknown]> = [
  ["LaTeX → plain text", () => abstracts.map((a) => latexToPlain(a))],
  ["derived headline (only without a title)", () => abstracts.map((a) => deriveHeadline(a))],
  ["code links", () => abstracts.map((a) => extractCodeLinks(a))],
  ["word sketch (words + 3-gram set)", () => plain.map((p) => sketchPlainText(p))],
  ["MinHash + LSH band keys", () => sketches.map((s) => lshBandKeys(minhashSignature(s.shingles)))],
  ["sentence keys", () => plain.map((p) => sentenceKeys(p))],
  ["SHA-256 fingerprint", () => Promise.all(abstracts.map((a) => fingerprintAbstract(a)))],
];

console.log(
  `Prepare cost per record (${abstracts.length.toLocaleString("en-US")} daily-arxiv abstracts, in-process, after a warm-up)`,
);
let total = 0;
for (const [name, run] of stages) {
  const micros = await microsPerRecord(run);
  if (!name.startsWith("derived headline")) total += micros;
  console.log(`  ${name.padEnd(42)} ${micros.toFixed(1).padStart(7)} µs`);
}
console.log(`  ${"total for a record with a title".padEnd(42)} ${total.toFixed(1).padStart(7)} µs`);
