/**
 * Unsubscribe tokens are stored hashed (issue #11): D1 holds `sha256:<hex>` of a token derived from
 * the subscription id and TOKEN_SECRET, and the links keep working; rows from before migration 0008
 * (token stored as issued) keep working too.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call } from "../support/api";
import { subscribe, subscriptionStatus } from "../support/deliveries";

const sha256 = async (text: string) =>
  [...new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)))]
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("");

const storedToken = async (id: string) =>
  (await env.DB.prepare("SELECT unsubscribe_token AS t FROM subscriptions WHERE id = ?")
    .bind(id)
    .first<{ t: string }>())!.t;

describe("unsubscribe tokens at rest", () => {
  it("stores only the token's SHA-256, and the issued link still unsubscribes", async () => {
    const created = await subscribe({ channel: "webhook", target: "https://hashed.receiver.example.com/in" });
    const token = new URL(created.unsubscribeUrl).searchParams.get("token")!;
    expect(token).toMatch(/^unsub_[\w-]{43}$/);
    const stored = await storedToken(created.id);
    expect(stored).toBe(`sha256:${await sha256(token)}`);
    const { n } = (await env.DB.prepare(
      "SELECT count(*) AS n FROM subscriptions WHERE unsubscribe_token = ? OR instr(unsubscribe_token, ?) > 0",
    )
      .bind(token, token.slice(6))
      .first<{ n: number }>())!;
    expect(n).toBe(0);

    expect((await call(`/unsubscribe?token=${token}`)).status).toBe(200);
    const res = await call(`/unsubscribe?token=${token}`, { method: "POST" });
    expect(res.status).toBe(200);
    expect(await subscriptionStatus(created.id)).toBe("unsubscribed");
  });

  it("keeps a token stored as issued before migration 0008 working", async () => {
    const legacy = `unsub_${"Q".repeat(43)}`;
    await env.DB.prepare(
      `INSERT INTO subscriptions (id, channel, target, themes, status, manage_token_hash, unsubscribe_token, created_at, confirmed_at, changed_at)
       VALUES ('legacy-1', 'webhook', 'https://legacy.receiver.example.com/in', '[]', 'active', 'legacy-hash', ?, 1, 1, 1)`,
    )
      .bind(legacy)
      .run();
    const page = await call(`/unsubscribe?token=${legacy}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("legacy.receiver.example.com");
    expect((await call(`/unsubscribe?token=${legacy}`, { method: "POST" })).status).toBe(200);
    expect(await subscriptionStatus("legacy-1")).toBe("unsubscribed");
  });

  it("does not take a stored hash as a token", async () => {
    const created = await subscribe({
      channel: "webhook",
      target: "https://hash-as-token.receiver.example.com/in",
    });
    const stored = await storedToken(created.id);
    expect((await call(`/unsubscribe?token=${encodeURIComponent(stored)}`, { method: "POST" })).status).toBe(
      404,
    );
    expect(await subscriptionStatus(created.id)).toBe("active");
  });
});
