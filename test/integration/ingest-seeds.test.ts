/**
 * The three seed samples, ingested in order (000, 002, 003): what each one adds, and what the
 * three leave. Every test starts from empty tables (beforeEach) and ingests the seeds before the
 * one it is about itself (`ingestSeeds`), so each test can run alone.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { call, countVerdicts, fixtureText, ingest, tableCounts } from "../support/api";
import { wipeData } from "../support/db";

const SEEDS = [
  "seeds/000_6a4379718c0c1abb.txt",
  "seeds/002_3a1a5da40a18a229.txt",
  "seeds/003_83750b29675ba264.txt",
];

/** Ingests the first `n` seeds, in order, as the earlier steps of the sequence would have. */
async function ingestSeeds(n: number): Promise<void> {
  for (const seed of SEEDS.slice(0, n)) {
    const res = await ingest(await fixtureText(seed));
    expect(res.errors, seed).toEqual([]);
  }
}

describe("ingesting the seed samples in order", () => {
  beforeEach(wipeData);

  it("000 gives 10 new papers, all with their arXiv ids", async () => {
    const res = await ingest(await fixtureText(SEEDS[0]!));
    expect(res.received).toBe(10);
    expect(res.stored).toBe(10);
    expect(countVerdicts(res.records)).toEqual({ new: 10 });
    expect(res.records.map((r) => r.key)).toContain("arxiv:2403.02545");
    expect(res.records.every((r) => r.key === `arxiv:${r.arxivId}`)).toBe(true);
    expect(res.errors).toEqual([]);
  });

  it("002 gives 8 new and 2 duplicates (2403.02545 and 2403.00877 again)", async () => {
    await ingestSeeds(1);
    const res = await ingest(await fixtureText(SEEDS[1]!));
    expect(countVerdicts(res.records)).toEqual({ new: 8, duplicate: 2 });
    const dups = res.records.filter((r) => r.verdict === "duplicate").map((r) => r.key);
    expect(dups.sort()).toEqual(["arxiv:2403.00877", "arxiv:2403.02545"]);
    expect(res.stored).toBe(8);
  });

  it("003 (no ids) gives 4 duplicates of id'd papers, 5 new papers and one near-duplicate", async () => {
    await ingestSeeds(2);
    const res = await ingest(await fixtureText(SEEDS[2]!));
    expect(res.received).toBe(10);
    const dups = res.records.filter((r) => r.verdict === "duplicate");
    expect(dups.map((d) => d.matchOf).sort()).toEqual([
      "arxiv:2403.00877",
      "arxiv:2407.21770",
      "arxiv:2411.04996",
      "arxiv:2501.02173",
    ]);
    for (const d of dups) {
      expect(d.key).toBe(d.matchOf);
      expect(d.similarity).toBe(1);
      expect(d.arxivId).toBeNull();
    }
    // Line 4 is 2403.02545 lightly edited ("Large Language Model (LLaMa-2) training compute").
    const edited = res.records.find((r) => r.index === 3)!;
    expect(edited).toMatchObject({
      verdict: "near-duplicate",
      key: "arxiv:2403.02545",
      matchOf: "arxiv:2403.02545",
    });
    expect(edited.similarity).toBeGreaterThan(0.8);
    expect(edited.similarity).toBeLessThan(1);
    const fresh = res.records.filter((r) => r.verdict === "new" && r.index !== 3);
    expect(fresh).toHaveLength(5);
    for (const r of fresh) {
      expect(r.key).toMatch(/^fp:[0-9a-f]{16}$/);
      expect(r.title?.length).toBeGreaterThan(10);
    }
  });

  it("re-posting every seed changes nothing and answers only duplicates", async () => {
    await ingestSeeds(3);
    const before = await tableCounts();
    for (const seed of SEEDS) {
      const res = await ingest(await fixtureText(seed));
      expect(res.stored).toBe(0);
      expect(new Set(res.records.map((r) => r.verdict))).toEqual(new Set(["duplicate"]));
    }
    expect(await tableCounts()).toEqual(before);
  });

  it("lists the id-less copies as the paper's known duplicates", async () => {
    await ingestSeeds(3);
    const res = await call("/api/papers/2501.02173");
    expect(res.status).toBe(200);
    const paper = (await res.json()) as { duplicates: Array<{ verdict: string; sourceFormat: string }> };
    expect(paper.duplicates).toEqual([
      expect.objectContaining({ verdict: "duplicate", sourceFormat: "seed-lines" }),
    ]);
  });

  it("stores 23 distinct papers from the 30 records, none of them merged wrongly", async () => {
    await ingestSeeds(3);
    const counts = await tableCounts();
    expect(counts.papers).toBe(23);
    expect(counts.paper_versions).toBe(23);
    expect(counts.record_matches).toBe(5);
    expect(counts.ingest_batches).toBe(3);
  });

  it("explains the merge: the edited copy is listed with its similarity", async () => {
    await ingestSeeds(3);
    const res = await call("/api/papers/2403.02545");
    const paper = (await res.json()) as { duplicates: Array<{ verdict: string; similarity: number }> };
    expect(paper.duplicates).toEqual([expect.objectContaining({ verdict: "near-duplicate" })]);
    expect(paper.duplicates[0]!.similarity).toBeGreaterThan(0.8);
  });
});
