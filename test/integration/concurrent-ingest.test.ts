/**
 * Concurrent ingests leave exactly the state the same bodies leave one after another
 * (issue #11, docs/identity.md "Concurrent ingests"). Bodies overlap at random: id'd records,
 * their id-less copies (exact and lightly edited) and later versions, in any order.
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { PERTURBATIONS, seededRandom } from "../../scripts/lib/perturb";
import { openDatabase } from "../../src/db/client";
import { storeIngest } from "../../src/db/store-ingest";
import { parseInput } from "../../src/ingest/parse-input";
import { call, fixtureText, type IngestResponse, ingest, postIngest } from "../support/api";

interface SourcePaper {
  id: string;
  title: string;
  authors: string[];
  summary: string;
}

/** The ways one paper can arrive: with its id (v1, v2), and without it (exact, edited). */
type Form = "v1" | "v2" | "copy" | "edited";
const FORMS: Form[] = ["v1", "v2", "copy", "edited"];

let pool: SourcePaper[] = [];

beforeAll(async () => {
  const text = await fixtureText("data/daily-arxiv/2025-10-01.jsonl");
  pool = text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as SourcePaper)
    .slice(0, 40);
  expect(pool).toHaveLength(40);
});

function recordLine(paper: SourcePaper, form: Form): string {
  const random = seededRandom(paper.id.length + paper.summary.length);
  const typoFixes = PERTURBATIONS["typo fixes"];
  if (!typoFixes) throw new Error("no typo-fixes perturbation");
  switch (form) {
    case "v1":
      return JSON.stringify({ ...paper, id: `${paper.id}v1` });
    case "v2":
      // A revised abstract: one sentence more, so a new version of the same paper.
      return JSON.stringify({
        ...paper,
        id: `${paper.id}v2`,
        summary: `${paper.summary} We release our code.`,
      });
    case "copy":
      return JSON.stringify({ title: paper.title, authors: paper.authors, summary: paper.summary });
    case "edited":
      return JSON.stringify({ title: paper.title, summary: typoFixes(paper.summary, random) });
  }
}

/** Everything identity stores, without times and batch ids (which differ between any two runs). */
async function identityState(): Promise<Record<string, unknown[]>> {
  const queries: Record<string, string> = {
    papers: "SELECT key, arxiv_id, latest_version, fingerprint, title, authors FROM papers ORDER BY key",
    versions:
      "SELECT paper_key, version, fingerprint FROM paper_versions ORDER BY paper_key, fingerprint, version",
    matches: "SELECT paper_key, fingerprint, verdict FROM record_matches ORDER BY paper_key, fingerprint",
    aliases: "SELECT alias_key, paper_key FROM paper_aliases ORDER BY alias_key",
    bands: "SELECT paper_key, count(*) AS n FROM lsh_bands GROUP BY paper_key ORDER BY paper_key",
  };
  const state: Record<string, unknown[]> = {};
  for (const [name, sql] of Object.entries(queries)) state[name] = (await env.DB.prepare(sql).all()).results;
  return state;
}

async function wipeIdentity(): Promise<void> {
  await env.DB.batch(
    ["paper_aliases", "lsh_bands", "record_matches", "paper_versions", "papers", "ingest_batches"].map((t) =>
      env.DB.prepare(`DELETE FROM ${t}`),
    ),
  );
}

/** Papers stored twice: an `fp:` paper whose text is a version of an id'd paper. */
async function twins(): Promise<number> {
  const row = await env.DB.prepare(
    `SELECT count(*) AS n FROM papers p WHERE p.key LIKE 'fp:%' AND EXISTS (
       SELECT 1 FROM paper_versions v WHERE v.fingerprint = p.fingerprint AND v.paper_key LIKE 'arxiv:%')`,
  ).first<{ n: number }>();
  return row?.n ?? -1;
}

/** The order in which D1 committed the bodies (ingest_batches rowids); no-op bodies are left out. */
async function commitOrder(answers: IngestResponse[]): Promise<number[]> {
  const rows = (await env.DB.prepare("SELECT id FROM ingest_batches ORDER BY rowid").all<{ id: string }>())
    .results;
  const bodyOf = new Map(answers.map((a, i) => [a.batchId, i]));
  return rows.map((r) => bodyOf.get(r.id) ?? -1);
}

