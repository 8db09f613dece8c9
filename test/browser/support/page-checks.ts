/** What every browser test checks on a page, and its screenshot in test-artifacts/. */
import path from "node:path";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { REPO_ROOT } from "./local-bot";
import { headingLevels, lowContrastText, outlineProblems } from "./readability";

export const ARTIFACTS = path.join(REPO_ROOT, "test-artifacts");
export const PHONE = { width: 375, height: 812 };
export const DESKTOP = { width: 1280, height: 900 };

/** The page is as wide as the window: nothing to scroll sideways. */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement!.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

/** Readable: every text at least 4.5:1 on its background, one h1 and no skipped heading level. */
export async function expectReadable(page: Page): Promise<void> {
  expect(await lowContrastText(page)).toEqual([]);
  expect(outlineProblems(await headingLevels(page))).toEqual([]);
}

export const shoot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
