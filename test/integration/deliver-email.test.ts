/**
 * E-mail end to end through the real local queue, D1 and miniflare's `send_email` binding (the
 * global MAIL_PROVIDER of the tests is `cloudflare`): subscribe → the confirmation mail → confirm
 * through its link → publish a week → the digest mail, read back from the .eml file the binding
 * wrote and parsed with postal-mime → one-click unsubscribe through its List-Unsubscribe URL.
 *
 * SEQUENTIAL SCENARIO: the `it` blocks below are the steps of one subscriber's story and run in
 * order, each on the state the previous ones left (the subscription, its confirmation mail, the
 * digest mail, kept in the `let`s of the describe). A step run alone (`-t`) fails by design; run
 * the whole file.
 */
import { env, exports } from "cloudflare:workers";
import PostalMime, { type Email } from "postal-mime";
import { beforeAll, describe, expect, it } from "vitest";
import { publishAndFanOut } from "../../src/deliver/publish-and-fan-out";
import { isoWeekOf } from "../../src/digest";
import type { Digest } from "../../src/digest/types";
import { ADMIN_TOKEN, call, fixtureText } from "../support/api";
import { db } from "../support/db";
import { type DeliveryView, subscribe, waitForDeliveries } from "../support/deliveries";
import { ingestAt } from "../support/ingest-at";

const WEEK_MS = 7 * 86_400_000;
const lastWeek = isoWeekOf(Date.now() - WEEK_MS);
const RUN = crypto.randomUUID().slice(0, 8);
const STARTED = Date.now() - 5_000;
const BASE = "https://digest.example.org";

const reader = `reader-${RUN}@example.com`;
const pending = `pending-${RUN}@example.com`;

interface SentFile {
  file: string;
  raw: string;
}

/** The .eml files the binding wrote for an address (test/standins/sent-mail.ts), parsed. */
async function mailsTo(address: string): Promise<Email[]> {
  const res = await env.STANDINS.fetch(
    `http://standins/mail-api/sent-eml?contains=${encodeURIComponent(address)}&since=${STARTED}`,
  );
  expect(res.status).toBe(200);
  const files = (await res.json()) as SentFile[];
  return Promise.all(files.map((f) => PostalMime.parse(f.raw)));
}