async function ingestAll(bodies: string[]): Promise<IngestResponse[]> {
  return Promise.all(
    bodies.map(async (body) => {
      const res = await postIngest(body, { "content-type": "application/x-ndjson" });
      expect(res.status).toBe(200);
      return (await res.json()) as IngestResponse;
    }),
  );
}

describe("concurrent ingests", () => {
  it("store 40 papers once each from 8 overlapping bodies posted at once (the issue's case)", async () => {
    await wipeIdentity();
    const random = seededRandom(11);
    const pick = (n: number) => [...pool].sort(() => random() - 0.5).slice(0, n);
    const bodies = Array.from({ length: 8 }, (_, i) => {
      // Every paper is in some body: body i always carries papers 5i … 5i+4 with their ids.
      const own = pool.slice(5 * i, 5 * i + 5);
      const idd = [...new Set([...own, ...pick(20)])].slice(0, 25);
      const idless = pick(8);
      return [...idd.map((p) => recordLine(p, "v1")), ...idless.map((p) => recordLine(p, "copy"))].join("\n");
    });
    const answers = await ingestAll(bodies);
    expect(await twins()).toBe(0);
    const count = await env.DB.prepare("SELECT count(*) AS n FROM papers").first<{ n: number }>();
    expect(count?.n).toBe(40);
    // Every record is accounted for; a loser of a race is a duplicate of the winner, never a second new.
    const verdicts = answers.flatMap((a) => a.records.map((r) => r.verdict));
    expect(verdicts.filter((v) => v === "new")).toHaveLength(40);
    const digest = (await (await call("/api/digests/latest")).json()) as { stats: { newPapers: number } };
    expect(digest.stats.newPapers).toBe(40);
  });

  it("leave the state of the same bodies sent one after another, in the order they committed", async () => {
    const formOf = fc.constantFrom(...FORMS);
    const body = fc.array(fc.record({ paper: fc.integer({ min: 0, max: 11 }), form: formOf }), {
      minLength: 1,
      maxLength: 14,
    });
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(body, { minLength: 2, maxLength: 8 }), async (specs) => {
        cases++;
        const bodies = specs.map((spec) =>
          spec.map(({ paper, form }) => recordLine(pool[paper]!, form)).join("\n"),
        );
        await wipeIdentity();
        const answers = await ingestAll(bodies);
        const concurrent = await identityState();
        const order = await commitOrder(answers);
        expect(order).not.toContain(-1);
        expect(await twins()).toBe(0);

        await wipeIdentity();
        for (const i of order) await ingest(bodies[i]!);
        expect(await identityState()).toEqual(concurrent);
      }),
      { numRuns: 25, seed: 20261204 },
    );
    expect(cases).toBe(25);
  });

  it("are kept right by the write guard alone when the identity writer is bypassed", async () => {
    // storeIngest straight on D1, eight at once: their snapshots interleave, so all but one
    // write is refused at least once and decided again (db/store-ingest.ts).
    await wipeIdentity();
    const bodies = Array.from({ length: 8 }, (_, i) =>
      pool
        .slice(0, 30)
        .map((p, j) => recordLine(p, (i + j) % 2 === 0 ? "v1" : "copy"))
        .join("\n"),
    );
    const results = await Promise.all(
      bodies.map(async (text) => {
        const parsed = await parseInput(text, "application/x-ndjson");
        if (!parsed) throw new Error("unparseable");
        return storeIngest(openDatabase(env.DB), parsed, { source: "test", bytes: text.length });
      }),
    );
    expect(Math.max(...results.map((r) => r.attempts))).toBeGreaterThan(1);
    expect(await twins()).toBe(0);
    const count = await env.DB.prepare("SELECT count(*) AS n FROM papers").first<{ n: number }>();
    expect(count?.n).toBe(30);
    const news = results.flatMap((r) => r.report.records.filter((rec) => rec.verdict === "new"));
    expect(news).toHaveLength(30);
  });
});
