/**
 * A subscription's own page and its feedback page as a reader uses them, in Debian's Chromium,
 * against the real Worker (`wrangler dev`, fresh local D1, the sample abstracts ingested this week,
 * so the page shows the week so far): phone and desktop widths, a 👍 button that stays pressed after
 * a reload, and a feedback link from the page whose GET records nothing until its button is pressed.
 * The reader token is derived here from .dev.vars as deliveries derive it; the Worker checks it.
 * Screenshots go to test-artifacts/.
 */
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalBot } from "../../scripts/lib/wrangler-process";
import { readerTokenOf } from "../../src/security/reader-token";
import { type Browser, chromiumPresent, launchChromium, requireChromium } from "./support/chromium";
import { devAdminToken, ingestExamples, REPO_ROOT, startBot } from "./support/local-bot";
import {
  ARTIFACTS,
  DESKTOP,
  expectNoSidewaysScroll,
  expectReadable,
  PHONE,
  shoot,
} from "./support/page-checks";

/** The key of the derived tokens `wrangler dev` runs with: TOKEN_SECRET, else ADMIN_TOKEN (src/env.ts). */
async function devTokenSecret(): Promise<string> {
  const vars = await readFile(path.join(REPO_ROOT, ".dev.vars"), "utf8");
  return /^TOKEN_SECRET=(.*)$/m.exec(vars)?.[1]?.trim() || (await devAdminToken());
}

interface Signal {
  paper: string;
  signal: string;
}