/** Polls until `count` mails to the address have been written (the queue consumer runs in the background). */
async function waitForMails(address: string, count: number, timeoutMs = 20_000): Promise<Email[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = await mailsTo(address);
    if (mails.length >= count) return mails;
    if (Date.now() > deadline)
      throw new Error(`${address}: ${mails.length} of ${count} mails after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

const header = (email: Email, name: string) => email.headers.find((h) => h.key === name)?.value;

/** A link of the mail as the Worker serves it (the host of PUBLIC_BASE_URL is not routed in tests). */
function open(url: string, init?: RequestInit): Promise<Response> {
  expect(url.startsWith(`${BASE}/`)).toBe(true);
  return exports.default.fetch(new Request(url, { redirect: "manual", ...init }));
}

async function statusOf(id: string): Promise<string> {
  const res = await call("/api/subscriptions", { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  const { subscriptions } = (await res.json()) as { subscriptions: { id: string; status: string }[] };
  return subscriptions.find((s) => s.id === id)!.status;
}

describe.sequential("scenario: e-mail through the Cloudflare send_email binding, step by step", () => {
  let readerId: string;
  let pendingId: string;
  let confirmation: Email;
  let digestMail: Email;
  let delivery: DeliveryView;
  let digest: Digest;

  beforeAll(async () => {
    await ingestAt(await fixtureText("seeds/000_6a4379718c0c1abb.txt"), Date.now() - WEEK_MS);
  });

  it("sends a confirmation mail, through the queue, for a new e-mail subscription", async () => {
    const created = await subscribe({ channel: "email", target: reader });
    expect(created.status).toBe("pending");
    readerId = created.id;
    pendingId = (await subscribe({ channel: "email", target: pending, query: "graph" })).id;

    confirmation = (await waitForMails(reader, 1))[0]!;
    expect(confirmation.subject).toBe("Confirm your subscription to the weekly arXiv digest");
    expect(confirmation.from).toEqual({ name: "arxiv-digest", address: "digest@example.org" });
    expect(confirmation.messageId).toBe(`<confirm-${readerId}@example.org>`);
    for (const part of [confirmation.text!, confirmation.html!]) {
      expect(part).toContain("Nothing is sent to this address before you confirm.");
      expect(part).toContain(`${BASE}/unsubscribe?token=unsub_`);
    }
    const [pendingMail] = await waitForMails(pending, 1);
    // The caller's keywords are described, never quoted: the mail carries no stranger's free text.
    expect(pendingMail!.text).toContain("only papers matching the keywords given when subscribing");
    expect(pendingMail!.text).not.toContain("graph");
    expect(pendingMail!.html).not.toContain("graph");
  });

  it("confirms through the mailed link: GET shows a page, POST confirms", async () => {
    const link = /https:\/\/digest\.example\.org\/subscriptions\/confirm\?token=[\w%-]+/.exec(
      confirmation.text!,
    )![0];
    expect(confirmation.html).toContain(`href="${link}"`);

    const page = await open(link);
    expect(page.status).toBe(200);
    expect(await statusOf(readerId)).toBe("pending"); // a GET (a link scanner) confirms nothing
    const confirmed = await open(link, { method: "POST" });
    expect(confirmed.status).toBe(200);
    expect(await statusOf(readerId)).toBe("active");
    expect(await statusOf(pendingId)).toBe("pending");
  });

  it("mails the published digest to the confirmed address only", async () => {
    const report = await publishAndFanOut(db(), env.DELIVERY_QUEUE, Date.now());
    expect(report.delivery.digests).toContain(lastWeek);
    const rows = await waitForDeliveries(lastWeek);
    // The unconfirmed address gets no delivery at all.
    expect(rows.map((r) => r.subscription)).toEqual([readerId]);
    delivery = rows[0]!;
    expect(delivery).toMatchObject({ channel: "email", status: "sent", attempts: 1, lastError: null });

    const mails = await waitForMails(reader, 2);
    expect(mails).toHaveLength(2);
    digestMail = mails.find((m) => m.subject?.startsWith("arXiv digest"))!;
    expect((await mailsTo(pending)).map((m) => m.subject)).toEqual([
      "Confirm your subscription to the weekly arXiv digest",
    ]);

    const res = await call(`/api/digests/${lastWeek}`);
    digest = (await res.json()) as Digest;
  });

  it("is the subscriber's digest in both parts: its picks with feedback links, the themes in brief, the list headers", async () => {
    const res = await call(`/api/subscriptions/${readerId}/digest?week=${lastWeek}`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    const brief = (await res.json()) as {
      picks: Array<{ key: string; title: string; tldr: string; links: { abs: string } | null }>;
      themes: Array<{ label: string; url: string }>;
    };
    expect(brief.picks.length).toBe(
      Math.min(
        10,
        digest.themes.reduce((n, t) => n + t.papers.length, 0),
      ),
    );
    const subject = digestMail.subject!;
    expect(subject.startsWith(`arXiv digest ${lastWeek}: `)).toBe(true);
    // The subject names what is in it (the largest themes), not only counts.
    expect(brief.themes.slice(0, 1).every((t) => subject.includes(t.label.slice(0, 30)))).toBe(true);
    expect(digestMail.messageId).toBe(`<digest-${lastWeek}-${delivery.id}@example.org>`);
    const text = digestMail.text!;
    const html = digestMail.html!;
    const escapeHtml = (s: string) =>
      s
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/"/g, "&quot;")
        .replace(/'/g, "&#39;");
    for (const pick of brief.picks) {
      expect(text).toContain(pick.title);
      expect(html).toContain(escapeHtml(pick.title));
      expect(text).toContain(pick.tldr.slice(0, 60));
      if (pick.links) {
        expect(text).toContain(`arXiv: ${pick.links.abs}`);
        expect(html).toContain(`href="${pick.links.abs}"`);
      }
      for (const signal of ["up", "down", "save"]) {
        expect(text).toMatch(
          new RegExp(
            `${BASE}/feedback\\?s=${readerId}&token=rd_[\\w-]{43}&paper=${encodeURIComponent(pick.key).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}&signal=${signal}`,
          ),
        );
      }
    }
    for (const theme of brief.themes) expect(text).toContain(theme.label.slice(0, 60));
    expect(text).toContain(`The full week: ${BASE}/digests/${lastWeek}`);
    expect(html).toContain(`href="${BASE}/digests/${lastWeek}"`);

    expect(header(digestMail, "list-id")).toBe("<digest.digest.example.org>");
    expect(header(digestMail, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    const uris = [...header(digestMail, "list-unsubscribe")!.matchAll(/<([^>]+)>/g)].map((m) => m[1]!);
    expect(uris).toHaveLength(2);
    expect(uris[0]).toMatch(/^https:\/\/digest\.example\.org\/unsubscribe\?token=unsub_[\w-]{43}$/);
    const token = new URL(uris[0]!).searchParams.get("token")!;
    expect(uris[1]).toBe(`mailto:unsubscribe@example.org?subject=unsubscribe%20${token}`);
    expect(text).toContain(`Unsubscribe (one click, no login): ${uris[0]}`);
  });

  it("is GET-safe: every link of the mail fetched (as a mail scanner does) records nothing and unsubscribes no one", async () => {
    const links = new Set(
      [...digestMail.html!.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&")),
    );
    for (const url of digestMail.text!.match(/https:\/\/digest\.example\.org\/\S+/g) ?? []) links.add(url);
    const ours = [...links].filter((url) => url.startsWith(`${BASE}/`));
    expect(ours.filter((u) => u.includes("/feedback?")).length).toBeGreaterThanOrEqual(3);
    for (const url of ours) {
      const res = await open(url);
      expect(res.status, url).toBeLessThan(400);
      await res.arrayBuffer();
    }
    const signals = await call(`/api/subscriptions/${readerId}/feedback`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(((await signals.json()) as { signals: unknown[] }).signals).toEqual([]);
    expect(await statusOf(readerId)).toBe("active");

    // The feedback page's button (a POST) is what records: 👍 on the first pick.
    const up = ours.find((u) => u.includes("/feedback?") && u.endsWith("&signal=up"))!;
    const params = new URL(up).searchParams;
    const form = new URLSearchParams({
      s: params.get("s")!,
      token: params.get("token")!,
      paper: params.get("paper")!,
      signal: "up",
    });
    const pressed = await open(`${BASE}/feedback`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form.toString(),
    });
    expect(pressed.status).toBeLessThan(400);
    const after = await call(`/api/subscriptions/${readerId}/feedback`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(((await after.json()) as { signals: Array<{ paper: string; signal: string }> }).signals).toEqual([
      expect.objectContaining({ paper: params.get("paper"), signal: "up", by: null }),
    ]);
  });

  it("unsubscribes with one POST to the List-Unsubscribe URL (RFC 8058): 200, no redirect, idempotent", async () => {
    const https = /<(https:[^>]+)>/.exec(header(digestMail, "list-unsubscribe")!)![1]!;
    const post = () =>
      open(https, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
      });
    const first = await post();
    expect(first.status).toBe(200);
    expect(first.headers.get("location")).toBeNull();
    expect(await statusOf(readerId)).toBe("unsubscribed");
    expect((await post()).status).toBe(200);
    expect(await statusOf(readerId)).toBe("unsubscribed");
  });
});
