/**
 * Property tests on the HTTP surface of POST /api/ingest (issue #11): whatever the body, the
 * answer is never a 5xx, a 4xx stores nothing, and a 200 stores exactly what it reports.
 * Case counts are in NUM_RUNS and reported in BENCHMARKS.md ("Ingest fuzzing").
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { fixtureBytes, type IngestRecord, postIngest } from "../support/api";
import { jsonLines, syntheticAbstracts } from "../support/synthetic";

const NUM_RUNS = { randomBytes: 150, truncatedFixtures: 150, hugeFields: 40, recordCounts: 3 };

const TABLES = ["papers", "paper_versions", "record_matches", "lsh_bands", "ingest_batches"] as const;
type Counts = Record<(typeof TABLES)[number], number>;

async function counts(): Promise<Counts> {
  const rows = await env.DB.batch<{ n: number }>(
    TABLES.map((t) => env.DB.prepare(`SELECT count(*) AS n FROM ${t}`)),
  );
  const out = {} as Counts;
  TABLES.forEach((t, i) => {
    out[t] = rows[i]?.results[0]?.n ?? -1;
  });
  return out;
}

interface Report {
  batchId: string | null;
  received: number;
  stored: number;
  records: IngestRecord[];
  errors: Array<{ index: number; message: string }>;
}

/** Posts a body and checks the storage invariants; returns the status and, for a 200, the report. */
async function postAndCheck(body: Uint8Array | string): Promise<{ status: number; report: Report | null }> {
  const before = await counts();
  const res = await postIngest(body);
  expect(res.status).toBeLessThan(500);
  const after = await counts();
  if (res.status !== 200) {
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toMatch(/^[a-z_]+$/);
    expect(error.message.length).toBeGreaterThan(0);
    expect(after).toEqual(before); // no partial write
    return { status: res.status, report: null };
  }
  const report = (await res.json()) as Report;
  expect(report.records.length).toBe(report.received);
  expect(report.errors.length).toBe(report.records.filter((r) => r.verdict === "invalid").length);
  // The batch row is written with the request's changes, or not at all.
  expect(after.ingest_batches - before.ingest_batches).toBe(report.batchId === null ? 0 : 1);
  if (report.batchId === null) expect(after).toEqual(before);
  else {
    const row = await env.DB.prepare("SELECT received, stored FROM ingest_batches WHERE id = ?1")
      .bind(report.batchId)
      .first<{ received: number; stored: number }>();
    expect(row).toEqual({ received: report.received, stored: report.stored });
  }
  // Absorbing an id-less twin may drop its copy of a version the id'd paper already holds.
  const absorbed = report.records.some((r) => r.arxivId !== null && r.matchOf?.startsWith("fp:"));
  const versionsAdded = after.paper_versions - before.paper_versions;
  if (absorbed) expect(versionsAdded).toBeLessThanOrEqual(report.stored);
  else expect(versionsAdded).toBe(report.stored);
  return { status: 200, report };
}

const FIXTURES = [
  "data/arxiv-atom/id_1707.08567_s0_m100_6a1afebfc6a3.xml",
  "data/arxiv-atom/id_0808.05394_1707.08567_s0_m100_42e5aa0ec3af.xml",
  "rss/arxiv-rss2-cs.LG.xml",
  "rss/arxiv-rdf-cs.LG.xml",
  "rss/generic-rss2.xml",
  "listing-email/math-daily-2024-01-12.eml",
  "listing-email/cs-daily-2024-01-12.txt",
  "seeds/000_6a4379718c0c1abb.txt",
  "data/arxiv-abs/ftp/arxiv/papers/1607/1607.08199.abs", // ISO-8859-1
  "data/daily-arxiv/2025-10-14.jsonl",
  "data/arxiv-metadata-oai-snapshot.head200.jsonl",
  "data/arxiv_browse_prior_versions.jsonl",
];
// Large fixtures are cut to their start: enough records, and each case stays quick.
const MAX_FIXTURE_BYTES = 24_000;
let fixtures: Uint8Array[] = [];

beforeAll(async () => {
  fixtures = await Promise.all(
    FIXTURES.map(async (path) => (await fixtureBytes(path)).slice(0, MAX_FIXTURE_BYTES)),
  );
});

