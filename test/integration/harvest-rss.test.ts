/**
 * The announcement feeds (rss.arxiv.org layout): a day's announcements stored once with their
 * verdicts (a cross-list of a paper already stored is a duplicate, a replacement a new version),
 * a re-run adds nothing, weekend and holiday feeds are recorded as "no announcement", and the week's
 * digest carries the harvest line.
 *
 * SEQUENTIAL SCENARIO: the first describe is one week of feeds, day by day (Tuesday, its re-run,
 * Wednesday, the weekend, then the week's digest, which counts those four runs), and its steps run in
 * order, each on the papers, cursors and runs the previous ones left. A step of it run alone (`-t`)
 * fails by design; run the whole file. The holiday test after it stands alone.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { publishDueWeeks } from "../../src/digest";
import type { Digest } from "../../src/digest/types";
import { call, tableCounts } from "../support/api";
import { db } from "../support/db";
import { count, coverageOf, harvestAt, requestsTo, setUpArxiv } from "./harvest-helpers";

const HOST = "rss.arxiv.standin.test";
const FOLLOWED = { defaultCategories: ["cs.LG", "cs.IR"] };
const FEEDS = "rss/harvest";

async function serveFeeds(lg: string, ir: string) {
  await setUpArxiv(HOST, { rss: { "cs.LG": `${FEEDS}/${lg}`, "cs.IR": `${FEEDS}/${ir}` } });
}

const rssRows = async (runId: string | null) => (await coverageOf(runId)).filter((r) => r.stage === "rss");

describe.sequential("scenario: a week of announcement feeds, day by day", () => {
  beforeAll(async () => {
    await serveFeeds("cs.LG-2024-01-16.xml", "cs.IR-2024-01-16.xml");
  });

  it("stores a day's announcements once; a cross-list already stored is a duplicate", async () => {
    const run = await harvestAt(HOST, "2024-01-16T09:00:00Z", FOLLOWED);
    expect(run.status).toBe("complete");
    const rows = await rssRows(run.runId);
    expect(rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) }))).toEqual([
      expect.objectContaining({
        source: "cs.IR",
        unit: "announcement 2024-01-16",
        status: "complete",
        expected: 3,
        stored: 3,
        added: 2,
        gaps: 0,
        detail: { announced: { new: 2, cross: 1 }, verdicts: { new: 2, duplicate: 1 } },
      }),
      expect.objectContaining({
        source: "cs.LG",
        unit: "announcement 2024-01-16",
        status: "complete",
        expected: 5,
        stored: 5,
        added: 5,
        gaps: 0,
        detail: { announced: { new: 3, cross: 1, replace: 1 }, verdicts: { new: 5 } },
      }),
    ]);
    // Seven distinct papers, each stored once, under `harvest:<category>` batches.
    expect(await count("SELECT count(*) AS n FROM papers")).toBe(7);
    expect(await count("SELECT count(*) AS n FROM paper_versions")).toBe(7);
    expect(
      await count(
        "SELECT count(*) AS n FROM ingest_batches WHERE source IN ('harvest:cs.LG', 'harvest:cs.IR')",
      ),
    ).toBe(2);
    const paper = (await (await call("/api/papers/2401.08104")).json()) as { categories: string[] };
    expect(paper.categories).toEqual(["cs.LG", "cs.IR"]);
    // The feed asked for each category, then the API windows (empty here: nothing lags behind).
    const urls = (await requestsTo(HOST)).map((r) => new URL(r.url).pathname);
    expect(urls).toEqual(["/rss/cs.LG", "/rss/cs.IR", "/api/query", "/api/query"]);
  });

  it("a re-run of the same announcement adds nothing", async () => {
    const before = await tableCounts();
    const run = await harvestAt(HOST, "2024-01-16T09:30:00Z", FOLLOWED);
    for (const row of await rssRows(run.runId)) {
      expect(row).toMatchObject({ status: "complete", added: 0, gaps: 0 });
      expect(Object.keys(JSON.parse(row.detail).verdicts)).toEqual(["duplicate"]);
    }
    expect(await tableCounts()).toEqual(before);
  });

  it("replacements and replace-cross-lists of known papers are new versions", async () => {
    // cs.IR's feed is not updated yet: the same announcement again, all duplicates.
    await serveFeeds("cs.LG-2024-01-17.xml", "cs.IR-2024-01-16.xml");
    const run = await harvestAt(HOST, "2024-01-17T09:00:00Z", FOLLOWED);
    const rows = await rssRows(run.runId);
    const lg = rows.find((r) => r.source === "cs.LG")!;
    expect(lg).toMatchObject({ unit: "announcement 2024-01-17", expected: 3, stored: 3, added: 3 });
    expect(JSON.parse(lg.detail)).toEqual({
      announced: { new: 1, replace: 1, "replace-cross": 1 },
      verdicts: { new: 1, "new-version": 2 },
    });
    expect(rows.find((r) => r.source === "cs.IR")).toMatchObject({
      unit: "announcement 2024-01-16",
      added: 0,
    });
    expect(await count("SELECT count(*) AS n FROM papers")).toBe(8);
    expect(await count("SELECT count(*) AS n FROM paper_versions WHERE paper_key = 'arxiv:2401.08101'")).toBe(
      2,
    );
    expect(await count("SELECT latest_version AS n FROM papers WHERE key = 'arxiv:2401.08103'")).toBe(2);
  });

  it("a weekend feed is recorded as 'no announcement (weekend)', not as a silent zero", async () => {
    await serveFeeds("empty-2024-01-20-saturday.xml", "empty-2024-01-20-saturday.xml");
    const run = await harvestAt(HOST, "2024-01-20T09:00:00Z", FOLLOWED);
    expect(run.status).toBe("complete");
    for (const row of await rssRows(run.runId)) {
      expect(row).toMatchObject({ unit: "announcement 2024-01-20", status: "no-announcement", expected: 0 });
      expect(row.note).toBe(
        "no announcement on Saturday 2024-01-20 (weekend: arXiv announces nothing on Saturdays and Sundays)",
      );
    }
  });

  it("the week's digest carries the harvest line: runs, and per category expected, stored, gaps", async () => {
    await publishDueWeeks(db(), Date.parse("2024-01-22T08:00:00Z"));
    const res = await call("/api/digests/2024-W03");
    expect(res.status).toBe(200);
    const digest = (await res.json()) as Digest;
    expect(digest.stats.harvest).toEqual({
      runs: 4,
      categories: [
        // Each announcement day and API window counted once, as its latest run left it.
        { category: "cs.IR", expected: 3, stored: 3, gaps: 0, failed: 0 },
        { category: "cs.LG", expected: 8, stored: 8, gaps: 0, failed: 0 },
      ],
    });
  });
});

describe("a feed on a holiday", () => {
  it("an empty feed on a weekday is recorded as a holiday (or a feed not updated yet)", async () => {
    await setUpArxiv(HOST, { rss: { "math.AG": `${FEEDS}/empty-2024-12-25-holiday.xml` } });
    const run = await harvestAt(HOST, "2024-12-25T09:00:00Z", { defaultCategories: ["math.AG"] });
    const [row] = await rssRows(run.runId);
    expect(row).toMatchObject({ status: "no-announcement", expected: 0 });
    expect(row!.note).toBe(
      "no announcement on Wednesday 2024-12-25 (an arXiv holiday, or the feed is not updated yet)",
    );
  });
});
