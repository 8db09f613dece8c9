/**
 * The digest and theme API on the seed samples as `npm start` loads them: everything in the
 * current week, so the digest is a live preview; operator themes; errors in the contract's shape.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { isoWeekOf, publishDueWeeks, shiftWeek } from "../../src/digest";
import type { Digest } from "../../src/digest/types";
import { ADMIN_TOKEN, call, fixtureText, ingest, tableCounts } from "../support/api";
import { db } from "../support/db";
import { ingestAt } from "../support/ingest-at";

const SEEDS = ["000_6a4379718c0c1abb", "002_3a1a5da40a18a229", "003_83750b29675ba264"];

async function getJson<T>(path: string, status = 200): Promise<T> {
  const res = await call(path);
  expect(res.status, path).toBe(status);
  return (await res.json()) as T;
}

const admin = (method: string, body?: unknown): RequestInit => ({
  method,
  headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

interface ThemeList {
  week: string;
  themes: { id: string; label: string; kind: string; size: number; thisWeek: number; provisional: boolean }[];
}

describe("the current week as a live preview", () => {
  beforeAll(async () => {
    for (const seed of SEEDS) await ingest(await fixtureText(`seeds/${seed}.txt`));
  });

  it("serves the seed papers as a themed digest marked preview", async () => {
    const latest = await getJson<Digest>("/api/digests/latest");
    expect(latest.status).toBe("preview");
    expect(latest.week).toBe(isoWeekOf(Date.now()));
    const keys = latest.themes.flatMap((t) => t.papers.map((p) => p.key));
    expect(keys).toHaveLength(23);
    expect(new Set(keys).size).toBe(23);
    expect(latest.stats.newPapers).toBe(23);
    expect(latest.stats.verdicts).toEqual({ new: 23, duplicate: 6, "near-duplicate": 1 });
    // Several named themes, each paper with what a reader needs.
    const found = latest.themes.filter((t) => t.kind === "found");
    expect(found.length).toBeGreaterThanOrEqual(3);
    for (const t of found) expect(t.isNew).toBe(true);
    const paper = latest.themes.flatMap((t) => t.papers).find((p) => p.key === "arxiv:2403.02545")!;
    expect(paper.links).toEqual({
      abs: "https://arxiv.org/abs/2403.02545",
      pdf: "https://arxiv.org/pdf/2403.02545",
    });
    expect(paper.summary.length).toBeGreaterThan(40);
    expect(paper.summary.length).toBeLessThanOrEqual(300);
    // The same digest under its week; the preview is built again, not stored.
    const byWeek = await getJson<Digest>(`/api/digests/${latest.week}`);
    expect({ ...byWeek, generatedAt: "" }).toEqual({ ...latest, generatedAt: "" });
    expect((await tableCounts()).digests).toBe(0);
  });

  it("lists this week's themes as provisional until they are published", async () => {
    const list = await getJson<ThemeList>("/api/themes");
    expect(list.week).toBe(isoWeekOf(Date.now()));
    expect(list.themes.length).toBeGreaterThanOrEqual(3);
    for (const t of list.themes) expect(t).toMatchObject({ kind: "found", provisional: true, size: 0 });
    expect(list.themes.reduce((s, t) => s + t.thisWeek, 0)).toBeLessThanOrEqual(23);
  });

  it("lists the preview in the archive", async () => {
    const { digests } = await getJson<{ digests: { week: string; status: string; newPapers: number }[] }>(
      "/api/digests",
    );
    expect(digests).toEqual([
      expect.objectContaining({ week: isoWeekOf(Date.now()), status: "preview", newPapers: 23 }),
    ]);
  });

  it("gives operator themes precedence, from the next digest built", async () => {
    const denied = await call("/api/themes/condensed-matter", { method: "PUT", body: "{}" });
    expect(denied.status).toBe(401);
    const res = await call(
      "/api/themes/condensed-matter",
      admin("PUT", {
        name: "Condensed matter",
        keywords: ["phonon", "magnon", "ferroelectric", "superconductivity"],
      }),
    );
    expect(res.status).toBe(200);
    const latest = await getJson<Digest>("/api/digests/latest");
    const mine = latest.themes.find((t) => t.id === "condensed-matter")!;
    expect(mine).toMatchObject({ kind: "operator", label: "Condensed matter" });
    expect(mine.papers.length).toBeGreaterThanOrEqual(2);
    for (const p of mine.papers)
      expect(p.summary + p.title).toMatch(/phonon|magnon|ferroelectric|superconduct/i);
    // Retired: it stops taking papers, and cannot be retired twice.
    expect((await call("/api/themes/condensed-matter", admin("DELETE"))).status).toBe(204);
    expect((await call("/api/themes/condensed-matter", admin("DELETE"))).status).toBe(404);
    const after = await getJson<Digest>("/api/digests/latest");
    expect(after.themes.some((t) => t.id === "condensed-matter")).toBe(false);
  });

  it("refuses bad operator themes without changing anything", async () => {
    const before = await tableCounts();
    const cases: [string, unknown, string][] = [
      ["/api/themes/t7", { name: "Mine", keywords: ["x"] }, "invalid_theme_id"],
      ["/api/themes/other", { name: "Mine", keywords: ["x"] }, "invalid_theme_id"],
      ["/api/themes/Bad%20Id", { name: "Mine", keywords: ["x"] }, "invalid_theme_id"],
      ["/api/themes/mine", { name: "Mine" }, "invalid_theme"],
      ["/api/themes/mine", { name: "", keywords: ["x"] }, "invalid_theme"],
      ["/api/themes/mine", "not json", "invalid_theme"],
    ];
    for (const [path, body, code] of cases) {
      const res = await call(path, admin("PUT", body));
      expect(res.status, path).toBe(400);
      expect(await res.json()).toEqual({ error: { code, message: expect.any(String) } });
    }
    expect(await tableCounts()).toEqual(before);
  });
});

describe("digest errors", () => {
  it("answers malformed, future and unpublished weeks in the contract's error shape", async () => {
    const bad = await getJson<{ error: { code: string } }>("/api/digests/2026-47", 400);
    expect(bad.error.code).toBe("invalid_week");
    expect((await getJson<{ error: { code: string } }>("/api/digests/2025-W53", 400)).error.code).toBe(
      "invalid_week",
    );
    const next = shiftWeek(isoWeekOf(Date.now()), 1);
    expect((await getJson<{ error: { code: string } }>(`/api/digests/${next}`, 404)).error.code).toBe(
      "digest_not_found",
    );
    expect((await getJson<{ error: { code: string } }>("/api/digests/2020-W10", 404)).error.code).toBe(
      "digest_not_found",
    );
  });

  it("publishes due weeks on the admin route too (idempotent), and only with the admin token", async () => {
    expect((await call("/api/digests/publish", { method: "POST" })).status).toBe(401);
    const first = await call("/api/digests/publish", admin("POST"));
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ currentWeek: isoWeekOf(Date.now()), alreadyPublished: [] });
  });
});

describe("weeks, counts and merged papers", () => {
  it("counts new papers per week whatever the time of day they arrived", async () => {
    // Distinct texts (shared wording would make them near-duplicates of each other).
    const topics = [
      "protein folding kinetics measured with single-molecule force spectroscopy in crowded cells",
      "tax incidence of carbon pricing across household income groups in small open economies",
      "glacier retreat rates inferred from repeat satellite altimetry over the southern Andes",
      "compiler register allocation using integer linear programming for embedded processors",
      "sleep spindle density and overnight memory consolidation in older adults",
      "dark matter subhalo abundance constrained by strong gravitational lens flux ratios",
      "soil microbial respiration responses to repeated drought and rewetting cycles",
    ];
    const abstract = (n: number) => `We study ${topics[n]}. Our results are reported and discussed.`;
    // Five papers in 2026-W10, at five different times; two in W11.
    const times = [
      "2026-03-02T00:00:01Z",
      "2026-03-03T10:11:12Z",
      "2026-03-05T13:00:00Z",
      "2026-03-07T22:22:22Z",
      "2026-03-08T23:59:59Z",
    ];
    for (const [i, at] of times.entries()) await ingestAt(JSON.stringify({ abstract: abstract(i) }), at);
    await ingestAt(
      JSON.stringify([{ abstract: abstract(5) }, { abstract: abstract(6) }]),
      "2026-03-10T08:00:00Z",
    );
    // A run stops starting weeks once it has placed `maxPapers` papers; the next run goes on.
    const first = await publishDueWeeks(db(), Date.parse("2026-03-16T08:00:00Z"), { maxPapers: 5 });
    expect(first).toMatchObject({ published: [{ week: "2026-W10", newPapers: 5 }], more: true });
    const second = await publishDueWeeks(db(), Date.parse("2026-03-16T08:00:00Z"), { maxPapers: 5 });
    expect(second).toMatchObject({ published: [{ week: "2026-W11", newPapers: 2 }], more: false });
    const w11 = await getJson<Digest>("/api/digests/2026-W11");
    expect(w11.stats.previousWeeks).toEqual([{ week: "2026-W10", papers: 5 }]);
    expect(w11.stats.changeFromPreviousWeek).toBe(-3);
  });

  it("moves a published paper's theme to its id'd twin when the twin absorbs it", async () => {
    const text =
      "We introduce a lattice-free method for estimating the spectral gap of sparse random regular graphs, " +
      "prove concentration bounds that hold uniformly over degrees, and confirm them numerically on graphs with " +
      "up to ten million vertices, improving on earlier estimates by an order of magnitude.";
    const idless = await ingestAt(JSON.stringify({ abstract: text }), "2026-04-01T10:00:00Z");
    const fpKey = idless.records[0]!.key!;
    expect(fpKey).toMatch(/^fp:/);
    await publishDueWeeks(db(), Date.parse("2026-04-06T08:00:00Z"));
    const assignment = () =>
      env.DB.prepare("SELECT paper_key, week FROM theme_assignments WHERE paper_key IN (?1, ?2)")
        .bind(fpKey, "arxiv:2604.01234")
        .all();
    expect((await assignment()).results).toEqual([{ paper_key: fpKey, week: "2026-W14" }]);
    const twin = await ingestAt(
      JSON.stringify({ id: "2604.01234v1", title: "Spectral gaps of sparse random graphs", abstract: text }),
      "2026-04-08T10:00:00Z",
    );
    expect(twin.records[0]).toMatchObject({ key: "arxiv:2604.01234", matchOf: fpKey });
    expect((await assignment()).results).toEqual([{ paper_key: "arxiv:2604.01234", week: "2026-W14" }]);
  });
});

describe("the preview follows every change", () => {
  it("is rebuilt after an ingest, served again while nothing changes", async () => {
    const first = await getJson<Digest>("/api/digests/latest");
    const again = await getJson<Digest>("/api/digests/latest");
    // Served from the isolate's cache: the very same build.
    expect(again.generatedAt).toBe(first.generatedAt);
    await ingest(
      JSON.stringify({
        abstract:
          "We measure the thermal conductivity of twisted bilayer graphene across the magic angle and find a sharp drop tied to flat electronic bands.",
      }),
    );
    const after = await getJson<Digest>("/api/digests/latest");
    expect(after.stats.newPapers).toBe(first.stats.newPapers + 1);
  });
});
