/**
 * A large, realistic corpus for benchmarks that need a full database: every distinct real
 * abstract with an id (daily-arXiv, arxiv-browse latest, the OAI head), then generated papers
 * built from the real sentences, authors and categories, with fresh ids from 3001.00001 on
 * (January 2030: no real paper can have one yet). Deterministic for a given size and mode.
 *
 * The corpus of bench/dedup-scale.ts and bench/slash-command.ts (same sources, seed and rules,
 * so the same 100,000 papers).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { type Random, seededRandom, splitSentences } from "../../scripts/lib/perturb";
import { expandInputs } from "../../scripts/lib/walk-files";
import { normaliseForMatch } from "../../src/identify/fingerprint";
import { decodeBytes } from "../../src/ingest/clean-text";
import { bareRecord } from "../../src/ingest/formats/record-fields";
import { parseInput } from "../../src/ingest/parse-input";
import type { ParsedRecord } from "../../src/ingest/types";
import { DATA_DIR } from "./paths";

const REAL_SOURCES = [
  "daily-arxiv",
  "arxiv_browse_latest.jsonl",
  "arxiv-metadata-oai-snapshot.head200.jsonl",
];
const CORPUS_SEED = 1;
/** 5 digits after the dot from YYMM 1501 on: 99,999 ids a month. */
const IDS_PER_MONTH = 99_999;
const FIRST_GENERATED_YEAR = 30;
/** Pool sentences are at most this share of their abstract's words. */
const MAX_SENTENCE_SHARE = 0.4;

/** `spliced`: each sentence joins halves of two real ones (little reuse, as in arXiv); `shared`: whole real sentences. */
export type SentenceMode = "shared" | "spliced";

/** The n-th generated id (0-based): 3001.00001, 3001.00002, … then 3002.00001, … */
export function generatedId(n: number): string {
  const month = Math.floor(n / IDS_PER_MONTH);
  const yy = FIRST_GENERATED_YEAR + Math.floor(month / 12);
  const mm = String((month % 12) + 1).padStart(2, "0");
  const num = String((n % IDS_PER_MONTH) + 1).padStart(5, "0");
  return `${yy}${mm}.${num}`;
}

/** Every real record with an id, first occurrence of each id and of each text only. */
export async function loadRealRecords(): Promise<ParsedRecord[]> {
  const files = await expandInputs(REAL_SOURCES.map((p) => path.join(DATA_DIR, p)));
  const seenIds = new Set<string>();
  const seenTexts = new Set<string>();
  const records: ParsedRecord[] = [];
  for (const file of files) {
    const parsed = await parseInput(decodeBytes(new Uint8Array(await readFile(file.absolutePath))));
    if (parsed === null) throw new Error(`${file.displayPath}: format not recognised`);
    for (const record of parsed.records) {
      if (record.arxivId === null || seenIds.has(record.arxivId)) continue;
      const text = normaliseForMatch(record.abstract);
      if (text.length === 0 || seenTexts.has(text)) continue;
      seenIds.add(record.arxivId);
      seenTexts.add(text);
      records.push(record);
    }
  }
  return records;
}

function pick<T>(items: readonly T[], random: Random): T {
  return items[Math.floor(random() * items.length)]!;
}

/** Builds new papers from real sentences, authors and categories, deterministically. */
export class PaperGenerator {
  private readonly sentences: string[];
  private readonly authors: string[];
  private readonly categories: string[];
  private readonly seenTexts = new Set<string>();
  /** How many generated papers use each sentence. */
  readonly uses = new Map<string, number>();

  constructor(
    real: readonly ParsedRecord[],
    reserved: Iterable<string>,
    private readonly mode: SentenceMode,
  ) {
    const sentences = new Set<string>();
    const authors = new Set<string>();
    const categories = new Set<string>();
    for (const record of real) {
      const parts = splitSentences(record.abstract.replace(/\s+/g, " ").trim());
      const words = (text: string) => text.split(" ").length;
      const total = parts.reduce((sum, part) => sum + words(part), 0);
      // A "sentence" that is most of its abstract (one unpunctuated run-on) would make a paper
      // that contains that whole abstract: a true near-duplicate, not a distinct paper.
      for (const part of parts) if (part && words(part) <= MAX_SENTENCE_SHARE * total) sentences.add(part);
      for (const a of record.authors) authors.add(a);
      for (const c of record.categories) categories.add(c);
    }
    this.sentences = [...sentences];
    this.authors = [...authors];
    this.categories = [...categories];
    for (const text of reserved) this.seenTexts.add(text);
  }

  get sentencePool(): number {
    return this.sentences.length;
  }

  private sentence(random: Random): string {
    const first = pick(this.sentences, random);
    if (this.mode === "shared") return first;
    const head = first.split(" ");
    const tail = pick(this.sentences, random).split(" ");
    return [...head.slice(0, Math.ceil(head.length / 2)), ...tail.slice(Math.floor(tail.length / 2))].join(
      " ",
    );
  }

  /** A paper of 5–9 distinct sentences; `arxivId` null for an id-less one. */
  paper(arxivId: string | null, random: Random, index: number): ParsedRecord {
    for (let attempt = 0; attempt < 100; attempt++) {
      const count = 5 + Math.floor(random() * 5);
      const chosen = new Set<string>();
      for (let guard = 0; chosen.size < count && guard < count * 20; guard++) {
        chosen.add(this.sentence(random));
      }
      const abstract = [...chosen].join(" ");
      const text = normaliseForMatch(abstract);
      if (this.seenTexts.has(text)) continue;
      this.seenTexts.add(text);
      for (const sentence of chosen) this.uses.set(sentence, (this.uses.get(sentence) ?? 0) + 1);
      const firstWords = abstract
        .split(" ")
        .slice(0, 8)
        .join(" ")
        .replace(/[.,;:]+$/, "");
      const authorCount = 1 + Math.floor(random() * 4);
      const authors = [...new Set(Array.from({ length: authorCount }, () => pick(this.authors, random)))];
      const primary = pick(this.categories, random);
      const categories = random() < 0.5 ? [primary] : [...new Set([primary, pick(this.categories, random)])];
      return {
        ...bareRecord(index, "json", abstract),
        arxivId,
        version: arxivId === null ? null : 1,
        title: `On ${firstWords}`,
        authors,
        categories,
      };
    }
    throw new Error("could not generate a distinct abstract in 100 attempts");
  }
}

/** `papers` records: the real ones first (up to `papers`), then generated ones with ids. */
export function buildCorpus(
  papers: number,
  real: readonly ParsedRecord[],
  mode: SentenceMode,
): { corpus: ParsedRecord[]; generator: PaperGenerator; realUsed: number } {
  const realUsed = Math.min(real.length, papers);
  const corpus = real.slice(0, realUsed).map((r, index) => ({ ...r, index }));
  const generator = new PaperGenerator(
    real,
    real.map((r) => normaliseForMatch(r.abstract)),
    mode,
  );
  const random = seededRandom(CORPUS_SEED);
  for (let n = 0; corpus.length < papers; n++) {
    corpus.push(generator.paper(generatedId(n), random, corpus.length));
  }
  return { corpus, generator, realUsed };
}
