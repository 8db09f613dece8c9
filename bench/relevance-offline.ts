/**
 * The relevance lab, offline: our pure ranking engine (src/rank) against arxiv-sanity-lite's
 * TF-IDF + SVM, zotero-arxiv-daily's recency-weighted similarity and random, all on the same
 * simulated readers and weeks (bench/lib/relevance-protocol.ts). Prints MAP and P@10 by slice
 * (tune readers and weeks vs held-out, cold start vs later), the ratio to the better peer, the
 * encoded size of a paper vector and the CPU of one ranking (Node, as a proxy for workerd).
 *
 *   npx tsx bench/relevance-offline.ts            # everything (a couple of minutes)
 *   npx tsx bench/relevance-offline.ts --no-peers # our engine only
 */
import {
  decodePaperVector,
  encodePaperVector,
  paperVector,
  type RankExample,
  type RankPaper,
  rankPapers,
} from "../src/rank";
import { RandomRanker, SanityRanker, sklearnVersion, ZoteroRanker } from "./lib/relevance-peers";
import {
  type Cell,
  type LabPaper,
  loadLabData,
  type Ranker,
  runProtocol,
  SLICES,
  summarise,
  type Vote,
} from "./lib/relevance-protocol";

const NO_INTERESTS = { authors: [], keywords: [], exclude: [] };

/** Our engine behind the protocol: vectors made and stored (encoded) as at ingest. */
class EngineRanker implements Ranker {
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
    return { key, title: p.title, authors: p.authors, vector: p.vector, kind, at };
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
  rank(reader: string, _week: string, keys: readonly string[], at: number): string[] {
    const papers = keys.map((k) => this.papers.get(k)!);
    return rankPapers(papers, this.examples.get(reader)!, NO_INTERESTS, at).map((r) => r.key);
  }
}

const f3 = (x: number) => x.toFixed(3);
const f2 = (x: number) => x.toFixed(2);

function table(results: ReadonlyArray<{ name: string; cells: Cell[] }>, ours: string): void {
  const peers = results.filter((r) => r.name !== ours && r.name !== "random");
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

/** CPU of ranking a 1,000-paper week with n examples (half liked, a quarter each seeds and downs). */
function microBenchmark(vectors: ReadonlyArray<RankPaper>): void {
  const week = vectors.slice(0, 1000);
  const pool = vectors.slice(1000);
  for (const n of [0, 50, 500]) {
    const examples: RankExample[] = pool.slice(0, n).map((p, i) => ({
      key: p.key,
      title: p.title,
      authors: p.authors,
      vector: p.vector,
      kind: i % 4 === 0 ? "seed" : i % 4 === 1 ? "down" : "up",
      at: i,
    }));
    const runs = n === 500 ? 10 : 20;
    rankPapers(week, examples, NO_INTERESTS, 0); // warm-up
    const start = process.cpuUsage();
    for (let r = 0; r < runs; r++) rankPapers(week, examples, NO_INTERESTS, 0);
    const used = process.cpuUsage(start);
    console.log(
      `  ${String(n).padStart(3)} examples: ${f2((used.user + used.system) / 1000 / runs)} ms CPU per ranking`,
    );
  }
}

async function main(): Promise<void> {
  const withPeers = !process.argv.includes("--no-peers");
  const data = loadLabData();
  console.log(`weeks: ${data.weeks.map((w) => `${w.week} (${w.papers.length})`).join(", ")}`);
  const engine = new EngineRanker();
  const rankers: Ranker[] = [engine];
  if (withPeers) {
    const version = sklearnVersion();
    if (!version) throw new Error("/usr/bin/python3 cannot import sklearn (apt-get install python3-sklearn)");
    console.log(`peers: scikit-learn ${version}`);
    rankers.push(new SanityRanker(0.5), new SanityRanker(0.1), new ZoteroRanker(), new RandomRanker());
  }
  const started = Date.now();
  const cells = await Promise.all(rankers.map((r) => runProtocol(r, data)));
  console.log(`protocol: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  table(
    rankers.map((r, i) => ({ name: r.name, cells: cells[i]! })),
    engine.name,
  );
  console.log(
    `\nstored vector: ${(engine.bytes / engine.papers.size).toFixed(0)} bytes per paper (mean, base64 TEXT)`,
  );
  console.log("ranking one 1,000-paper week (Node):");
  microBenchmark([...engine.papers.values()]);
}

await main();
