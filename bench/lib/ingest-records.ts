/**
 * The real records the ingest benchmarks send: every record of the daily-arXiv dumps, the OAI
 * snapshot head and arxiv-browse's latest listing (10,979; cross-lists repeat ids), renumbered
 * 0..n-1 so answers map back unambiguously.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expandInputs } from "../../scripts/lib/walk-files";
import { decodeBytes } from "../../src/ingest/clean-text";
import { parseInput } from "../../src/ingest/parse-input";
import type { ParsedRecord } from "../../src/ingest/types";
import { DATA_DIR } from "./paths";

const SOURCES = [
  { label: "daily-arxiv/*.jsonl", paths: ["daily-arxiv"] },
  {
    label: "arxiv-metadata-oai-snapshot.head200.jsonl",
    paths: ["arxiv-metadata-oai-snapshot.head200.jsonl"],
  },
  { label: "arxiv_browse_latest.jsonl", paths: ["arxiv_browse_latest.jsonl"] },
];

export async function loadIngestRecords(): Promise<ParsedRecord[]> {
  const all: ParsedRecord[] = [];
  for (const source of SOURCES) {
    const files = await expandInputs(source.paths.map((p) => path.join(DATA_DIR, p)));
    let records = 0;
    let errors = 0;
    for (const file of files) {
      const parsed = await parseInput(decodeBytes(new Uint8Array(await readFile(file.absolutePath))));
      if (parsed === null) throw new Error(`${file.displayPath}: format not recognised`);
      all.push(...parsed.records);
      records += parsed.records.length;
      errors += parsed.errors.length;
    }
    console.log(
      `  ${source.label}: ${records.toLocaleString("en-US")} records, ${errors} parse errors (not sent)`,
    );
  }
  return all.map((record, index) => ({ ...record, index }));
}
