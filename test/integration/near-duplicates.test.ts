import { beforeAll, describe, expect, it } from "vitest";
import { call, fixtureBytes, fixtureText, ingest, tableCounts } from "../support/api";

interface PaperBody {
  key: string;
  arxivId: string | null;
  firstSeenAt: string;
  latestVersion: number | null;
  versions: Array<{ version: number | null; sourceFormat: string }>;
  aliases: Array<{ key: string; similarity: number }>;
  duplicates: Array<{ verdict: string; similarity: number }>;
}

async function paper(ref: string): Promise<PaperBody> {
  const res = await call(`/api/papers/${encodeURIComponent(ref)}`);
  expect(res.status, ref).toBe(200);
  return (await res.json()) as PaperBody;
}

const ABSTRACT =
  "We present Tessellate, a scheduler for sparse mixture-of-experts inference that packs tokens from many " +
  "requests into expert-aligned tiles. Tessellate reorders work so that each expert's weights are loaded " +
  "once per step, overlapping communication with computation across devices. On eight GPUs it serves a " +
  "47B-parameter model with 2.1x the throughput of the best baseline at equal latency. We also show that " +
  "tile sizes can be tuned online from queue statistics without any offline profiling. Code is released.";

// Distinct real abstracts, one per test, so tests in this file (one database) never match each other.
let real: string[] = [];
beforeAll(async () => {
  const lines = (await fixtureText("data/daily-arxiv/2025-10-02.jsonl")).split("\n").filter((l) => l.trim());
  real = [...new Set(lines.map((l) => (JSON.parse(l) as { summary: string }).summary))].slice(0, 10);
});

describe("an id'd record absorbs its id-less twin", () => {
  it("exact text: the twin's key becomes an alias, first-seen time kept, one version", async () => {
    const first = await ingest(`Abstract:${ABSTRACT}`);
    const oldKey = first.records[0]!.key!;
    expect(oldKey).toMatch(/^fp:/);
    const before = await paper(oldKey);

    const withId = await ingest(
      JSON.stringify({ id: "2503.01234v1", title: "Tessellate", abstract: ABSTRACT }),
    );
    expect(withId.records[0]).toMatchObject({
      verdict: "duplicate",
      key: "arxiv:2503.01234",
      matchOf: oldKey,
      similarity: 1,
    });

    const merged = await paper(oldKey);
    expect(merged.key).toBe("arxiv:2503.01234");
    expect(merged.firstSeenAt).toBe(before.firstSeenAt);
    expect(merged.aliases).toEqual([expect.objectContaining({ key: oldKey, similarity: 1 })]);
    expect(merged.versions).toEqual([expect.objectContaining({ version: 1, sourceFormat: "seed-lines" })]);
    expect(merged.latestVersion).toBe(1);
    expect((await tableCounts()).papers).toBe(1);
  });

  it("close text: near-duplicate, the id'd text stored as a version beside the twin's", async () => {
    const words = real[0]!.split(" ");
    const edited = words.filter((_, i) => i % 25 !== 7).join(" "); // a few words dropped
    const first = await ingest(`Abstract:${words.join(" ")}`);
    const oldKey = first.records[0]!.key!;
    const res = await ingest(JSON.stringify({ id: "2503.05555", abstract: edited }));
    expect(res.records[0]).toMatchObject({
      verdict: "near-duplicate",
      key: "arxiv:2503.05555",
      matchOf: oldKey,
    });
    const p = await paper("2503.05555");
    expect(p.versions).toHaveLength(2);
    expect(p.aliases.map((a) => a.key)).toEqual([oldKey]);
  });

  it("works inside one request too: the id-less copy first, its id'd twin later in the feed", async () => {
    const text = real[1]!;
    const body = [
      JSON.stringify({ abstract: text }),
      JSON.stringify({ id: "2503.07777", abstract: text }),
    ].join("\n");
    const res = await ingest(body);
    expect(res.records.map((r) => r.verdict)).toEqual(["new", "duplicate"]);
    expect(res.records[1]!.matchOf).toBe(res.records[0]!.key);
    expect((await paper(res.records[0]!.key!)).key).toBe("arxiv:2503.07777");
  });
});

describe("one paper across formats", () => {
  it("the same paper as an .abs record and as id-less JSON is one paper", async () => {
    await ingest(await fixtureBytes("data/arxiv-abs/ftp/arxiv/papers/2304/2304.09157.abs"));
    const line = (await fixtureText("data/arxiv_browse_latest.jsonl"))
      .split("\n")
      .find((l) => l.includes('"id": "2304.09157"'))!;
    const { id: _id, ...withoutId } = JSON.parse(line) as Record<string, unknown>;
    const res = await ingest(JSON.stringify(withoutId));
    expect(res.records[0]).toMatchObject({ key: "arxiv:2304.09157", matchOf: "arxiv:2304.09157" });
    expect(["duplicate", "near-duplicate"]).toContain(res.records[0]!.verdict);
  });
});

describe("new versions say what changed", () => {
  it("reports the version numbers, abstract similarity and metadata added", async () => {
    const base = { id: "2504.00011v1", abstract: ABSTRACT, comments: "10 pages" };
    await ingest(JSON.stringify(base));
    const v2 = {
      id: "2504.00011v2",
      abstract: ABSTRACT.replace("2.1x", "2.4x"),
      comments: "12 pages, camera-ready",
      doi: "10.1145/1234567.7654321",
    };
    const res = await ingest(JSON.stringify(v2));
    expect(res.records[0]).toMatchObject({ verdict: "new-version", version: 2 });
    const changes = (res.records[0] as unknown as { changes: Record<string, unknown> }).changes;
    expect(changes).toMatchObject({
      fromVersion: 1,
      toVersion: 2,
      commentsChanged: true,
      doiAdded: "10.1145/1234567.7654321",
      journalRefAdded: null,
    });
    expect(changes.abstractSimilarity).toBeGreaterThan(0.8);
    expect(changes.abstractSimilarity).toBeLessThan(1);
  });
});

describe("distinct papers stay apart", () => {
  it("two id-less abstracts that share their opening but not their work are two papers", async () => {
    const opening =
      "Large language models (LLMs) have been increasingly applied to a wide range of tasks, from natural " +
      "language understanding to code generation.";
    const a = `${opening} We study hallucinated references in bibliographic recommendation and show that citation counts predict them.`;
    const b = `${opening} We analyse memorisation of rare facts during pre-training and propose a probe that detects it early.`;
    const res = await ingest([`Abstract:${a}`, `Abstract:${b}`].join("\n"));
    expect(res.records.map((r) => r.verdict)).toEqual(["new", "new"]);
  });
});