describe("POST /api/ingest, fuzzed", () => {
  it("never answers 5xx to random bytes, and a refused body stores nothing", async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 3000 }),
      // Printable-ish text that reaches the format detectors and parsers.
      fc.string({ unit: "binary", maxLength: 2000 }).map((s) => new TextEncoder().encode(s)),
      fc
        .tuple(
          fc.constantFrom("[", "{", "<", "<feed>", "<?xml?><rss>", "Abstract: ", "arXiv:2401.00001\n"),
          fc.uint8Array({ maxLength: 1000 }),
        )
        .map(([head, tail]) => new Uint8Array([...new TextEncoder().encode(head), ...tail])),
    );
    await fc.assert(
      fc.asyncProperty(bytes, async (body) => {
        await postAndCheck(body);
      }),
      { numRuns: NUM_RUNS.randomBytes },
    );
  });

  it("never answers 5xx to truncated or spliced real fixtures, and stores what it reports", async () => {
    const cut = fc
      .tuple(
        fc.nat({ max: FIXTURES.length - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.nat({ max: 400 }),
        fc.uint8Array({ maxLength: 20 }),
      )
      .map(([which, at, drop, junk]) => {
        const bytes = fixtures[which] ?? new Uint8Array();
        const start = Math.floor(at * bytes.length);
        // A truncation (drop reaches the end) or a splice: some bytes replaced by junk.
        return new Uint8Array([...bytes.subarray(0, start), ...junk, ...bytes.subarray(start + drop)]);
      });
    const prefix = fc
      .tuple(fc.nat({ max: FIXTURES.length - 1 }), fc.double({ min: 0, max: 1, noNaN: true }))
      .map(([which, at]) => {
        const bytes = fixtures[which] ?? new Uint8Array();
        return bytes.subarray(0, Math.floor(at * bytes.length));
      });
    await fc.assert(
      fc.asyncProperty(fc.oneof(cut, prefix), async (body) => {
        await postAndCheck(body);
      }),
      { numRuns: NUM_RUNS.truncatedFixtures },
    );
  });

  it("makes exactly the records with a field over its limit invalid, and stores the rest", async () => {
    const size = fc.oneof(
      fc.integer({ min: 1, max: 300 }),
      fc.constantFrom(1_999, 2_001, 4_999, 5_001, 19_999, 20_001),
      fc.integer({ min: 20_001, max: 400_000 }),
    );
    const record = fc.record({ abstract: size, title: size, comments: size });
    await fc.assert(
      fc.asyncProperty(fc.array(record, { minLength: 1, maxLength: 4 }), fc.nat(), async (sizes, seed) => {
        const words = syntheticAbstracts(sizes.length * 3, 12, seed + 1);
        const fill = (text: string, n: number) =>
          text
            .repeat(Math.ceil(n / text.length))
            .slice(0, n)
            .trim() || "x";
        const entries = sizes.map((s, i) => ({
          abstract: fill(`${words[3 * i]} `, s.abstract),
          title: fill(`${words[3 * i + 1]} `, s.title),
          comments: fill(`${words[3 * i + 2]} `, s.comments),
        }));
        const { status, report } = await postAndCheck(JSON.stringify(entries));
        expect(status).toBe(200);
        const over = entries.map(
          (e) => e.abstract.length > 20_000 || e.title.length > 2_000 || e.comments.length > 5_000,
        );
        expect(report?.records.map((r) => r.verdict === "invalid")).toEqual(over);
      }),
      { numRuns: NUM_RUNS.hugeFields },
    );
  });

  it("stores bodies of thousands of records whole", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 500, max: 8_000 }), fc.nat(), async (count, seed) => {
        const { status, report } = await postAndCheck(jsonLines(syntheticAbstracts(count, 7, 1_000 + seed)));
        expect(status).toBe(200);
        expect(report?.received).toBe(count);
      }),
      // The case always runs: 12,000 records in one body (~3 MB of band keys to look up).
      { numRuns: NUM_RUNS.recordCounts, examples: [[12_000, 0]] },
    );
  });
});
