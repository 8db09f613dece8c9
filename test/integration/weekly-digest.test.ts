/**
 * The weekly cron over several weeks of seed abstracts: catch-up of missed weeks, idempotence,
 * stable theme ids, frozen published digests, and what "updated this week" / "seen before" show.
 *
 * Each test builds its own weeks, so each can run alone: `beforeEach` empties the tables and
 * ingests the three seed weeks, and a test about published digests first runs the late cron
 * itself (`lateCron`), and the W45 update (`publishW45Update`) where it needs it.
 */
import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { loadArchive, loadDigestForWeek, loadLatestDigest, publishDueWeeks } from "../../src/digest";
import type { Digest } from "../../src/digest/types";
import worker from "../../src/index";
import { call, fixtureText, tableCounts } from "../support/api";
import { db, wipeData } from "../support/db";
import { ingestAt } from "../support/ingest-at";

const SEED = (n: string) => fixtureText(`seeds/${n}.txt`);
// Three consecutive ISO weeks: 2026-W41, W42, W43 (Mondays 5, 12, 19 October 2026).
const WEEK_A = "2026-W41";
const WEEK_B = "2026-W42";
const WEEK_C = "2026-W43";

async function digestJson(week: string): Promise<Digest> {
  const res = await call(`/api/digests/${week}`);
  expect(res.status, week).toBe(200);
  return (await res.json()) as Digest;
}

function papersOf(d: Digest): string[] {
  return d.themes.flatMap((t) => t.papers.map((p) => p.key)).sort();
}

async function dump(table: string): Promise<unknown[]> {
  return (await env.DB.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all()).results;
}

/** The Monday-08:00 triggers of W42 and W43 never fired; this one comes late on Tuesday of W44. */
async function lateCron(): Promise<void> {
  const controller = createScheduledController({
    scheduledTime: Date.parse("2026-10-27T11:00:00Z"),
    cron: "0 8 * * 1",
  });
  await worker.scheduled(controller, env);
}

/** Week W45: version 2 of a week-A paper, with a new title. */
const V2_OF_A_PAPER = JSON.stringify({
  id: "2403.00877v2",
  title: "A Rewritten Title For This Paper",
  authors: "Someone Else",
  abstract:
    "We revisit the question with new experiments and a broader evaluation across many datasets, " +
    "finding that the earlier conclusions hold under a wider range of settings than first reported.",
});
const IN_W45 = "2026-11-03T10:00:00Z";
const AFTER_W45 = Date.parse("2026-11-09T08:00:00Z");

/** After the late cron: the W45 new version ingested and W45 published. */
async function publishW45Update(): Promise<void> {
  expect((await ingestAt(V2_OF_A_PAPER, IN_W45)).records[0]?.verdict).toBe("new-version");
  const { published } = await publishDueWeeks(db(), AFTER_W45);
  expect(published.map((p) => p.week)).toEqual(["2026-W45"]);
}

