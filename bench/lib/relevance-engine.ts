/**
 * Pieces the relevance benchmarks share (bench/relevance.ts through the Worker's API,
 * bench/relevance-offline.ts in-process): our pure engine behind the protocol, the results table
 * by slice with the ratio to the better peer, and the CPU of one ranking.
 */
import {
  decodeExampleVector,
  decodePaperVector,
  encodePaperVector,
  paperVector,
  prepareWeek,
  type RankExample,
  type RankPaper,
  rankPapers,
  vectorTag,
} from "../../src/rank";
import { exampleVectorId, forgetExampleVectors } from "../../src/rank/example-vectors";
import { type Cell, type LabPaper, type Ranker, SLICES, summarise, type Vote } from "./relevance-protocol";

const NO_INTERESTS = { authors: [], keywords: [], exclude: [] };

/** Our engine behind the protocol: vectors made and stored (encoded) as at ingest. */
export class EngineRanker implements Ranker {
  readonly name = "arxiv-digest (src/rank)";
  readonly papers = new Map<string, RankPaper>();
  readonly examples = new Map<string, RankExample[]>();
  bytes = 0;
  addWeek(_week: string, papers: readonly LabPaper[]): void {
    for (const p of papers) {
      const stored = encodePaperVector(
        paperVector({ title: p.title, abstract: p.abstract, authors: p.authors }),
      );
      this.bytes += stored.length;
      const vector = decodePaperVector(stored);
      if (!vector) throw new Error(`${p.key}: its stored vector does not decode`);
      this.papers.set(p.key, { key: p.key, title: p.title, text: p.abstract, authors: p.authors, vector });
    }
  }
  private example(key: string, kind: RankExample["kind"], at: number): RankExample {
    const p = this.papers.get(key)!;
    return { key, title: p.title, vector: p.vector, kind, at };
  }
  seed(reader: string, keys: readonly string[], at: number): void {
    this.examples.set(
      reader,
      keys.map((k) => this.example(k, "seed", at)),
    );
  }
  feedback(reader: string, key: string, vote: Vote, at: number): void {
    this.examples.get(reader)!.push(this.example(key, vote, at));
  }
  rank(reader: string, _week: string, keys: readonly string[]): string[] {
    const papers = keys.map((k) => this.papers.get(k)!);
    return rankPapers(papers, this.examples.get(reader)!, NO_INTERESTS).map((r) => r.key);
  }
}

const f3 = (x: number) => x.toFixed(3);
const f2 = (x: number) => x.toFixed(2);

export function table(
  results: ReadonlyArray<{ name: string; cells: Cell[] }>,
  ours: readonly string[],
): void {
  const peers = results.filter((r) => !ours.includes(r.name) && r.name !== "random");
  for (const slice of SLICES) {
    console.log(`\n${slice.name}`);
    console.log(`  ${"ranker".padEnd(34)} cells   MAP   P@10  MAP/best peer`);
    const bestPeer = Math.max(...peers.map((p) => summarise(p.cells, slice.keep).map));
    for (const r of results) {
      const s = summarise(r.cells, slice.keep);
      const ratio = bestPeer > 0 ? `${f2(s.map / bestPeer)}x` : "";
      console.log(
        `  ${r.name.padEnd(34)} ${String(s.cells).padStart(5)} ${f3(s.map)} ${f2(s.p10).padStart(5)}  ${ratio}`,
      );
    }
  }
}

/**
 * CPU of ranking a 1,000-paper week with n examples (half liked, a quarter each seeds and downs),
 * from their stored text as D1 returns it: preparing the week once (shared by every subscription
 * ranked against it), then one ranking explaining the 10 picks a digest shows. Cold: the
 * subscription's first ranking in the isolate (every example decoded and projected); warm: the
 * same subscription again (examples kept decoded and projected, example-vectors.ts).
 */
export function microBenchmark(vectors: ReadonlyArray<RankPaper>): void {
  const papers = vectors.slice(0, 1000);
  const pool = vectors.slice(1000);
  prepareWeek(papers);
  const prepStart = process.cpuUsage();
  for (let r = 0; r < 10; r++) prepareWeek(papers);
  const prep = process.cpuUsage(prepStart);
  console.log(
    `  preparing the week (once per week and isolate): ${f2((prep.user + prep.system) / 1000 / 10)} ms CPU`,
  );
  const week = prepareWeek(papers);
  const cpuMs = (runs: number, once: () => void) => {
    once(); // warm-up
    const start = process.cpuUsage();
    for (let r = 0; r < runs; r++) once();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000 / runs;
  };
  for (const n of [0, 50, 500]) {
    const stored = pool.slice(0, n).map((p) => encodePaperVector(p.vector));
    // Kept by paper and tag, as the profile finds them (it reads the tags, not the vectors).
    const ids = stored.map((text, i) => exampleVectorId(pool[i]!.key, vectorTag(text)));
    const rankOnce = () => {
      const examples: RankExample[] = pool.slice(0, n).map((p, i) => ({
        key: p.key,
        title: p.title,
        vector: decodeExampleVector(stored[i]!, ids[i])!,
        kind: i % 4 === 0 ? "seed" : i % 4 === 1 ? "down" : "up",
        at: i,
      }));
      rankPapers(week, examples, NO_INTERESTS, { explain: 10 });
    };
    const runs = n === 500 ? 10 : 20;
    const cold = cpuMs(runs, () => {
      forgetExampleVectors();
      rankOnce();
    });
    const warm = cpuMs(runs, rankOnce);
    console.log(
      `  ${String(n).padStart(3)} examples: ${f2(cold)} ms CPU per ranking cold, ${f2(warm)} ms warm`,
    );
  }
}
