/**
 * The pages over several published weeks: three weeks of seeds ingested in the past weeks (relative
 * to the real clock the routes use), published as the cron would, then an update this week.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { isoWeekOf, publishDueWeeks, shiftWeek, weekRange } from "../../src/digest";
import { call, fixtureText, ingest } from "../support/api";
import { db } from "../support/db";
import { ingestAt } from "../support/ingest-at";

const NOW = Date.now();
const CURRENT = isoWeekOf(NOW);
const [WEEK_A, WEEK_B, WEEK_C] = [-3, -2, -1].map((n) => shiftWeek(CURRENT, n)) as [string, string, string];
const tuesdayOf = (week: string) => weekRange(week).start + 1.5 * 86_400_000;

async function page(path: string): Promise<string> {
  const res = await call(path);
  expect(res.status, path).toBe(200);
  return res.text();
}

const h2s = (html: string) =>
  [...html.matchAll(/<h2[^>]*>(.*?)<\/h2>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ""));

// One file = one database: the steps build on each other, in order.
describe("pages over published weeks", () => {
  beforeAll(async () => {
    await ingestAt(await fixtureText("seeds/000_6a4379718c0c1abb.txt"), tuesdayOf(WEEK_A));
    await ingestAt(await fixtureText("seeds/002_3a1a5da40a18a229.txt"), tuesdayOf(WEEK_B));
    await ingestAt(await fixtureText("seeds/003_83750b29675ba264.txt"), tuesdayOf(WEEK_C));
    const report = await publishDueWeeks(db(), NOW);
    expect(report.published.map((p) => p.week)).toEqual([WEEK_A, WEEK_B, WEEK_C]);
  });

  it("/ shows the last published week when this week has no new papers, with no preview banner", async () => {
    const html = await page("/");
    expect(html).toContain(`<h1>Week ${WEEK_C}</h1>`);
    expect(html).toMatch(/<p class="sub">[^<]+ · published \d+ \w+ \d{4}, \d\d:\d\d UTC<\/p>/);
    expect(html).not.toContain("Preview:");
  });

  it("/ charts every recent week with its figures in the chart's description", async () => {
    const html = await page("/");
    const desc = /<desc id="chart-desc">(.*?)<\/desc>/.exec(html)?.[1] ?? "";
    expect(desc).toMatch(
      new RegExp(`^${WEEK_A}: 10 papers \\(.+\\)\\. ${WEEK_B}: 8 papers \\(.+\\)\\. ${WEEK_C}: 5 papers`),
    );
    expect(desc).not.toContain("so far");
    expect(html.match(/<rect /g)?.length ?? 0).toBeGreaterThanOrEqual(3);
  });

  it("/digests lists the published weeks newest first", async () => {
    const html = await page("/digests");
    const weeks = [...html.matchAll(/<a href="\/digests\/([^"]+)">/g)].map((m) => m[1]);
    expect(weeks).toEqual([WEEK_C, WEEK_B, WEEK_A]);
    expect(html).not.toContain("badge preview");
    expect(html).toContain("10 new papers · published");
  });

  it("/digests/{week} of a later week lists what was seen before, linked to the week it was first seen", async () => {
    const html = await page(`/digests/${WEEK_C}`);
    expect(h2s(html)).toContain("Seen before");
    const seen = html.slice(html.indexOf('<h2 id="seen-before">'));
    expect(seen).toMatch(new RegExp(`first seen in <a href="/digests/(${WEEK_A}|${WEEK_B})">`));
    expect(seen).toMatch(/(duplicate|near-duplicate, \d+% similar) · first seen/);
  });

  it("a new version this week shows under 'Updated this week' of the week's page", async () => {
    await ingest(
      JSON.stringify({
        id: "2407.21770v2",
        title: "MoMa: efficient early-fusion pre-training with mixture of modality-aware experts",
        abstract:
          "A rewritten abstract for the second version: modality-aware experts, now with more ablations.",
      }),
    );
    const html = await page(`/digests/${CURRENT}`);
    expect(html).toContain("Preview:");
    const updated = html.slice(html.indexOf("<h3>Updated this week</h3>"));
    expect(updated).toContain('<a href="https://arxiv.org/abs/2407.21770">MoMa: efficient early-fusion');
    expect(updated).toContain("arXiv:2407.21770 v2");
    expect(html).toContain("1 new version");
    // No new papers this week: the front page still shows the last published week.
    expect(await page("/")).toContain(`<h1>Week ${WEEK_C}</h1>`);
  });
});
