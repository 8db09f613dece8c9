/**
 * Subscribing by e-mail as a reader does it, in Debian's Chromium on a phone, against the real
 * Worker (`wrangler dev`, fresh local D1, MAIL_PROVIDER=cloudflare): the form, the confirmation mail
 * the bot really sent (miniflare writes it to an .eml file), its confirm link (the page's button
 * confirms, the GET alone does not), its unsubscribe link, and a link that was never issued.
 * Screenshots go to test-artifacts/.
 */
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import type { Email } from "postal-mime";
import { parse } from "smol-toml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalBot } from "../../scripts/lib/wrangler-process";
import { type Browser, chromiumPresent, launchChromium, requireChromium } from "./support/chromium";
import { devAdminToken, REPO_ROOT, startBot } from "./support/local-bot";
import { linksTo, waitForMail } from "./support/mailbox";
import { ARTIFACTS, expectNoSidewaysScroll, expectReadable, PHONE, shoot } from "./support/page-checks";

/** wrangler.toml's PUBLIC_BASE_URL, read from the file: the origin of the links in mails. */
const PUBLIC_BASE_URL = (
  parse(await readFile(path.join(REPO_ROOT, "wrangler.toml"), "utf8")) as {
    vars: { PUBLIC_BASE_URL: string };
  }
).vars.PUBLIC_BASE_URL;
const THEME = { id: "graph-learning", name: "Graph learning" };

