/**
 * The digest and confirmation mails as a recipient's mail program sees them: built to MIME, parsed
 * back with postal-mime, both parts complete (every paper, every link), the list headers, escaping.
 */
import PostalMime, { type Email } from "postal-mime";
import { describe, expect, it } from "vitest";
import type { SubscriptionRow } from "../../../src/db/queries/subscriptions";
import { confirmationMessage, digestMessage } from "../../../src/deliver/email";
import { digestSubject } from "../../../src/deliver/email/digest-mail";
import { toMime } from "../../../src/deliver/email/mime";
import type { OutgoingDigest } from "../../../src/deliver/types";
import { filterDigest } from "../../../src/digest/filter-digest";
import type { Digest } from "../../../src/digest/types";
import type { DeliveryConfig } from "../../../src/env";
import {
  BASE,
  type BriefOptions,
  briefFor,
  largeDigest,
  READER_TOKEN,
  sampleReaderLinks,
} from "../../support/sample-brief";
import { sampleDigest, samplePaper, sampleTheme } from "../../support/sample-digest";

const CONFIG: DeliveryConfig = {
  publicBaseUrl: BASE,
  mailFrom: "arxiv-digest <digest@example.org>",
  mailProvider: "cloudflare",
  mailApiKey: undefined,
  mailApiUrl: undefined,
  slackBotToken: undefined,
  slackApiUrl: "https://slack.standin.test/api",
  webhookAllowLoopback: false,
  tokenSecret: "test-token-secret",
};
const TOKEN = `unsub_${"A".repeat(43)}`;
const NOW = Date.parse("2026-02-16T08:00:05Z");

function subscription(overrides: Partial<SubscriptionRow> = {}): SubscriptionRow {
  return {
    id: "sub-1",
    channel: "email",
    target: "ada@example.com",
    themes: [],
    query: null,
    digestSize: null,
    status: "active",
    manageTokenHash: "x",
    unsubscribeTokenStored: TOKEN,
    confirmTokenHash: null,
    webhookSecret: null,
    statusReason: null,
    createdAt: NOW,
    confirmedAt: NOW,
    changedAt: NOW,
    ...overrides,
  };
}

function outgoing(digest: Digest, sub = subscription(), options: BriefOptions = {}): OutgoingDigest {
  const opts = { themes: sub.themes, query: sub.query, ...options };
  return {
    deliveryId: 42,
    subscription: sub,
    digest: filterDigest(digest, { themes: sub.themes, query: sub.query }),
    brief: briefFor(digest, opts),
    links: {
      ...sampleReaderLinks(digest.week),
      unsubscribe: `${BASE}/unsubscribe?token=${encodeURIComponent(TOKEN)}`,
    },
    unsubscribeToken: TOKEN,
  };
}

async function mailOf(
  digest: Digest,
  sub = subscription(),
  options: BriefOptions = {},
): Promise<{ raw: string; email: Email; out: OutgoingDigest }> {
  const out = outgoing(digest, sub, options);
  const raw = toMime(digestMessage(CONFIG, out, NOW));
  return { raw, email: await PostalMime.parse(raw), out };
}

function header(email: Email, name: string): string | undefined {
  return email.headers.find((h) => h.key === name.toLowerCase())?.value;
}

const escapeHtml = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
const hrefs = (html: string) =>
  [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));

