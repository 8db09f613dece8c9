/**
 * The raw MIME the `send_email` binding gets: RFC 5322 line rules (CRLF only, folded headers,
 * body lines within 76 characters), quoted-printable and encoded words that decode back exactly.
 */
import PostalMime from "postal-mime";
import { describe, expect, it } from "vitest";
import { parseMailbox } from "../../../src/deliver/email/mailbox";
import type { MailMessage } from "../../../src/deliver/email/message";
import { encodeHeaderText, rfc5322Date, toMime } from "../../../src/deliver/email/mime";
import { encodeQuotedPrintable } from "../../../src/deliver/email/quoted-printable";

function message(overrides: Partial<MailMessage> = {}): MailMessage {
  return {
    from: { name: "arxiv-digest", address: "digest@example.org" },
    to: "ada@example.com",
    subject: "arXiv digest 2026-W47: 23 new papers in 4 themes",
    html: "<p>Hello</p>",
    text: "Hello",
    messageId: "<digest-2026-W47-1@example.org>",
    date: Date.parse("2026-11-23T08:00:00Z"),
    headers: {
      "List-Id": "<digest.digest.example.org>",
      "List-Unsubscribe": `<https://digest.example.org/unsubscribe?token=unsub_${"x".repeat(43)}>, <mailto:unsubscribe@example.org?subject=unsubscribe%20unsub_${"x".repeat(43)}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
    idempotencyKey: "digest/2026-W47/1",
    ...overrides,
  };
}

/** A decoded part without the blank line mimetext leaves before each boundary. */
const body = (part: string | undefined) => (part ?? "").replace(/\n+$/, "");

const TRICKY = [
  "Ünïcödé – “quotes” — 数学 🧮 and = signs = everywhere",
  `${"a long line without any break ".repeat(20)}end`,
  "trailing spaces   ",
  "trailing tab\t",
  ".a line starting with a dot",
  "From the start of a line",
  "",
  "=3D is not an escape here",
].join("\n");

describe("quoted-printable", () => {
  it("keeps every line within 76 characters and decodes back to the same text", async () => {
    const encoded = encodeQuotedPrintable(TRICKY);
    for (const line of encoded.split("\r\n")) {
      expect(line.length).toBeLessThanOrEqual(76);
      expect(line).toMatch(/^[!-~ \t]*$/);
      expect(line).not.toMatch(/[ \t]$/);
    }
    const raw = toMime(message({ text: TRICKY, html: `<pre>${TRICKY}</pre>` }));
    const parsed = await PostalMime.parse(raw);
    expect(body(parsed.text)).toBe(TRICKY);
    expect(body(parsed.html)).toBe(`<pre>${TRICKY}</pre>`);
  });
});

describe("the raw message", () => {
  it("uses CRLF only, folds long headers and keeps lines within 78 characters (a URI is never split)", () => {
    const raw = toMime(message({ text: TRICKY }));
    expect(raw).not.toMatch(/[^\r]\n/);
    expect(raw).not.toMatch(/\r[^\n]/);
    const lines = raw.split("\r\n");
    for (const line of lines) {
      expect(line.length).toBeLessThanOrEqual(998);
      // List-Unsubscribe has one URI per line; a URI must stay whole, however long its token.
      if (!/^(List-Unsubscribe: | )<[^\s<>]+>,?$/.test(line)) expect(line.length).toBeLessThanOrEqual(78);
    }
    expect(lines).toContain(
      `List-Unsubscribe: <https://digest.example.org/unsubscribe?token=unsub_${"x".repeat(43)}>,`,
    );
    expect(raw).toContain("\r\nMIME-Version: 1.0\r\n");
    expect(raw).toContain('From: "arxiv-digest" <digest@example.org>');
    expect(raw).toContain("Date: Mon, 23 Nov 2026 08:00:00 +0000");
    expect(raw).toContain("Content-Type: multipart/alternative;");
    expect(raw).toContain("Content-Transfer-Encoding: quoted-printable");
    // A readable ASCII subject stays readable.
    expect(raw).toContain("Subject: arXiv digest 2026-W47: 23 new papers in 4 themes\r\n");
  });

  it("puts the plain-text part first and the HTML part last (the preferred one)", async () => {
    const raw = toMime(message());
    expect(raw.indexOf("text/plain")).toBeLessThan(raw.indexOf("text/html"));
    const parsed = await PostalMime.parse(raw);
    expect(body(parsed.text)).toBe("Hello");
    expect(body(parsed.html)).toBe("<p>Hello</p>");
  });

  it("encodes non-ASCII subjects and names as RFC 2047 words of at most 75 characters", async () => {
    const subject = "Übersicht: ".concat("Ähnliche Arbeiten über Graphen ".repeat(4), "🧮");
    const raw = toMime(
      message({ subject, from: { name: "arXiv-Digest für Ünï", address: "digest@example.org" } }),
    );
    for (const word of raw.match(/=\?UTF-8\?B\?[^?]*\?=/g) ?? []) expect(word.length).toBeLessThanOrEqual(75);
    const parsed = await PostalMime.parse(raw);
    expect(parsed.subject).toBe(subject);
    expect(parsed.from).toEqual({ name: "arXiv-Digest für Ünï", address: "digest@example.org" });
  });

  it("cannot be given extra headers through the subject or a header value", async () => {
    const raw = toMime(
      message({
        subject: "Hi\r\nBcc: eve@example.com",
        headers: { "List-Id": "<a>\r\nBcc: eve@example.com" },
      }),
    );
    const parsed = await PostalMime.parse(raw);
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.headers.filter((h) => h.key === "bcc")).toEqual([]);
  });

  it("helpers: dates, header words, mailboxes", () => {
    expect(rfc5322Date(Date.parse("2026-02-16T08:00:05Z"))).toBe("Mon, 16 Feb 2026 08:00:05 +0000");
    expect(encodeHeaderText("plain words", 7)).toBe("plain words");
    expect(parseMailbox("arxiv-digest <digest@example.com>")).toEqual({
      name: "arxiv-digest",
      address: "digest@example.com",
    });
    expect(parseMailbox('"Digest, the bot" <d@example.com>')).toEqual({
      name: "Digest, the bot",
      address: "d@example.com",
    });
    expect(parseMailbox("d@example.com")).toEqual({ name: "", address: "d@example.com" });
  });
});
