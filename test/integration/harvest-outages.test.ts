/**
 * arXiv misbehaving: a 503 with Retry-After (waited out, then success), an outage that outlasts the
 * retries (reported, retried and filled by the next run), timeouts, a Retry-After longer than a run
 * waits, and a run where nothing answers. Each test follows its own category on its own host.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ADMIN_TOKEN, call } from "../support/api";
import {
  coverageOf,
  harvestAt,
  requestsTo,
  scriptAnswers,
  setUpArxiv,
  starts,
  TESTING_PAGES,
  TESTING_PAPERS,
} from "./harvest-helpers";

const TUESDAY = "2024-01-16T09:00:00Z";
const LATER_TUESDAY = "2024-01-16T15:00:00Z";
// The API window of a Tuesday 09:00 run (96 h lag, one day of backfill).
const WINDOW_DAY = "2024-01-11";
const FEED = "rss/harvest/cs.LG-2024-01-16.xml";

async function setUp(host: string, category: string) {
  await setUpArxiv(host, {
    api: { [`cat:${category}`]: { batches: [{ at: `${WINDOW_DAY}T12:00:00Z`, files: TESTING_PAGES }] } },
    rss: { [category]: FEED },
  });
}

const only = (category: string) => ({ defaultCategories: [category] });

interface Overview {
  runs: { id: string; status: string; totals: { expected: number; stored: number; gaps: number } }[];
  openGaps: { category: string; stage: string; unit: string; status: string; note: string | null }[];
}

async function overview(): Promise<Overview> {
  const res = await call("/api/harvests", { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as Overview;
}

describe("harvesting through arXiv's outages", () => {
  it("waits out a 503's Retry-After and succeeds in the same run", async () => {
    const host = "retry-after.arxiv.standin.test";
    await setUp(host, "cs.LG");
    await scriptAnswers(`https://${host}/api/query`, [
      { status: 503, headers: { "retry-after": "1" }, body: "Service Unavailable" },
    ]);
    const run = await harvestAt(host, TUESDAY, only("cs.LG"));
    expect(run.status).toBe("complete");
    const api = (await requestsTo(host)).filter((r) => r.url.includes("/api/query"));
    expect(api.map((r) => r.answeredStatus)).toEqual([503, 200, 200, 200]);
    expect(starts(api)).toEqual([0, 0, 25, 50]);
    // Retry-After: 1 is one second, waited before asking again.
    expect(api[1]!.at - api[0]!.at).toBeGreaterThanOrEqual(950);
    const row = (await coverageOf(run.runId)).find((r) => r.stage === "api");
    expect(row).toMatchObject({
      status: "complete",
      expected: TESTING_PAPERS,
      stored: TESTING_PAPERS,
      gaps: 0,
    });
  });

  it("an outage that outlasts the retries is reported, shown to the admin, and filled by the next run", async () => {
    const host = "outage.arxiv.standin.test";
    await setUp(host, "cs.IR");
    await scriptAnswers(
      `https://${host}/api/query`,
      Array.from({ length: 3 }, () => ({ status: 503, body: "Service Unavailable" })),
    );
    const down = await harvestAt(host, TUESDAY, only("cs.IR"));
    expect(down.status).toBe("partial");
    const api = (await coverageOf(down.runId)).find((r) => r.stage === "api")!;
    expect(api).toMatchObject({ unit: `window ${WINDOW_DAY}`, status: "failed", expected: null, stored: 0 });
    expect(api.note).toBe("arXiv answered HTTP 503; gave up after 3 attempts; retried next run from entry 0");
    let seen = await overview();
    expect(seen.runs[0]).toMatchObject({ id: down.runId, status: "partial" });
    expect(seen.openGaps).toEqual([
      expect.objectContaining({
        category: "cs.IR",
        stage: "api",
        unit: `window ${WINDOW_DAY}`,
        status: "failed",
      }),
    ]);

    const back = await harvestAt(host, LATER_TUESDAY, only("cs.IR"));
    expect(back.status).toBe("complete");
    expect((await coverageOf(back.runId)).find((r) => r.stage === "api")).toMatchObject({
      unit: `window ${WINDOW_DAY}`,
      status: "complete",
      expected: TESTING_PAPERS,
      stored: TESTING_PAPERS,
      gaps: 0,
    });
    seen = await overview();
    expect(seen.openGaps).toEqual([]);
    expect(seen.runs[0]!.totals).toEqual({
      expected: 5 + TESTING_PAPERS,
      stored: 5 + TESTING_PAPERS,
      gaps: 0,
    });
  });

  it("a timeout is retried; when every attempt times out the next run fetches it", async () => {
    const host = "timeout.arxiv.standin.test";
    await setUp(host, "stat.ML");
    const slow = { status: 200, body: "<feed/>", delayMs: 400 };
    await scriptAnswers(`https://${host}/rss/stat.ML`, [slow, slow, slow]);
    const stalled = await harvestAt(host, TUESDAY, { ...only("stat.ML"), timeoutMs: 100 });
    const rss = (await coverageOf(stalled.runId)).find((r) => r.stage === "rss")!;
    expect(rss).toMatchObject({ unit: "announcement 2024-01-16", status: "failed", expected: null });
    expect(rss.note).toContain("no answer within 100 ms (timeout); gave up after 3 attempts");
    expect((await requestsTo(host)).filter((r) => r.url.endsWith("/rss/stat.ML"))).toHaveLength(3);

    const next = await harvestAt(host, LATER_TUESDAY, { ...only("stat.ML"), timeoutMs: 100 });
    expect((await coverageOf(next.runId)).find((r) => r.stage === "rss")).toMatchObject({
      unit: "announcement 2024-01-16",
      status: "complete",
      expected: 5,
      stored: 5,
    });
  });

  it("a Retry-After longer than a run waits ends the attempt at once; retried next run", async () => {
    const host = "come-back-later.arxiv.standin.test";
    await setUp(host, "math.AG");
    await scriptAnswers(`https://${host}/rss/math.AG`, [{ status: 503, headers: { "retry-after": "120" } }]);
    const run = await harvestAt(host, TUESDAY, only("math.AG"));
    const rss = (await coverageOf(run.runId)).find((r) => r.stage === "rss")!;
    expect(rss.status).toBe("failed");
    expect(rss.note).toContain("asked to come back in 120 s, later than this run waits");
    expect((await requestsTo(host)).filter((r) => r.url.endsWith("/rss/math.AG"))).toHaveLength(1);
  });

  it("a run in which arXiv never answered is a failed run", async () => {
    const host = "down.arxiv.standin.test";
    await setUp(host, "hep-th");
    const down = Array.from({ length: 3 }, () => ({ status: 502 }));
    await scriptAnswers(`https://${host}/rss/hep-th`, down);
    await scriptAnswers(`https://${host}/api/query`, down);
    const run = await harvestAt(host, TUESDAY, only("hep-th"));
    expect(run.status).toBe("failed");
    expect((await coverageOf(run.runId)).map((r) => [r.stage, r.status])).toEqual([
      ["api", "failed"],
      ["rss", "failed"],
    ]);
  });

  it("does not start while another run is under way; a run left running is shown as interrupted", async () => {
    await env.DB.prepare(
      "INSERT INTO harvest_runs (id, started_at, trigger, status) VALUES ('stuck', ?, 'cron', 'running')",
    )
      .bind(Date.parse("2024-02-01T09:00:00Z"))
      .run();
    const host = "retry-after.arxiv.standin.test";
    const before = (await requestsTo(host)).length;
    expect(await harvestAt(host, "2024-02-01T09:05:00Z", only("cs.LG"))).toMatchObject({
      runId: null,
      status: "skipped",
    });
    expect(await requestsTo(host)).toHaveLength(before);
    // The next day the stuck run is long past its budget: a new run goes ahead.
    const next = await harvestAt(host, "2024-02-02T09:00:00Z", only("cs.LG"));
    expect(next.status).toBe("complete");
    const runs = (await overview()).runs;
    expect(runs[0]!.id).toBe(next.runId);
    expect(runs.find((r) => r.id === "stuck")?.status).toBe("interrupted");
  });
});
