/**
 * The API side of the harvest against the arXiv stand-in serving arXiv's real recorded answers
 * (`all:testing`, 60 papers over six real pages): every entry stored once, paging, re-runs that add
 * nothing, a run cut short that resumes, an entry arXiv does not serve yet, an error entry and an
 * empty result. Tests about a later run first make the earlier run they follow themselves
 * (`harvestedSaturday`, a no-op when it has already run), so each test can run alone.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, call, fixtureText, tableCounts } from "../support/api";
import {
  count,
  coverageOf,
  EMPTY_ANSWER,
  ERROR_ANSWER,
  harvestAt,
  requestsTo,
  scriptAnswers,
  setUpArxiv,
  starts,
  TESTING_PAGES,
  TESTING_PAPERS,
} from "./harvest-helpers";

const HOST = "api.arxiv.standin.test";
// Runs at 09:00 UTC; with the 96 h API lag the first window is the day four days before.
const SATURDAY = "2024-01-20T09:00:00Z";
const SUNDAY = "2024-01-21T09:00:00Z";
const WINDOW_DAY = "2024-01-15";

async function follow(queries: string[]) {
  const res = await call("/api/harvest/config", {
    method: "PUT",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ categories: [], queries }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

/** Saturday's run of `all:testing` (the first test's), as the tests of the runs after it need. */
async function harvestedSaturday(): Promise<void> {
  await follow(["all:testing"]);
  expect((await harvestAt(HOST, SATURDAY)).status).toBe("complete");
}

const batch = (files: string[]) => ({ batches: [{ at: `${WINDOW_DAY}T12:00:00Z`, files }] });

