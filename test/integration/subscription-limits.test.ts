/**
 * Limits of the public subscription routes (issue #11): RFC 5321 address lengths, body caps, a
 * malformed multipart form, and the per-client rate limit (429 + Retry-After, contract shape).
 * Each request comes from its own client address unless the test is about one client.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ADMIN_TOKEN, call, freshClientIp } from "../support/api";

const subscriptionCount = async () =>
  (await env.DB.prepare("SELECT count(*) AS n FROM subscriptions").first<{ n: number }>())!.n;

const postJson = (body: string, headers: Record<string, string> = {}) =>
  call("/api/subscriptions", {
    method: "POST",
    headers: { "content-type": "application/json", "cf-connecting-ip": freshClientIp(), ...headers },
    body,
  });

describe("e-mail address lengths (RFC 5321)", () => {
  it("refuses a local part over 64 characters or an address over 254, storing nothing", async () => {
    const before = await subscriptionCount();
    const longLocal = `${"a".repeat(65)}@example.org`;
    const longDomain = `reader@${"d".repeat(60)}.${"e".repeat(60)}.${"f".repeat(60)}.${"g".repeat(60)}.ab.org`;
    expect(longDomain.length).toBeGreaterThan(254);
    for (const target of [longLocal, longDomain]) {
      const res = await postJson(JSON.stringify({ channel: "email", target }));
      expect(res.status, target).toBe(400);
      expect(await res.json()).toEqual({ error: { code: "invalid_target", message: expect.any(String) } });
    }
    const form = await call("/subscribe", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "cf-connecting-ip": freshClientIp() },
      body: new URLSearchParams({ email: longLocal }).toString(),
    });
    expect(form.status).toBe(400);
    expect(await subscriptionCount()).toBe(before);
  });

  it("accepts the longest addresses that are allowed", async () => {
    const local = "b".repeat(64);
    const res = await postJson(JSON.stringify({ channel: "email", target: `${local}@example.org` }));
    expect(res.status, await res.clone().text()).toBe(201);
  });
});

describe("bodies", () => {
  it("answers a malformed multipart form with the form page and a 400, storing nothing", async () => {
    const before = await subscriptionCount();
    const res = await call("/subscribe", {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=xyz", "cf-connecting-ip": freshClientIp() },
      body: '--xyz\r\nContent-Disposition: form-data; name="email"\r\n\r\nbroken@example.org',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(await res.text()).toContain("The form could not be read");
    expect(await subscriptionCount()).toBe(before);
  });

  it("refuses a subscription body over the cap with 413 payload_too_large, storing nothing", async () => {
    const before = await subscriptionCount();
    // The cap leaves room for a whole BibTeX export in the interests (1,000,000 characters).
    const huge = JSON.stringify({
      channel: "email",
      target: "big@example.org",
      query: "x".repeat(1_600_000),
    });
    const res = await postJson(huge);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { code: "payload_too_large", message: expect.any(String) } });
    const form = await call("/subscribe", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "cf-connecting-ip": freshClientIp() },
      body: new URLSearchParams({ email: "big@example.org", query: "y".repeat(1_600_000) }).toString(),
    });
    expect(form.status).toBe(413);
    expect(await subscriptionCount()).toBe(before);
  });
});

describe("per-client rate limit", () => {
  it("answers 429 with Retry-After in the contract's shape once a client sends too many", async () => {
    const ip = freshClientIp();
    const statuses: number[] = [];
    let refused: Response | null = null;
    // The limiter counts in fixed one-minute windows: should one end mid-loop, the next allows ten
    // more, so a 429 comes within 21 requests either way.
    for (let i = 0; i < 25 && refused === null; i++) {
      const res = await postJson(JSON.stringify({ channel: "email", target: `many-${i}@example.org` }), {
        "cf-connecting-ip": ip,
      });
      statuses.push(res.status);
      if (res.status === 429) refused = res;
      else await res.body?.cancel();
    }
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(refused).not.toBeNull();
    expect(Number(refused!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused!.json()).toEqual({ error: { code: "rate_limited", message: expect.any(String) } });
    // The form shares the client's budget.
    const form = await call("/subscribe", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "cf-connecting-ip": ip },
      body: new URLSearchParams({ email: "form@example.org" }).toString(),
    });
    expect(form.status).toBe(429);
    // Other clients, and the admin from the same address, are not held back.
    const other = await postJson(JSON.stringify({ channel: "email", target: "other-client@example.org" }));
    expect(other.status).toBe(201);
    const admin = await postJson(JSON.stringify({ channel: "email", target: "admin-sent@example.org" }), {
      "cf-connecting-ip": ip,
      authorization: `Bearer ${ADMIN_TOKEN}`,
    });
    expect(admin.status).toBe(201);
  });
});