describe("the digest mail", () => {
  it("has a subject that names the themes (or the top pick), sender, recipient, a stable Message-ID", async () => {
    const { email } = await mailOf(sampleDigest());
    expect(email.subject).toBe(
      "arXiv digest 2026-W07: “Mixture of experts” and “Graph neural networks” · 4 new papers",
    );
    expect(email.from).toEqual({ name: "arxiv-digest", address: "digest@example.org" });
    expect(email.to).toEqual([{ address: "ada@example.com", name: "" }]);
    expect(email.messageId).toBe("<digest-2026-W07-42@example.org>");
    expect(new Date(email.date!).getTime()).toBe(Math.floor(NOW / 1000) * 1000);
    // Built again (a retry): the same Message-ID, so the resend can be recognised.
    expect((await mailOf(sampleDigest())).email.messageId).toBe(email.messageId);
    const ranked = await mailOf(sampleDigest(), subscription(), { profileOrder: ["arxiv:2602.05555"] });
    expect(ranked.email.subject).toBe(
      "arXiv digest 2026-W07: “Message passing on hypergraphs” and 3 more picks",
    );
  });

  it("carries List-Id, List-Unsubscribe (https and mailto) and one-click List-Unsubscribe-Post", async () => {
    const { email } = await mailOf(sampleDigest());
    expect(header(email, "List-Id")).toBe("<digest.digest.example.org>");
    const unsubscribe = header(email, "List-Unsubscribe")!.replace(/\s+/g, " ");
    expect(unsubscribe).toBe(
      `<${BASE}/unsubscribe?token=${TOKEN}>, <mailto:unsubscribe@example.org?subject=unsubscribe%20${TOKEN}>`,
    );
    expect(header(email, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
  });

  it("lists every pick in both parts: title, authors, TL;DR, why, arXiv and PDF links, three feedback links", async () => {
    const { email, out } = await mailOf(sampleDigest());
    const html = email.html!;
    const text = email.text!;
    expect(out.brief.picks.length).toBe(4);
    for (const pick of out.brief.picks) {
      expect(html).toContain(escapeHtml(pick.title));
      expect(text).toContain(pick.title);
      expect(html).toContain(escapeHtml(pick.tldr));
      expect(text).toContain(pick.tldr);
      expect(html).toContain(escapeHtml(pick.why));
      if (pick.links) {
        expect(hrefs(html)).toContain(pick.links.abs);
        expect(hrefs(html)).toContain(pick.links.pdf);
        expect(text).toContain(`arXiv: ${pick.links.abs}`);
      }
      for (const signal of ["up", "down", "save"]) {
        const url = `${BASE}/feedback?s=sub-1&token=${READER_TOKEN}&paper=${encodeURIComponent(pick.key)}&signal=${signal}`;
        expect(hrefs(html)).toContain(url);
        expect(text).toContain(url);
      }
    }
    // The themes in brief, the updated papers and the records seen before.
    for (const part of [html, text]) {
      expect(part).toContain("The week’s themes");
      expect(part).toContain("Updated this week");
      expect(part).toContain("Routing revisited");
      expect(part).toContain("Seen before");
      expect(part).toContain("An old favourite");
    }
  });

  it("links to the subscriber's page, interests, feed, the full week and the one-click unsubscribe", async () => {
    const { email, out } = await mailOf(sampleDigest());
    const { links } = out;
    for (const url of [links.page, links.interests, links.feed, links.web, links.unsubscribe]) {
      expect(hrefs(email.html!)).toContain(url);
    }
    expect(email.text).toContain(`Unsubscribe (one click, no login): ${links.unsubscribe}`);
    expect(email.text).toContain(`The full week: ${links.web}`);
    expect(email.text).toContain(`Your page (picks, feedback, interests): ${links.page}`);
    expect(email.text).toContain(
      "ada@example.com subscribed to the weekly arXiv digest of digest.example.org",
    );
  });

  it("is a phone-friendly page: viewport, one fluid column, inline styles, no tables, no style sheet", async () => {
    const { email } = await mailOf(sampleDigest());
    const html = email.html!;
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain("max-width:640px");
    expect(html).not.toMatch(/<table|<style|<script|class="/i);
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
  });

  it("escapes what comes from abstracts and never links a non-web URL", async () => {
    const hostile = "<img src=x onerror=alert(1)> & \"quoted\" 'single'";
    const digest = sampleDigest({
      themes: [
        sampleTheme({
          id: "t9",
          label: "<b>Bold</b> label",
          terms: ["<i>term</i>"],
          papers: [
            samplePaper({
              title: hostile,
              tldr: "</div><script>alert(2)</script>",
              authors: ["<Eve>"],
              links: { abs: "javascript:alert(3)", pdf: "https://arxiv.org/pdf/1?a=1&b=2" },
            }),
          ],
        }),
      ],
      seenBefore: [],
    });
    const { email } = await mailOf(digest);
    const html = email.html!;
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<b>Bold");
    expect(html).not.toContain("<Eve>");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quoted&quot; &#39;single&#39;");
    expect(html).toContain("&lt;b&gt;Bold&lt;/b&gt; label");
    expect(html).toContain('href="https://arxiv.org/pdf/1?a=1&amp;b=2"');
    expect(html).not.toContain('href="javascript:');
    // Plain text is not HTML: it shows the text as it is.
    expect(email.text).toContain(hostile);
  });

  it("says when the digest was filtered, and counts only what the subscriber gets", async () => {
    const sub = subscription({ themes: ["t2"], query: "hypergraphs" });
    const { email } = await mailOf(sampleDigest(), sub);
    expect(email.subject).toBe("arXiv digest 2026-W07: “Graph neural networks” · 1 new paper");
    expect(email.text).toContain(
      "Filtered for you: only the theme you chose, only papers that mention “hypergraphs”.",
    );
    expect(email.text).toContain("1 new paper in 1 theme.");
    expect(email.text).toContain("Message passing on hypergraphs");
    expect(email.text).not.toContain("A lonely paper");
    expect(email.html).not.toContain("A lonely paper");
  });

  it("words the subject for weeks with only updates", () => {
    const onlyUpdated = sampleDigest({
      themes: [
        sampleTheme({ papers: [], updated: [samplePaper({ verdict: "new-version", latestVersion: 2 })] }),
      ],
    });
    expect(digestSubject(briefFor(onlyUpdated))).toBe("arXiv digest 2026-W07: 1 updated paper");
  });

  it("fits any week: a 1,500-paper week with 50 long picks stays within 100 KB of HTML and 250 KB in all", async () => {
    for (const size of [10, 50]) {
      const week = largeDigest(1_500, 40);
      const { raw, email, out } = await mailOf(week, subscription(), { size });
      expect(out.brief.picks).toHaveLength(size);
      expect(new TextEncoder().encode(email.html!).length).toBeLessThanOrEqual(100_000);
      expect(new TextEncoder().encode(raw).length).toBeLessThanOrEqual(250_000);
      // Whatever was left out, the unsubscribe link and the page with the rest are there.
      expect(hrefs(email.html!)).toContain(out.links.unsubscribe);
      expect(hrefs(email.html!)).toContain(out.links.page);
      expect(email.text).toContain(out.links.unsubscribe);
      // The first picks are always in (budgeted from the top).
      expect(email.html).toContain(
        `${BASE}/feedback?s=sub-1&amp;token=${READER_TOKEN}&amp;paper=${encodeURIComponent(out.brief.picks[0]!.key)}`,
      );
    }
  });
});

describe("the confirmation mail", () => {
  const links = {
    confirm: `${BASE}/subscriptions/confirm?token=confirm_${"B".repeat(43)}`,
    unsubscribe: `${BASE}/unsubscribe?token=${TOKEN}`,
  };

  async function confirmation(sub: SubscriptionRow, labels?: Map<string, string>) {
    const raw = toMime(confirmationMessage(CONFIG, sub, links, NOW, labels));
    return PostalMime.parse(raw);
  }

  it("says what was subscribed, links to confirm, promises nothing before it, and can be cancelled", async () => {
    const sub = subscription({ status: "pending", themes: ["t1", "t7"], query: "sparse <routing>" });
    const email = await confirmation(sub, new Map([["t1", "Mixture of experts"]]));
    expect(email.subject).toBe("Confirm your subscription to the weekly arXiv digest");
    expect(email.messageId).toBe("<confirm-sub-1@example.org>");
    expect(email.to).toEqual([{ address: "ada@example.com", name: "" }]);
    for (const part of [email.text!, email.html!]) {
      expect(part).toContain("ada@example.com");
      expect(part).toContain("digest.example.org");
      expect(part).toContain("Nothing is sent to this address before you confirm.");
    }
    expect(email.text).toContain(`Confirm the subscription:\n${links.confirm}`);
    // The caller's keywords are described, never quoted (issue #11: no stranger's free text in a mail).
    expect(email.text).toContain(
      "the themes “Mixture of experts”, “t7”, only papers matching the keywords given when subscribing",
    );
    expect(email.text).not.toContain("sparse");
    expect(email.text).toContain(`Cancel this subscription: ${links.unsubscribe}`);
    expect(email.html).toContain(`href="${links.confirm}"`);
    expect(email.html).toContain(`href="${links.unsubscribe}"`);
    expect(email.html).not.toContain("sparse");
    // Not a list mail: no one-click header on the confirmation.
    expect(email.headers.some((h) => h.key.startsWith("list-"))).toBe(false);
  });

  it("says 'every theme' without filters", async () => {
    const email = await confirmation(subscription({ status: "pending" }));
    expect(email.text).toContain("What you asked for: every theme.");
  });
});