describe("harvesting the arXiv API", () => {
  beforeAll(async () => {
    await setUpArxiv(HOST, {
      api: {
        "(all:testing)": batch(TESTING_PAGES),
        "(ti:testing)": batch(TESTING_PAGES),
        "(abs:testing)": { ...batch(TESTING_PAGES), emptyPages: { from: 25, count: 1 } },
      },
    });
  });

  it("stores every entry of a window once, paging politely with a descriptive User-Agent", async () => {
    await follow(["all:testing"]);
    const run = await harvestAt(HOST, SATURDAY);
    expect(run.status).toBe("complete");

    const requests = await requestsTo(HOST);
    expect(starts(requests)).toEqual([0, 25, 50]);
    const first = new URL(requests[0]!.url);
    expect(first.searchParams.get("search_query")).toBe(
      "(all:testing) AND lastUpdatedDate:[202401150000 TO 202401152359]",
    );
    expect(first.searchParams.get("sortBy")).toBe("lastUpdatedDate");
    expect(first.searchParams.get("sortOrder")).toBe("ascending");
    expect(first.searchParams.get("max_results")).toBe("25");
    for (const r of requests)
      expect(r.headers["user-agent"]).toMatch(/^arxiv-digest\/[\d.]+ \(.*\+https?:\/\//);
    // One request at a time, spaced by the politeness interval (5 ms in tests, 3 s in production).
    for (let i = 1; i < requests.length; i++) {
      expect(requests[i]!.at - requests[i - 1]!.at).toBeGreaterThanOrEqual(4);
    }

    expect(await count("SELECT count(*) AS n FROM papers")).toBe(TESTING_PAPERS);
    expect(await count("SELECT count(*) AS n FROM paper_versions")).toBe(TESTING_PAPERS);
    expect(
      await count("SELECT count(*) AS n FROM ingest_batches WHERE source = 'harvest:query:all:testing'"),
    ).toBe(3);
    const [row] = await coverageOf(run.runId);
    expect(row).toMatchObject({
      source: "query:all:testing",
      stage: "api",
      unit: `window ${WINDOW_DAY}`,
      status: "complete",
      expected: TESTING_PAPERS,
      received: TESTING_PAPERS,
      stored: TESTING_PAPERS,
      added: TESTING_PAPERS,
      gaps: 0,
    });
    expect(JSON.parse(row!.detail)).toEqual({ verdicts: { new: TESTING_PAPERS } });
  });

  it("adds nothing on the next run: the next window is empty, and said so", async () => {
    await harvestedSaturday();
    const before = await tableCounts();
    const run = await harvestAt(HOST, SUNDAY);
    expect(run.status).toBe("complete");
    const rows = await coverageOf(run.runId);
    expect(rows).toEqual([
      expect.objectContaining({
        unit: "window 2024-01-16",
        status: "empty",
        expected: 0,
        stored: 0,
        note: "no matching entries last updated on 2024-01-16",
      }),
    ]);
    expect(await tableCounts()).toEqual(before);
    // A third run the same day: the windows already reach the lagged end.
    const again = await harvestAt(HOST, SUNDAY);
    expect((await coverageOf(again.runId)).map((r) => r.status)).toEqual(["up-to-date"]);
  });

  it("re-harvesting the same window after losing its cursor stores nothing: every entry a duplicate", async () => {
    await harvestedSaturday();
    const before = await tableCounts();
    await env.DB.prepare("DELETE FROM harvest_cursors").run();
    const run = await harvestAt(HOST, SATURDAY);
    const [row] = await coverageOf(run.runId);
    expect(row).toMatchObject({
      status: "complete",
      expected: TESTING_PAPERS,
      stored: TESTING_PAPERS,
      added: 0,
    });
    expect(JSON.parse(row!.detail)).toEqual({ verdicts: { duplicate: TESTING_PAPERS } });
    expect(await tableCounts()).toEqual(before);
  });

  it("a run that runs out of requests leaves the window partial; the next run resumes it", async () => {
    await follow(["ti:testing"]);
    const cut = await harvestAt(HOST, SATURDAY, { maxRequests: 1 });
    expect(cut.status).toBe("partial");
    expect(await coverageOf(cut.runId)).toEqual([
      expect.objectContaining({
        source: "query:ti:testing",
        status: "partial",
        expected: TESTING_PAPERS,
        stored: 25,
        gaps: TESTING_PAPERS - 25,
      }),
    ]);
    const overview = (await (
      await call("/api/harvests", { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    ).json()) as { cursors: { category: string; openWindow: unknown }[]; openGaps: { status: string }[] };
    expect(overview.cursors.find((c) => c.category === "query:ti:testing")?.openWindow).toEqual({
      day: WINDOW_DAY,
      nextStart: 25,
      expected: TESTING_PAPERS,
      stored: 25,
    });
    expect(overview.openGaps.map((g) => g.status)).toEqual(["partial"]);

    const seen = (await requestsTo(HOST)).length;
    const resumed = await harvestAt(HOST, SUNDAY, { resumeOverlap: 5 });
    expect(resumed.status).toBe("complete");
    // Re-read from 5 before the resume point (entries may shift), then on; then the next window.
    expect(starts((await requestsTo(HOST)).slice(seen))).toEqual([20, 45, 0]);
    const rows = await coverageOf(resumed.runId);
    expect(rows.map((r) => [r.unit, r.status, r.expected, r.stored, r.gaps])).toEqual([
      [`window ${WINDOW_DAY}`, "complete", TESTING_PAPERS, TESTING_PAPERS, 0],
      ["window 2024-01-16", "empty", 0, 0, 0],
    ]);
  });

  it("entries arXiv announced but does not serve yet are recorded as not yet visible and fetched next run", async () => {
    await follow(["abs:testing"]);
    const first = await harvestAt(HOST, SATURDAY);
    const [row] = await coverageOf(first.runId);
    expect(row).toMatchObject({ status: "not-yet-visible", expected: TESTING_PAPERS, stored: 25, gaps: 35 });
    expect(row!.note).toContain("arXiv announced 60 entries but served none from entry 25");
    const next = await harvestAt(HOST, SUNDAY);
    const rows = await coverageOf(next.runId);
    expect(rows[0]).toMatchObject({
      unit: `window ${WINDOW_DAY}`,
      status: "complete",
      stored: TESTING_PAPERS,
      gaps: 0,
    });
  });

  it("an API error entry is reported as an error, and the window is asked again next run", async () => {
    const host = "error.arxiv.standin.test";
    await setUpArxiv(host, {});
    await follow(["all:testing"]);
    await env.DB.prepare("DELETE FROM harvest_cursors").run();
    await scriptAnswers(`https://${host}/api/query`, [
      { status: 200, body: await fixtureText(ERROR_ANSWER) },
    ]);
    const run = await harvestAt(host, SATURDAY);
    expect(run.status).toBe("partial");
    const [row] = await coverageOf(run.runId);
    expect(row).toMatchObject({ status: "error", expected: null, stored: 0, gaps: 0 });
    expect(row!.note).toContain("arXiv API error: incorrect id format for abc");
    // Nothing was stored from the error entry, and the window stays to be harvested.
    const retry = await harvestAt(host, SATURDAY);
    expect((await coverageOf(retry.runId))[0]).toMatchObject({
      unit: `window ${WINDOW_DAY}`,
      status: "empty",
    });
  });

  it("an empty result (arXiv's real answer with no entries) is recorded as an empty window", async () => {
    const host = "empty.arxiv.standin.test";
    await setUpArxiv(host, {});
    await follow(["all:nothing-matches-this"]);
    await scriptAnswers(`https://${host}/api/query`, [
      { status: 200, body: await fixtureText(EMPTY_ANSWER) },
    ]);
    const run = await harvestAt(host, SATURDAY);
    expect(run.status).toBe("complete");
    expect(await coverageOf(run.runId)).toEqual([
      expect.objectContaining({ unit: `window ${WINDOW_DAY}`, status: "empty", expected: 0, gaps: 0 }),
    ]);
  });
});
