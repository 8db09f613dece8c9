/**
 * The admin surfaces of the harvest (docs/contract.md): `GET`/`PUT /api/harvest/config` (validation
 * with the contract's error shape, nothing changed by a refused body, admin only) and
 * `GET /api/harvests` (runs with, per category, what was expected and what was stored).
 * Each test sets the configuration and cursors it relies on itself, so each can run alone.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ADMIN_TOKEN, call } from "../support/api";
import { harvestAt, setUpArxiv } from "./harvest-helpers";

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

function putConfig(body: string, headers: Record<string, string> = admin) {
  return call("/api/harvest/config", {
    method: "PUT",
    headers: { ...headers, "content-type": "application/json" },
    body,
  });
}

async function getConfig() {
  const res = await call("/api/harvest/config", { headers: admin });
  expect(res.status).toBe(200);
  return res.json();
}

describe("GET and PUT /api/harvest/config", () => {
  it("needs the admin token, for reading and for writing", async () => {
    for (const res of [
      await call("/api/harvest/config"),
      await putConfig(JSON.stringify({ categories: ["cs.LG"] }), {}),
      await call("/api/harvests"),
    ]) {
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
    }
    const wrong = await call("/api/harvest/config", { headers: { authorization: "Bearer nope" } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: { code: "invalid_token" } });
  });

  it("starts from the deployment's default categories", async () => {
    expect(await getConfig()).toEqual({
      categories: ["cs.LG", "cs.IR"],
      queries: [],
      origin: "default",
      updatedAt: null,
    });
  });

  it("stores categories and queries", async () => {
    const body = {
      categories: ["cs.LG", "cs.IR", "cond-mat.str-el", "hep-th"],
      queries: ['abs:"retrieval augmented generation" AND cat:cs.CL'],
    };
    const res = await putConfig(JSON.stringify(body));
    expect(res.status).toBe(200);
    const saved = await res.json();
    expect(saved).toMatchObject({ ...body, origin: "stored" });
    expect(await getConfig()).toEqual(saved);
  });

  it.each([
    ["a malformed category", { categories: ["cs LG"] }, "categories.0"],
    ["a category twice", { categories: ["cs.LG", "cs.LG"] }, "each category once"],
    ["categories that are not a list", { categories: "cs.LG" }, "categories"],
    ["no categories field", { queries: ["all:testing"] }, "categories"],
    ["an unbalanced query", { categories: [], queries: ["abs:(graph"] }, "parentheses must be balanced"],
    ["a control character in a query", { categories: [], queries: ["all:a\u0007b"] }, "queries.0"],
    ["an unknown field", { categories: [], schedule: "hourly" }, "schedule"],
    [
      "too many categories",
      { categories: Array.from({ length: 31 }, (_, i) => `cs.X${"abcdefghijklmnopqrstuvwxyzABCDEF"[i]}`) },
      "categories",
    ],
  ])("refuses %s with 400 and changes nothing", async (_what, body, mentions) => {
    const before = await getConfig();
    const res = await putConfig(JSON.stringify(body));
    expect(res.status).toBe(400);
    const error = ((await res.json()) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe("invalid_harvest_config");
    expect(error.message).toContain(mentions);
    expect(await getConfig()).toEqual(before);
  });

  it("refuses a body that is not JSON", async () => {
    const before = await getConfig();
    const res = await putConfig("categories=cs.LG");
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_harvest_config" } });
    expect(await getConfig()).toEqual(before);
  });

  it("a newly followed source starts fresh; one still followed keeps its progress", async () => {
    // Both harvested through 2024-01-11 (API windows before 2024-01-12 00:00 UTC).
    const insert = env.DB.prepare(
      "INSERT INTO harvest_cursors (source, covered_until, updated_at) VALUES (?, 1705017600000, 0)",
    );
    await env.DB.batch([insert.bind("astro-ph.CO"), insert.bind("cs.LG")]);
    const res = await putConfig(JSON.stringify({ categories: ["cs.LG", "astro-ph.CO"] }));
    expect(res.status).toBe(200);
    const left = await env.DB.prepare("SELECT source FROM harvest_cursors ORDER BY source").all<{
      source: string;
    }>();
    expect(left.results.map((r) => r.source)).toEqual(["cs.LG"]);
  });
});

describe("GET /api/harvests", () => {
  it("validates limit", async () => {
    const res = await call("/api/harvests?limit=0", { headers: admin });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_limit" } });
  });

  it("lists runs with, per category, what was expected and what was stored", async () => {
    // Following cs.LG and astro-ph.CO; cs.LG harvested through 2024-01-11, astro-ph.CO not yet.
    expect((await putConfig(JSON.stringify({ categories: ["cs.LG", "astro-ph.CO"] }))).status).toBe(200);
    await env.DB.prepare(
      "INSERT OR REPLACE INTO harvest_cursors (source, covered_until, updated_at) VALUES ('cs.LG', 1705017600000, 0)",
    ).run();
    const host = "routes.arxiv.standin.test";
    await setUpArxiv(host, {
      rss: {
        "cs.LG": "rss/harvest/cs.LG-2024-01-16.xml",
        "astro-ph.CO": "rss/harvest/empty-2024-01-20-saturday.xml",
      },
    });
    const run = await harvestAt(host, "2024-01-16T09:00:00Z");
    const res = await call("/api/harvests?limit=5", { headers: admin });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      followed: { categories: string[] };
      runs: { id: string; status: string; requests: number; coverage: Record<string, unknown>[] }[];
      openGaps: unknown[];
    };
    expect(body.followed.categories).toEqual(["cs.LG", "astro-ph.CO"]);
    expect(body.runs).toHaveLength(1);
    // Two feeds, and one API window for astro-ph.CO (cs.LG's windows already reach the lagged end).
    expect(body.runs[0]).toMatchObject({ id: run.runId, status: "complete", requests: 3 });
    const lg = body.runs[0]!.coverage.filter((c) => c.category === "cs.LG");
    expect(lg).toEqual([
      expect.objectContaining({
        stage: "rss",
        unit: "announcement 2024-01-16",
        status: "complete",
        expected: 5,
        stored: 5,
        gaps: 0,
        announced: { new: 3, cross: 1, replace: 1 },
      }),
      expect.objectContaining({
        stage: "api",
        unit: "through 2024-01-11",
        status: "up-to-date",
        expected: 0,
      }),
    ]);
    expect(
      body.runs[0]!.coverage.find((c) => c.category === "astro-ph.CO" && c.stage === "rss"),
    ).toMatchObject({
      status: "no-announcement",
      expected: 0,
    });
    expect(body.openGaps).toEqual([]);
  });
});
