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
import type { Digest, DigestPaper } from "../../../src/digest/types";
import type { DeliveryConfig } from "../../../src/env";
import { sampleDigest, samplePaper, sampleTheme } from "../../support/sample-digest";

const BASE = "https://digest.example.org";
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

function outgoing(digest: Digest, sub = subscription()): OutgoingDigest {
  return {
    deliveryId: 42,
    subscription: sub,
    digest,
    links: {
      web: `${BASE}/digests/${digest.week}`,
      unsubscribe: `${BASE}/unsubscribe?token=${encodeURIComponent(TOKEN)}`,
    },
    unsubscribeToken: TOKEN,
  };
}

async function mailOf(digest: Digest, sub = subscription()): Promise<{ raw: string; email: Email }> {
  const raw = toMime(digestMessage(CONFIG, outgoing(digest, sub), NOW));
  return { raw, email: await PostalMime.parse(raw) };
}

function header(email: Email, name: string): string | undefined {
  return email.headers.find((h) => h.key === name.toLowerCase())?.value;
}

function allPapers(digest: Digest): DigestPaper[] {
  return digest.themes.flatMap((t) => [...t.papers, ...t.updated]);
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

describe("the digest mail", () => {
  it("has the subject, sender, recipient, a stable Message-ID and a Date", async () => {
    const { email } = await mailOf(sampleDigest());
    expect(email.subject).toBe("arXiv digest 2026-W07: 4 new papers in 2 themes");
    expect(email.from).toEqual({ name: "arxiv-digest", address: "digest@example.org" });
    expect(email.to).toEqual([{ address: "ada@example.com", name: "" }]);
    expect(email.messageId).toBe("<digest-2026-W07-42@example.org>");
    expect(new Date(email.date!).getTime()).toBe(Math.floor(NOW / 1000) * 1000);
    // Built again (a retry): the same Message-ID, so the resend can be recognised.
    expect((await mailOf(sampleDigest())).email.messageId).toBe(email.messageId);
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

  it("has a complete HTML part and a complete plain-text part: every paper, its arXiv, PDF and code links", async () => {
    const digest = sampleDigest();
    const { email } = await mailOf(digest);
    const html = email.html!;
    const text = email.text!;
    const papers = allPapers(digest);
    expect(papers.length).toBe(5);
    for (const paper of papers) {
      expect(html).toContain(escapeHtml(paper.title));
      expect(text).toContain(paper.title);
      if (paper.links) {
        expect(html).toContain(`href="${paper.links.abs}"`);
        expect(html).toContain(`href="${paper.links.pdf}"`);
        expect(text).toContain(`arXiv: ${paper.links.abs}`);
        expect(text).toContain(`PDF: ${paper.links.pdf}`);
      }
      if (paper.summary) {
        expect(html).toContain(escapeHtml(paper.summary));
        expect(text).toContain(paper.summary);
      }
    }
    expect(html).toContain('href="https://github.com/example/moe"');
    expect(html).toContain("code: github.com/example/moe");
    expect(text).toContain("Code: https://github.com/example/moe");
    // The theme sections, "other" last under the web page's heading, "updated" and "seen before".
    for (const part of [html, text]) {
      const order = ["Mixture of experts", "Graph neural networks", "Other papers", "Seen before"].map((s) =>
        part.indexOf(s),
      );
      expect(order.every((i) => i >= 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      expect(part).toContain("Updated this week");
      expect(part).toContain("An old favourite");
      expect(part).toContain("near-duplicate, 93% similar");
      expect(part).toContain("key terms: routing, sparse");
    }
    expect(html).toContain("new theme");
    expect(text).toContain("Mixture of experts (new theme)");
    expect(text).toContain("arXiv:2511.00042 v3");
  });

  it("links to the web digest and to the one-click unsubscribe in both parts", async () => {
    const { email } = await mailOf(sampleDigest());
    const web = `${BASE}/digests/2026-W07`;
    const unsubscribe = `${BASE}/unsubscribe?token=${TOKEN}`;
    expect(email.html).toContain(`href="${web}"`);
    expect(email.html).toContain(`href="${unsubscribe}"`);
    expect(email.text).toContain(`On the web: ${web}`);
    expect(email.text).toContain(`Unsubscribe (one click, no login): ${unsubscribe}`);
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
              summary: "</div><script>alert(2)</script>",
              authors: ["<Eve>"],
              codeLinks: ["javascript:alert(3)", "https://github.com/ok/repo?a=1&b=2"],
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
    expect(html).toContain('href="https://github.com/ok/repo?a=1&amp;b=2"');
    expect(html).not.toContain("javascript:");
    expect(email.text).not.toContain("javascript:");
    // Plain text is not HTML: it shows the text as it is.
    expect(email.text).toContain(hostile);
  });

  it("says when the digest was filtered, and counts only what the subscriber gets", async () => {
    const sub = subscription({ themes: ["t2"], query: "hypergraphs" });
    const filtered = filterDigest(sampleDigest(), { themes: sub.themes, query: sub.query });
    const { email } = await mailOf(filtered, sub);
    expect(email.subject).toBe("arXiv digest 2026-W07: 1 new paper in 1 theme");
    expect(email.text).toContain(
      "Filtered for you: only the theme you chose, only papers that mention “hypergraphs”.",
    );
    expect(email.text).toContain("Message passing on hypergraphs");
    expect(email.text).not.toContain("A lonely paper");
    expect(email.html).not.toContain("A lonely paper");
  });

  it("words the subject for weeks with only updates, and for papers outside any theme", () => {
    const onlyUpdated = sampleDigest({
      themes: [
        sampleTheme({ papers: [], updated: [samplePaper({ verdict: "new-version", latestVersion: 2 })] }),
      ],
    });
    expect(digestSubject(onlyUpdated)).toBe("arXiv digest 2026-W07: 1 updated paper");
    const onlyOther = sampleDigest({
      themes: [
        sampleTheme({ id: "other", kind: "other", label: "Other", papers: [samplePaper(), samplePaper()] }),
      ],
    });
    expect(digestSubject(onlyOther)).toBe("arXiv digest 2026-W07: 2 new papers");
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
