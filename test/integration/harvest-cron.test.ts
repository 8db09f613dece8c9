/**
 * The daily cron (`0 9 * * *`, src/harvest HARVEST_CRON) harvests with the deployment's settings
 * (vitest.config.mts aims them at the arXiv stand-in, paced in ms), then publishes like the weekly
 * trigger, and logs one JSON line; the weekly trigger does not harvest. Each test sets up what it
 * needs itself (`harvestJan16`), so each can run alone.
 */
import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { HARVEST_CRON } from "../../src/harvest";
import worker from "../../src/index";
import { count, requestsTo, setUpArxiv } from "./harvest-helpers";

const HOST = "cron.arxiv.standin.test";
/** The weekly digest trigger: src/jobs/scheduled.ts treats every cron but HARVEST_CRON as it. */
const WEEKLY_CRON = "0 8 * * 1";

async function fire(cron: string, at: string): Promise<Record<string, unknown>[]> {
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  await worker.scheduled(createScheduledController({ scheduledTime: Date.parse(at), cron }), env);
  const lines = log.mock.calls.map((args) => String(args[0]));
  return lines.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** The daily cron on Tuesday 2024-01-16 against the stand-in's feeds of that day. */
async function harvestJan16(): Promise<Record<string, unknown>[]> {
  await setUpArxiv(HOST, {
    rss: { "cs.LG": "rss/harvest/cs.LG-2024-01-16.xml", "cs.IR": "rss/harvest/cs.IR-2024-01-16.xml" },
  });
  return fire(HARVEST_CRON, "2024-01-16T09:00:00Z");
}

describe("the daily harvest cron", () => {
  afterEach(() => vi.restoreAllMocks());

  it("is in wrangler.toml's triggers, beside the weekly one", () => {
    // vitest.config.mts reads the file Node-side. A cron missing there never fires when deployed;
    // any other would publish like the weekly one.
    expect([...env.WRANGLER_CRONS].sort()).toEqual([WEEKLY_CRON, HARVEST_CRON]);
  });

  it("harvests the default categories, then publishes, in one logged run", async () => {
    const lines = await harvestJan16();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      event: "publish-digests",
      cron: HARVEST_CRON,
      harvest: { status: "complete", requests: 4, expected: 8, stored: 8, added: 7, gaps: 0 },
      currentWeek: "2024-W03",
    });
    expect(typeof lines[0]!.d1Statements).toBe("number");

    const requests = await requestsTo(HOST);
    expect(requests.map((r) => new URL(r.url).pathname)).toEqual([
      "/rss/cs.LG",
      "/rss/cs.IR",
      "/api/query",
      "/api/query",
    ]);
    for (const r of requests) expect(r.headers["user-agent"]).toContain("mailto:harvest-tests@example.org");
    expect(await count("SELECT count(*) AS n FROM papers")).toBe(7);
  });

  it("the weekly trigger publishes without harvesting", async () => {
    // Week 2024-W03 has papers to publish: the daily harvest of Tuesday stored them.
    await harvestJan16();
    vi.restoreAllMocks();
    const before = (await requestsTo(HOST)).length;
    const lines = await fire(WEEKLY_CRON, "2024-01-22T08:00:00Z");
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toHaveProperty("harvest");
    expect(lines[0]).toMatchObject({
      event: "publish-digests",
      published: [expect.objectContaining({ week: "2024-W03" })],
    });
    expect(await requestsTo(HOST)).toHaveLength(before);
  });
});
