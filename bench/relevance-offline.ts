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
import { EngineRanker, microBenchmark, table } from "./lib/relevance-engine";
import { RandomRanker, SanityRanker, sklearnVersion, ZoteroRanker } from "./lib/relevance-peers";
import { loadLabData, type Ranker, runProtocol } from "./lib/relevance-protocol";

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
    [engine.name],
  );
  console.log(
    `\nstored vector: ${(engine.bytes / engine.papers.size).toFixed(0)} bytes per paper (mean, base64 TEXT)`,
  );
  console.log("ranking one 1,000-paper week (Node):");
  microBenchmark([...engine.papers.values()]);
}

await main();
