/**
 * The pages as a reader sees them, in Debian's Chromium, served by the real Worker (`wrangler dev`,
 * fresh local D1, the sample abstracts ingested this week). Screenshots go to test-artifacts/.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalBot } from "../../scripts/lib/wrangler-process";
import { type Browser, chromiumPresent, launchChromium, requireChromium } from "./support/chromium";
import { ingestExamples, startBot } from "./support/local-bot";
import {
  ARTIFACTS,
  DESKTOP,
  expectNoSidewaysScroll,
  expectReadable,
  PHONE,
  shoot,
} from "./support/page-checks";

const ABS_HREF = /^https:\/\/arxiv\.org\/abs\/(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})(v\d+)?$/;
const PDF_HREF = /^https:\/\/arxiv\.org\/pdf\/(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})(v\d+)?$/;

describe.runIf(chromiumPresent() || process.env.CI)("the pages in Chromium", () => {
  let scratch: string;
  let bot: LocalBot | undefined;
  let browser: Browser | undefined;
  let week: string;

  beforeAll(async () => {
    requireChromium();
    scratch = await mkdtemp(path.join(tmpdir(), "arxiv-digest-browser-"));
    await mkdir(ARTIFACTS, { recursive: true });
    bot = await startBot(path.join(scratch, "d1"));
    expect(await ingestExamples(bot.url)).toBeGreaterThan(10);
    browser = await launchChromium(path.join(scratch, "profile"), bot.url);
  });

  afterAll(async () => {
    await browser?.context.close();
    await bot?.stop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  async function open(pathname: string, viewport = PHONE): Promise<Page> {
    const page = await browser!.context.newPage();
    await page.setViewportSize(viewport);
    const res = await page.goto(`${bot!.url}${pathname}`);
    expect(res?.headers()["content-type"]).toContain("text/html");
    return page;
  }

  it("/ on a phone: the week so far, its themes and papers with arXiv links, the chart, no sideways scroll", async () => {
    const page = await open("/");
    const h1 = page.getByRole("heading", { level: 1 });
    const heading = await h1.innerText();
    expect(heading).toMatch(/^Week \d{4}-W\d{2} PREVIEW$/);
    week = heading.slice(5, 13);

    expect(await page.getByRole("note").innerText()).toMatch(
      /Preview: this is the week so far .* will be published on Monday .* at 08:00 UTC\./s,
    );
    expect(await page.getByText(/arxiv-digest reads arXiv abstracts/).isVisible()).toBe(true);
    expect(await page.getByRole("searchbox", { name: "Search papers" }).isVisible()).toBe(true);

    // Theme sections: each headed by an h2 with the theme's label, holding papers.
    const themes = page.locator("section[aria-labelledby^='theme-']");
    expect(await themes.count()).toBeGreaterThanOrEqual(2);
    for (const theme of await themes.all()) {
      expect((await theme.getByRole("heading", { level: 2 }).innerText()).trim()).not.toBe("");
      expect(await theme.locator(".papers > li").count()).toBeGreaterThan(0);
    }
    // Papers no theme took, if any, come last.
    const labels = await themes.getByRole("heading", { level: 2 }).allInnerTexts();
    if (labels.includes("Other papers")) expect(labels.at(-1)).toBe("Other papers");

    const abs = await page
      .locator(".paper-title a")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(abs.length).toBeGreaterThan(10);
    for (const href of abs) expect(href).toMatch(ABS_HREF);
    const pdf = await page
      .getByRole("link", { name: "PDF" })
      .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(pdf.length).toBeGreaterThan(10);
    for (const href of pdf) expect(href).toMatch(PDF_HREF);
    const code = page.getByRole("link", { name: /^code: github\.com\// });
    expect(await code.count()).toBeGreaterThan(0);

    // The chart: an image whose accessible name and description carry the figures.
    const chart = page.getByRole("img", { name: /^New papers per theme/ });
    expect(await chart.isVisible()).toBe(true);
    expect(await chart.locator("desc").textContent()).toMatch(
      new RegExp(`${week} \\(so far\\): \\d+ papers \\(`),
    );
    expect(await chart.locator("rect").count()).toBeGreaterThanOrEqual(2);
    const box = await chart.boundingBox();
    expect(box!.width).toBeLessThanOrEqual(PHONE.width);

    await expectNoSidewaysScroll(page);
    await expectReadable(page);
    await shoot(page, "home-phone");
    await page.close();
  });

  it("/ on a desktop: a readable column, the same digest", async () => {
    const page = await open("/", DESKTOP);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toContain(week);
    const main = await page.locator("main").boundingBox();
    expect(main!.width).toBeLessThanOrEqual(800);
    expect(await page.locator("section[aria-labelledby^='theme-']").count()).toBeGreaterThanOrEqual(2);
    await expectNoSidewaysScroll(page);
    await shoot(page, "home-desktop");
    await page.close();
  });

  it("the archive lists this week; following it opens /digests/{week}", async () => {
    const page = await open("/digests");
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Archive");
    const link = page.getByRole("link", { name: `Week ${week}` });
    expect(await link.isVisible()).toBe(true);
    await expectNoSidewaysScroll(page);
    await expectReadable(page);
    await shoot(page, "archive-phone");

    await link.click();
    await page.waitForURL(`${bot!.url}/digests/${week}`);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toMatch(new RegExp(`^Week ${week}`));
    expect(await page.locator("section[aria-labelledby^='theme-']").count()).toBeGreaterThanOrEqual(2);
    await expectNoSidewaysScroll(page);
    await expectReadable(page);
    await shoot(page, "week-phone");
    await page.close();
  });

  it("an unknown week is a 404 page that leads back to the archive", async () => {
    const page = await browser!.context.newPage();
    await page.setViewportSize(PHONE);
    const res = await page.goto(`${bot!.url}/digests/2001-W01`);
    expect(res?.status()).toBe(404);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("No digest for 2001-W01");
    expect(await page.getByRole("link", { name: "archive", exact: true }).getAttribute("href")).toBe(
      "/digests",
    );
    await expectReadable(page);
    await shoot(page, "unknown-week-phone");
    await page.close();
  });

  it("the pages asked for nothing outside the bot", () => {
    expect(browser!.blocked).toEqual([]);
  });
});