describe.runIf(chromiumPresent() || process.env.CI)("subscribing by e-mail in Chromium", () => {
  let scratch: string;
  let bot: LocalBot | undefined;
  let browser: Browser | undefined;
  let adminToken: string;
  // A fresh address per run: other wrangler processes on this machine write .eml files too.
  const address = `reader-${randomBytes(6).toString("hex")}@example.org`;
  let submittedAt: number;
  let mail: Email;

  beforeAll(async () => {
    requireChromium();
    scratch = await mkdtemp(path.join(tmpdir(), "arxiv-digest-browser-"));
    await mkdir(ARTIFACTS, { recursive: true });
    bot = await startBot(path.join(scratch, "d1"));
    adminToken = await devAdminToken();
    // A published theme to choose (operator themes are stored at once; found ones when a week is published).
    const res = await fetch(`${bot.url}/api/themes/${THEME.id}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
      body: JSON.stringify({ name: THEME.name, keywords: ["graph neural network"] }),
    });
    expect(res.status).toBe(200);
    browser = await launchChromium(path.join(scratch, "profile"), bot.url);
  });

  afterAll(async () => {
    await browser?.context.close();
    await bot?.stop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  async function phonePage(): Promise<Page> {
    const page = await browser!.context.newPage();
    await page.setViewportSize(PHONE);
    return page;
  }

  /** The subscription as the admin sees it (GET /api/subscriptions never shows a token). */
  async function subscription(): Promise<{ status: string; themes: string[]; query: string | null }> {
    const res = await fetch(`${bot!.url}/api/subscriptions`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(res.status).toBe(200);
    const { subscriptions } = (await res.json()) as {
      subscriptions: Array<{ target: string; status: string; themes: string[]; query: string | null }>;
    };
    const mine = subscriptions.filter((s) => s.target === address);
    expect(mine).toHaveLength(1);
    return mine[0]!;
  }

  /** The one link in the mail to `pathname`, made to point at this bot (the mail names PUBLIC_BASE_URL). */
  function mailLink(pathname: string): string {
    const links = linksTo(mail, pathname);
    expect(links.length).toBeGreaterThan(0);
    expect(new Set(links.map((l) => l.href)).size).toBe(1);
    const link = links[0]!;
    expect(link.origin).toBe(PUBLIC_BASE_URL);
    return `${bot!.url}${link.pathname}${link.search}`;
  }

  it("the subscribe form on a phone: reached from the navigation, filled in, 'check your inbox'", async () => {
    const page = await phonePage();
    await page.goto(`${bot!.url}/`);
    await page.getByRole("navigation", { name: "Site" }).getByRole("link", { name: "Subscribe" }).click();
    await page.waitForURL(`${bot!.url}/subscribe`);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Subscribe");

    const themes = page.getByRole("group", { name: "Themes (optional)" });
    expect(await themes.getByRole("checkbox").count()).toBe(1);
    await expectNoSidewaysScroll(page);
    await expectReadable(page);
    await shoot(page, "subscribe-phone");

    await page.getByLabel("E-mail address").fill(address);
    await themes.getByRole("checkbox", { name: THEME.name }).check();
    await page.getByLabel("Keywords (optional)").fill("message passing");
    submittedAt = Date.now() - 1_000;
    await page.getByRole("button", { name: "Subscribe" }).click();

    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Check your inbox");
    expect(await page.getByRole("status").innerText()).toBe(
      `A confirmation mail is on its way to ${address}.`,
    );
    await expectNoSidewaysScroll(page);
    await expectReadable(page);
    await shoot(page, "subscribe-check-inbox-phone");
    await page.close();

    expect(await subscription()).toEqual(
      expect.objectContaining({ status: "pending", themes: [THEME.id], query: "message passing" }),
    );
  });

  it("an address the bot refuses comes back on the same form: the problem announced, the entries kept", async () => {
    const page = await phonePage();
    await page.goto(`${bot!.url}/subscribe`);
    // The browser's own check lets a dotless domain through; the bot's does not.
    await page.getByLabel("E-mail address").fill("reader@localhost");
    await page.getByRole("checkbox", { name: THEME.name }).check();
    const answer = page.waitForResponse((r) => r.request().method() === "POST");
    await page.getByRole("button", { name: "Subscribe" }).click();
    expect((await answer).status()).toBe(400);

    expect(await page.getByRole("alert").innerText()).toBe(
      "Not subscribed yet. Enter an e-mail address, like name@example.org.",
    );
    const email = page.getByLabel("E-mail address");
    expect(await email.inputValue()).toBe("reader@localhost");
    expect(await email.getAttribute("aria-invalid")).toBe("true");
    expect(await email.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByRole("checkbox", { name: THEME.name }).isChecked()).toBe(true);
    await expectNoSidewaysScroll(page);
    await expectReadable(page);
    await shoot(page, "subscribe-refused-phone");
    await page.close();
  });

  it("the bot mails a confirmation to the address, with a confirm and an unsubscribe link", async () => {
    expect(submittedAt).toBeDefined();
    ({ email: mail } = await waitForMail(address, submittedAt));
    expect(mail.subject).toBe("Confirm your subscription to the weekly arXiv digest");
    expect(mail.text).toContain(`“${THEME.name}”`);
    // The keywords are the caller's free text: described in the mail, shown only on the confirm page.
    expect(mail.text).toContain("only papers matching the keywords given when subscribing");
    expect(mail.text).not.toContain("message passing");
    // The HTML part carries the same links as the text part.
    for (const pathname of ["/subscriptions/confirm", "/unsubscribe"]) {
      expect(mail.html).toContain(linksTo(mail, pathname)[0]?.href);
      mailLink(pathname);
    }
  });

  it("the confirm link opens a page whose button confirms; opening it alone confirms nothing", async () => {
    const page = await phonePage();
    const res = await page.goto(mailLink("/subscriptions/confirm"));
    expect(res?.status()).toBe(200);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Confirm your subscription");
    expect(await page.getByText(`theme “${THEME.name}”; papers matching “message passing”`).isVisible()).toBe(
      true,
    );
    const button = page.getByRole("button", { name: "Confirm subscription" });
    expect(await button.isVisible()).toBe(true);
    await expectNoSidewaysScroll(page);
    await expectReadable(page);
    await shoot(page, "confirm-phone");
    // As a mail scanner would: the link was opened (twice), nothing pressed.
    await page.reload();
    expect((await subscription()).status).toBe("pending");

    await button.click();
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Subscribed");
    await expectReadable(page);
    await shoot(page, "confirmed-phone");
    await page.close();
    expect((await subscription()).status).toBe("active");
  });

  it("the unsubscribe link opens a page whose button unsubscribes", async () => {
    const page = await phonePage();
    const res = await page.goto(mailLink("/unsubscribe"));
    expect(res?.status()).toBe(200);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Unsubscribe");
    await expectNoSidewaysScroll(page);
    await expectReadable(page);
    await shoot(page, "unsubscribe-phone");
    expect((await subscription()).status).toBe("active");

    await page.getByRole("button", { name: "Unsubscribe" }).click();
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Unsubscribed");
    expect(await page.getByText("You will not receive the digest any more.").isVisible()).toBe(true);
    await expectReadable(page);
    await shoot(page, "unsubscribed-phone");
    await page.close();
    expect((await subscription()).status).toBe("unsubscribed");
  });

  it("a link that was never issued is a 404 page", async () => {
    const page = await phonePage();
    for (const link of [
      `/subscriptions/confirm?token=confirm_${"A".repeat(43)}`,
      `/unsubscribe?token=unsub_${"B".repeat(43)}`,
      "/unsubscribe?token=",
    ]) {
      const res = await page.goto(`${bot!.url}${link}`);
      expect(res?.status()).toBe(404);
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("This link is not valid");
      expect(await page.getByRole("button").count()).toBe(0);
      await expectReadable(page);
    }
    await shoot(page, "invalid-link-phone");
    await page.close();
  });

  it("the pages asked for nothing outside the bot", () => {
    expect(browser!.blocked).toEqual([]);
  });
});
