/**
 * The web pages through the Worker with a real D1: status, content type, what a reader sees,
 * escaping. Papers are ingested through POST /api/ingest now, so they land in the current week.
 * Every test starts from empty tables (beforeEach); those about this week's papers ingest them
 * first (`ingestThisWeek`), so each test can run alone.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { isoWeekOf } from "../../src/digest";
import { ADMIN_TOKEN, call, fixtureText, ingest } from "../support/api";
import { wipeData } from "../support/db";

const SEEDS = ["000_6a4379718c0c1abb.txt", "002_3a1a5da40a18a229.txt", "003_83750b29675ba264.txt"];

async function page(path: string, status = 200): Promise<string> {
  const res = await call(path);
  expect(res.status, path).toBe(status);
  expect(res.headers.get("content-type")).toContain("text/html");
  const html = await res.text();
  expect(html.startsWith('<!doctype html><html lang="en">')).toBe(true);
  return html;
}

/** The three seeds and a record with markup in its title and abstract, ingested now. */
async function ingestThisWeek(): Promise<void> {
  for (const seed of SEEDS) await ingest(await fixtureText(`seeds/${seed}`));
  await ingest(
    JSON.stringify({
      id: "2501.99001",
      title: "<script>alert(1)</script> & friends",
      abstract: "An abstract about <b>bold</b> claims, code at https://github.com/example/repo.",
    }),
  );
}

beforeEach(wipeData);

const h2s = (html: string) =>
  [...html.matchAll(/<h2[^>]*>(.*?)<\/h2>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ""));

describe("pages of an empty bot", () => {
  it("/ says what the bot is, offers search and previews the empty current week", async () => {
    const html = await page("/");
    const week = isoWeekOf(Date.now());
    expect(html).toContain("<strong>arxiv-digest</strong> reads arXiv abstracts");
    expect(html).toContain('<search><form class="search" action="/api/search" method="get">');
    expect(html).toContain(`Week ${week}`);
    expect(html).toContain("this is the week so far");
    expect(html).toContain("No new papers this week yet.");
    expect(html).toContain("No papers yet to chart.");
  });

  it("/ lists the arXiv categories the bot follows, as the admin set them", async () => {
    expect(await page("/")).toContain("Every day the bot fetches new announcements in cs.LG, cs.IR.");
    const put = await call("/api/harvest/config", {
      method: "PUT",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ categories: ["cond-mat.str-el"], queries: ["KV cache"] }),
    });
    expect(put.status, await put.clone().text()).toBe(200);
    const html = await page("/");
    expect(html).toContain("new announcements in cond-mat.str-el, “KV cache”.");
    expect(html).toContain("No harvest has run yet.");
  });

  it("/digests explains that there are no digests yet", async () => {
    expect(await page("/digests")).toContain("No digests yet.");
  });
});

describe("pages with this week's papers", () => {
  beforeEach(ingestThisWeek);

  it("/ shows the preview: figures, themed papers with arXiv links, the chart, all escaped", async () => {
    const html = await page("/");
    const week = isoWeekOf(Date.now());
    expect(html).toMatch(new RegExp(`<h1>Week ${week} <span class="badge preview">preview</span></h1>`));
    expect(html).toMatch(/<strong>\d+ new papers<\/strong> in \d+ themes?/);
    expect(html).toMatch(/\d+ records received: \d+ new/);
    const themes = h2s(html).filter((h) => h !== "Papers per theme, recent weeks" && h !== "Seen before");
    expect(themes.length).toBeGreaterThanOrEqual(2);
    expect(html).toMatch(
      /<a href="https:\/\/arxiv.org\/abs\/2407.21770">MoMa: modality-aware mixture-of-experts/,
    );
    expect(html).toContain('<a href="https://arxiv.org/pdf/2407.21770">PDF</a>');
    expect(html).toContain(
      '<a href="https://github.com/example/repo" rel="nofollow">code: github.com/example/repo</a>',
    );
    expect(html).toContain('role="img" aria-labelledby="chart-title chart-desc"');
    expect(html).toMatch(new RegExp(`<desc id="chart-desc">${week} \\(so far\\): \\d+ papers`));
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; friends");
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).not.toContain("<b>bold</b>");
  });

  it("/digests lists the current week as a preview, linked to its page", async () => {
    const week = isoWeekOf(Date.now());
    const html = await page("/digests");
    expect(html).toContain(
      `<a href="/digests/${week}">Week ${week}</a> <span class="badge preview">preview</span>`,
    );
    expect(html).toMatch(/\d+ new papers · the week so far/);
  });

  it("/digests/{week} shows that week; a lower-case or unpadded week redirects to its one address", async () => {
    const week = isoWeekOf(Date.now());
    const html = await page(`/digests/${week}`);
    expect(html).toContain(`<title>Week ${week} · arxiv-digest</title>`);
    expect(html).toContain("MoMa: modality-aware mixture-of-experts");
    const res = await call(`/digests/${week.toLowerCase().replace("-W0", "-w")}`, { redirect: "manual" });
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe(`/digests/${week}`);
  });
});

describe("page errors are HTML pages with the right status", () => {
  it("400 for something that is not a week, escaped", async () => {
    const html = await page("/digests/%3Cimg%20src%3Dx%3E", 400);
    expect(html).toContain("<h1>That is not a week</h1>");
    expect(html).toContain("&lt;img src=x&gt;");
    expect(html).not.toContain("<img src=x>");
    expect(await page("/digests/2026-W54", 400)).toContain("That is not a week");
  });

  it("404 for a past week without a digest and for a week that has not started", async () => {
    expect(await page("/digests/2001-W01", 404)).toContain("<h1>No digest for 2001-W01</h1>");
    expect(await page("/digests/2099-W01", 404)).toContain("The week 2099-W01 has not started yet.");
  });
});