describe.runIf(chromiumPresent() || process.env.CI)("a subscriber's page in Chromium", () => {
  let scratch: string;
  let bot: LocalBot | undefined;
  let browser: Browser | undefined;
  let adminToken: string;
  let id: string;
  let pageUrl: string;
  /** The pick whose 👍 the reader presses. */
  let liked: string;

  beforeAll(async () => {
    requireChromium();
    scratch = await mkdtemp(path.join(tmpdir(), "arxiv-digest-browser-"));
    await mkdir(ARTIFACTS, { recursive: true });
    bot = await startBot(path.join(scratch, "d1"));
    expect(await ingestExamples(bot.url)).toBeGreaterThan(10);
    adminToken = await devAdminToken();
    // A webhook subscription (active at once); the page is the same for every channel.
    const res = await fetch(`${bot.url}/api/subscriptions`, {
      method: "POST",
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
      body: JSON.stringify({
        channel: "webhook",
        target: "https://reader-page.receiver.example.com/hook",
        interests: { keywords: ["graph"], authors: ["Ada Lovelace"] },
      }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    id = ((await res.json()) as { id: string }).id;
    const token = await readerTokenOf(id, await devTokenSecret());
    pageUrl = `${bot.url}/s/${id}?token=${token}`;
    browser = await launchChromium(path.join(scratch, "profile"), bot.url);
  });

  afterAll(async () => {
    await browser?.context.close();
    await bot?.stop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  async function open(url: string, viewport = PHONE): Promise<Page> {
    const page = await browser!.context.newPage();
    await page.setViewportSize(viewport);
    const res = await page.goto(url);
    expect(res?.status()).toBe(200);
    expect(res?.headers()["referrer-policy"]).toBe("no-referrer");
    return page;
  }

  /** The subscription's signals, as the admin reads them. */
  async function signals(): Promise<Signal[]> {
    const res = await fetch(`${bot!.url}/api/subscriptions/${id}/feedback`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { signals: Signal[] }).signals.map(({ paper, signal }) => ({
      paper,
      signal,
    }));
  }

  it("on a phone: the week so far, the picks with their buttons, the interests, no sideways scroll", async () => {
    const page = await open(pageUrl);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toMatch(/^Week \d{4}-W\d{2} PREVIEW$/);
    const picks = page.locator("ol.picks > li");
    expect(await picks.count()).toBe(10);
    for (const pick of (await picks.all()).slice(0, 3)) {
      expect(await pick.locator(".paper-title a").getAttribute("href")).toMatch(
        /^https:\/\/arxiv\.org\/abs\//,
      );
      expect(await pick.getByText(/^Why: /).isVisible()).toBe(true);
      for (const name of ["👍 More like this", "👎 Less like this", "🔖 Save"]) {
        expect(await pick.getByRole("button", { name, pressed: false }).isVisible()).toBe(true);
      }
    }
    const interests = page.locator("section[aria-labelledby=interests]");
    expect(await interests.getByRole("heading", { level: 2 }).innerText()).toBe("Interests");
    expect(await interests.getByText("Ada Lovelace").isVisible()).toBe(true);
    expect(await page.getByRole("heading", { level: 2, name: "The whole week for you" }).isVisible()).toBe(
      true,
    );
    await expectNoSidewaysScroll(page);
    await expectReadable(page);
    await shoot(page, "subscriber-page-phone");
    await page.close();
  });

  it("a 👍 pressed on the page is recorded and shows pressed after a reload", async () => {
    const page = await open(pageUrl);
    const first = page.locator("ol.picks > li").first();
    const anchor = (await first.getAttribute("id"))!;
    await first.getByRole("button", { name: "👍 More like this" }).click();
    await page.waitForURL(new RegExp(`#${anchor}$`));
    await page.reload();
    const item = page.locator(`[id="${anchor}"]`);
    expect(await item.getByRole("button", { name: "👍 More like this", pressed: true }).isVisible()).toBe(
      true,
    );
    expect(await page.getByRole("button", { pressed: true }).count()).toBe(1);
    liked = (await signals())[0]!.paper;
    expect(await signals()).toEqual([{ paper: liked, signal: "up" }]);
    expect(anchor).toBe(`pick-${liked.replace(/[^A-Za-z0-9_-]/g, "-")}`);
    await page.close();
  });

  it("on a desktop: a readable column, the pressed 👍 still there", async () => {
    const page = await open(pageUrl, DESKTOP);
    const main = await page.locator("main").boundingBox();
    expect(main!.width).toBeLessThanOrEqual(800);
    expect(await page.getByRole("button", { name: "👍 More like this", pressed: true }).count()).toBe(1);
    await expectNoSidewaysScroll(page);
    await expectReadable(page);
    await shoot(page, "subscriber-page-desktop");
    await page.close();
  });

  it("a feedback link from the page: opening it records nothing, its button does", async () => {
    const page = await open(pageUrl);
    const link = page.locator("a.mark").first();
    const href = (await link.getAttribute("href"))!;
    expect(href).toMatch(/^\/feedback\?s=.+&token=rd_.+&paper=.+&signal=up$/);
    await link.click();
    await page.waitForURL((url) => url.pathname === "/feedback");
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("More papers like this one?");
    expect(await page.getByRole("button").count()).toBe(1);
    await page.reload();
    // As a mail scanner would: opened twice, nothing pressed.
    expect(await signals()).toEqual([{ paper: liked, signal: "up" }]);
    expect(await page.getByRole("link", { name: "its interests" }).getAttribute("href")).toBe(
      `${new URL(pageUrl).pathname}${new URL(pageUrl).search}#interests`,
    );
    await expectNoSidewaysScroll(page);
    await expectReadable(page);
    await shoot(page, "feedback-page-phone");

    await page.getByRole("button", { name: "👍 More like this" }).click();
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Recorded");
    await expectReadable(page);
    const paper = new URL(href, bot!.url).searchParams.get("paper")!;
    expect(await signals()).toEqual(
      expect.arrayContaining([
        { paper: liked, signal: "up" },
        { paper, signal: "up" },
      ]),
    );
    expect(await signals()).toHaveLength(2);
    await page.close();
  });

  it("the pages asked for nothing outside the bot", () => {
    expect(browser!.blocked).toEqual([]);
  });
});