describe("weekly digests over three weeks of seeds", () => {
  beforeEach(async () => {
    await wipeData();
    await ingestAt(await SEED("000_6a4379718c0c1abb"), "2026-10-06T09:00:00Z");
    await ingestAt(await SEED("002_3a1a5da40a18a229"), "2026-10-14T15:30:00Z");
    await ingestAt(await SEED("003_83750b29675ba264"), "2026-10-22T23:59:00Z");
  });

  it("publishes nothing while the first week is still running", async () => {
    const report = await publishDueWeeks(db(), Date.parse("2026-10-11T23:59:59Z"));
    expect(report).toMatchObject({ currentWeek: WEEK_A, published: [], more: false });
    expect((await tableCounts()).digests).toBe(0);
  });

  it("catches up every finished week from one late cron run, oldest first", async () => {
    await lateCron();
    const weeks = (await dump("digests")).map((r) => (r as { week: string }).week);
    expect(weeks).toEqual([WEEK_A, WEEK_B, WEEK_C]);
  });

  it("puts each new paper in exactly one theme of the week it was first seen", async () => {
    await lateCron();
    const [a, b, c] = [await digestJson(WEEK_A), await digestJson(WEEK_B), await digestJson(WEEK_C)];
    expect(a.status).toBe("published");
    expect(papersOf(a)).toHaveLength(10);
    expect(papersOf(b)).toHaveLength(8);
    // 003: 5 new id-less papers (the other five matched earlier papers).
    expect(papersOf(c)).toHaveLength(5);
    const all = [...papersOf(a), ...papersOf(b), ...papersOf(c)];
    expect(new Set(all).size).toBe(23);
    const assigned = (await env.DB.prepare("SELECT count(*) AS n FROM theme_assignments").first<{
      n: number;
    }>())!.n;
    expect(assigned).toBe(23);
    for (const d of [a, b, c]) {
      expect(d.stats.newPapers).toBe(papersOf(d).length);
      expect(d.stats.byTheme.reduce((s, t) => s + t.papers, 0)).toBe(d.stats.newPapers);
      // Other comes last; every theme has a readable label.
      const kinds = d.themes.map((t) => t.kind);
      if (kinds.includes("other")) expect(kinds.at(-1)).toBe("other");
      for (const t of d.themes) expect(t.label.length).toBeGreaterThan(2);
    }
    // A paper's own page names its theme and digest week.
    const section = a.themes.find((t) => t.papers.some((p) => p.key === "arxiv:2403.02545"))!;
    const paper = (await (await call("/api/papers/2403.02545")).json()) as Record<string, unknown>;
    expect(paper).toMatchObject({
      digestWeek: WEEK_A,
      theme: { id: section.id, label: section.label, week: WEEK_A },
    });
  });

  it("keeps theme ids stable: later weeks reuse earlier themes, new ones get fresh ids", async () => {
    await lateCron();
    const a = await digestJson(WEEK_A);
    const b = await digestJson(WEEK_B);
    const idsA = new Set(a.themes.filter((t) => t.kind === "found").map((t) => t.id));
    const found = (await dump("themes")) as { id: string; created_week: string; label: string }[];
    expect(found.length).toBeGreaterThan(0);
    // Ids are t1, t2, … in creation order, never reused.
    const numbers = found.map((t) => Number(t.id.slice(1))).sort((x, y) => x - y);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    for (const t of b.themes.filter((t) => t.kind === "found")) {
      const stored = found.find((f) => f.id === t.id)!;
      expect(stored.label).toBe(t.label);
      expect(t.isNew).toBe(stored.created_week === WEEK_B);
      if (idsA.has(t.id)) expect(t.isNew).toBe(false);
    }
    // Seed 002 continues 000's topics (recommendation models, LLM efficiency): some of its papers
    // join week A's themes rather than all starting new ones.
    const joined = b.themes.filter((t) => idsA.has(t.id)).flatMap((t) => t.papers);
    expect(joined.length).toBeGreaterThan(0);
  });

  it("shows records that matched earlier papers as seen before, and counts verdicts", async () => {
    await lateCron();
    const b = await digestJson(WEEK_B);
    expect(b.stats.verdicts).toEqual({ new: 8, duplicate: 2 });
    const c = await digestJson(WEEK_C);
    expect(c.stats.verdicts).toEqual({ new: 5, duplicate: 4, "near-duplicate": 1 });
    const seen = new Map(c.seenBefore.map((s) => [s.key, s]));
    expect([...seen.keys()].sort()).toEqual([
      "arxiv:2403.00877",
      "arxiv:2403.02545",
      "arxiv:2407.21770",
      "arxiv:2411.04996",
      "arxiv:2501.02173",
    ]);
    expect(seen.get("arxiv:2403.02545")).toMatchObject({ verdict: "near-duplicate", firstSeenWeek: WEEK_A });
    expect(seen.get("arxiv:2403.00877")).toMatchObject({ verdict: "duplicate", similarity: 1 });
    expect(c.stats.seenBefore).toBe(5);
    // Change against earlier weeks: 10, then 8, then 5 new papers.
    expect(c.stats.previousWeeks).toEqual([
      { week: WEEK_A, papers: 10 },
      { week: WEEK_B, papers: 8 },
    ]);
    expect(c.stats.changeFromPreviousWeek).toBe(-3);
  });

  it("running again adds nothing and changes nothing", async () => {
    await lateCron();
    const before = {
      counts: await tableCounts(),
      themes: await dump("themes"),
      parts: await dump("digest_parts"),
    };
    const report = await publishDueWeeks(db(), Date.parse("2026-10-27T12:00:00Z"));
    expect(report.published).toEqual([]);
    // Two runs at once: still nothing.
    const both = await Promise.all([
      publishDueWeeks(db(), Date.parse("2026-10-28T08:00:00Z")),
      publishDueWeeks(db(), Date.parse("2026-10-28T08:00:00Z")),
    ]);
    expect(both.flatMap((r) => r.published)).toEqual([]);
    expect({
      counts: await tableCounts(),
      themes: await dump("themes"),
      parts: await dump("digest_parts"),
    }).toEqual(before);
  });

  it("never changes a published digest; a later new version shows as updated that week", async () => {
    await lateCron();
    const frozen = await digestJson(WEEK_A);
    const paper = frozen.themes.flatMap((t) => t.papers).find((p) => p.key === "arxiv:2403.00877")!;
    expect(paper).toBeDefined();
    const report = await ingestAt(V2_OF_A_PAPER, IN_W45);
    expect(report.records[0]?.verdict).toBe("new-version");
    expect(await digestJson(WEEK_A)).toEqual(frozen);

    const { published } = await publishDueWeeks(db(), AFTER_W45);
    expect(published.map((p) => p.week)).toEqual(["2026-W45"]);
    const w45 = await digestJson("2026-W45");
    expect(w45.stats.newPapers).toBe(0);
    expect(w45.stats.updatedPapers).toBe(1);
    const updated = w45.themes.flatMap((t) => t.updated);
    expect(updated).toHaveLength(1);
    expect(updated[0]).toMatchObject({ key: "arxiv:2403.00877", verdict: "new-version", latestVersion: 2 });
    // It is listed under the theme the paper was placed in in week A.
    const themeInA = frozen.themes.find((t) => t.papers.some((p) => p.key === "arxiv:2403.00877"))!;
    expect(w45.themes.find((t) => t.updated.length > 0)!.id).toBe(themeInA.id);
    // The idle week W44 got no digest.
    expect((await call("/api/digests/2026-W44")).status).toBe(404);
  });

  it("serves a published week as published even while its clock week runs (no second preview)", async () => {
    await lateCron();
    await publishW45Update();
    const insideW45 = Date.parse("2026-11-04T12:00:00Z");
    expect((await loadLatestDigest(db(), insideW45)).status).toBe("published");
    expect((await loadDigestForWeek(db(), "2026-W45", insideW45))?.status).toBe("published");
    expect((await loadArchive(db(), insideW45)).filter((e) => e.week === "2026-W45")).toEqual([
      expect.objectContaining({ status: "published" }),
    ]);
  });
});
