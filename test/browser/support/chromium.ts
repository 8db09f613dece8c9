/**
 * Debian's Chromium, driven by playwright-core (which never downloads a browser of its own):
 * headless, no sandbox (CI runs as root), a fresh profile, and no network but the bot under test.
 */
import { existsSync } from "node:fs";
import { type BrowserContext, chromium } from "playwright-core";

/** Debian's Chromium; CHROMIUM_PATH names another build (or a missing one, to try the skip). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Whether the browser tests can run; without Chromium they fail under CI and are skipped (loudly) elsewhere. */
export function chromiumPresent(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  const message =
    `${CHROMIUM_PATH} is missing: the browser tests need Debian's chromium ` +
    "(sudo apt-get install -y --no-install-recommends chromium).";
  if (process.env.CI) return false; // The suite runs and its first hook fails with `message`.
  console.warn(`\n${"!".repeat(78)}\n!! SKIPPING the browser tests: ${message}\n${"!".repeat(78)}\n`);
  return false;
}

export function requireChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `${CHROMIUM_PATH} is missing and CI is set: install Debian's chromium ` +
        "(apt-get install -y --no-install-recommends chromium); .ci/run does this.",
    );
  }
}

// Without the background-networking flags Chromium keeps trying Google's hosts, which this machine refuses.
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Browser {
  context: BrowserContext;
  /** Every request the pages tried outside `allowedOrigin` (each was aborted). */
  blocked: string[];
}

/** Chromium with a fresh profile in `userDataDir`; requests anywhere but `allowedOrigin` are aborted and listed. */
export async function launchChromium(userDataDir: string, allowedOrigin: string): Promise<Browser> {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    chromiumSandbox: false,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
    timeout: 60_000,
  });
  const blocked: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(`${allowedOrigin}/`) || url === allowedOrigin) return route.continue();
    blocked.push(url);
    return route.abort("blockedbyclient");
  });
  return { context, blocked };
}
