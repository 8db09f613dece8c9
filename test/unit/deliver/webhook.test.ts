import { env } from "cloudflare:workers";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import type { SubscriptionRow } from "../../../src/db/queries/subscriptions";
import type { OutgoingDigest, SenderContext } from "../../../src/deliver/types";
import {
  createWebhookSender,
  outcomeOf,
  parseRetryAfter,
  signedRequest,
  USER_AGENT,
  webhookMessageId,
} from "../../../src/deliver/webhook";
import type { DeliveryConfig } from "../../../src/env";
import { newWebhookSecret } from "../../../src/security/tokens";
import { briefFor, sampleReaderLinks } from "../../support/sample-brief";
import { sampleDigest } from "../../support/sample-digest";

const NOW = Date.parse("2026-03-02T08:00:00Z");
const SECRET = newWebhookSecret();

const config: DeliveryConfig = {
  publicBaseUrl: "https://digest.example.org",
  mailFrom: "x <x@example.org>",
  mailProvider: "cloudflare",
  mailApiKey: undefined,
  mailApiUrl: undefined,
  slackBotToken: undefined,
  slackApiUrl: "https://slack.com/api",
  webhookAllowLoopback: false,
  tokenSecret: "test-token-secret",
};

function outgoing(overrides: Partial<SubscriptionRow> = {}): OutgoingDigest {
  return {
    deliveryId: 42,
    digest: sampleDigest(),
    brief: briefFor(sampleDigest()),
    links: sampleReaderLinks("2026-W07"),
    unsubscribeToken: "unsub_x",
    subscription: {
      id: "sub-1",
      channel: "webhook",
      target: "https://hooks.example.com/in?team=7",
      themes: [],
      query: null,
      digestSize: null,
      status: "active",
      manageTokenHash: "h",
      unsubscribeTokenStored: "unsub_x",
      confirmTokenHash: null,
      webhookSecret: SECRET,
      statusReason: null,
      createdAt: NOW,
      confirmedAt: NOW,
      changedAt: NOW,
      ...overrides,
    },
  };
}

interface Sent {
  url: string;
  init: RequestInit;
}

/** A sender whose fetch is `answer`, recording what it was asked to send. */
function senderWith(
  answer: (init: RequestInit) => Promise<Response>,
  opts: { timeoutMs?: number; allowLoopback?: boolean; now?: number } = {},
) {
  const sent: Sent[] = [];
  const ctx: SenderContext = {
    config: { ...config, webhookAllowLoopback: opts.allowLoopback ?? false },
    env,
    now: () => opts.now ?? Date.now(),
  };
  const sender = createWebhookSender(ctx, {
    timeoutMs: opts.timeoutMs,
    fetch: async (input, init = {}) => {
      sent.push({ url: String(input), init });
      return answer(init);
    },
  });
  return { sender, sent };
}

const respond =
  (status: number, body = "", headers: Record<string, string> = {}) =>
  async () =>
    new Response(status === 204 ? null : body, { status, headers });

describe("Standard Webhooks signing (inside workerd)", () => {
  it("signs so that the standardwebhooks library verifies, and only the exact bytes", () => {
    const body = JSON.stringify({ type: "digest.published", data: { week: "2026-W09" } });
    const { headers } = signedRequest(SECRET, "msg_1", Date.now(), body);
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(headers["webhook-timestamp"]).toMatch(/^\d{10}$/);
    expect(new Webhook(SECRET).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(SECRET).verify(body.replace("W09", "W10"), headers)).toThrow(/signature/);
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow(/signature/);
  });

  it("matches a hand-computed HMAC-SHA256 over id.timestamp.body (Web Crypto)", async () => {
    const body = '{"a":1}';
    const { headers } = signedRequest(SECRET, "msg_x", NOW + 999, body);
    expect(headers["webhook-timestamp"]).toBe(String(NOW / 1000));
    const key = await crypto.subtle.importKey(
      "raw",
      Uint8Array.from(atob(SECRET.slice("whsec_".length)), (c) => c.charCodeAt(0)),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    const mac = await crypto.subtle.sign(
      "HMAC",
      key,
      new TextEncoder().encode(`msg_x.${NOW / 1000}.${body}`),
    );
    const expected = btoa(String.fromCharCode(...new Uint8Array(mac)));
    expect(headers["webhook-signature"]).toBe(`v1,${expected}`);
  });

  it("keeps the message id stable per delivery", () => {
    expect(webhookMessageId("2026-W09", 42)).toBe("msg_digest_2026-W09_42");
    expect(webhookMessageId("2026-W09", 42)).toBe(webhookMessageId("2026-W09", 42));
  });
});

describe("the webhook sender", () => {
  it("POSTs the signed digest.published event, without following redirects, with a timeout", async () => {
    const { sender, sent } = senderWith(respond(204));
    const item = outgoing();
    expect(await sender.sendDigest(item)).toEqual({ kind: "sent", detail: "HTTP 204" });
    expect(sent).toHaveLength(1);
    const [{ url, init }] = sent as [Sent];
    expect(url).toBe("https://hooks.example.com/in?team=7");
    expect(init.method).toBe("POST");
    expect(init.redirect).toBe("manual");
    expect(init.signal).toBeInstanceOf(AbortSignal);
    const headers = init.headers as Record<string, string>;
    expect(headers).toMatchObject({
      "content-type": "application/json",
      "user-agent": USER_AGENT,
      "webhook-id": "msg_digest_2026-W07_42",
    });
    const payload = new Webhook(SECRET).verify(String(init.body), headers);
    expect(payload).toEqual({
      type: "digest.published",
      timestamp: item.digest.generatedAt,
      // The whole (filtered) digest, plus the subscription's ranked picks (issue #14).
      data: JSON.parse(
        JSON.stringify({ ...item.digest, picks: item.brief.picks, ranking: item.brief.ranking }),
      ),
    });
    const picks = (
      payload as { data: { picks: Array<{ key: string; score: number; why: string; tldr: string }> } }
    ).data.picks;
    expect(picks.length).toBeGreaterThan(0);
    for (const pick of picks) {
      expect(typeof pick.score).toBe("number");
      expect(pick.why.length).toBeGreaterThan(0);
      expect(pick.tldr.length).toBeGreaterThan(0);
    }
  });

  it("sends the same webhook-id and body on every attempt, a fresh timestamp each time", async () => {
    let now = Date.now();
    const sent: Sent[] = [];
    const sender = createWebhookSender(
      { config, env, now: () => now },
      {
        fetch: async (input, init = {}) => {
          sent.push({ url: String(input), init });
          return new Response("busy", { status: 503 });
        },
      },
    );
    await sender.sendDigest(outgoing());
    now += 5_000;
    await sender.sendDigest(outgoing());
    const [a, b] = sent.map((s) => s.init.headers as Record<string, string>) as [
      Record<string, string>,
      Record<string, string>,
    ];
    expect(a["webhook-id"]).toBe(b["webhook-id"]);
    expect(sent[0]!.init.body).toBe(sent[1]!.init.body);
    expect(Number(b["webhook-timestamp"]) - Number(a["webhook-timestamp"])).toBe(5);
  });

  it("re-checks the target before sending: unsafe URLs fail without a request", async () => {
    for (const target of [
      "http://hooks.example.com/in",
      "https://127.0.0.1/in",
      "https://[::1]/in",
      "https://localhost/in",
      "https://metadata.internal/in",
      "https://user:pw@hooks.example.com/in",
    ]) {
      const { sender, sent } = senderWith(respond(204));
      const outcome = await sender.sendDigest(outgoing({ target }));
      expect(outcome, target).toMatchObject({
        kind: "failed",
        error: expect.stringMatching(/^webhook URL refused/),
      });
      expect(sent, target).toHaveLength(0);
    }
  });

  it("reaches loopback receivers only with WEBHOOK_ALLOW_LOOPBACK", async () => {
    const { sender, sent } = senderWith(respond(200), { allowLoopback: true });
    expect(await sender.sendDigest(outgoing({ target: "http://127.0.0.1:9000/hook" }))).toMatchObject({
      kind: "sent",
    });
    expect(sent[0]!.url).toBe("http://127.0.0.1:9000/hook");
  });

  it("fails without a whsec_ secret", async () => {
    const { sender, sent } = senderWith(respond(204));
    expect(await sender.sendDigest(outgoing({ webhookSecret: null }))).toMatchObject({ kind: "failed" });
    expect(sent).toHaveLength(0);
  });

  it("maps receiver answers to outcomes, keeping the status and a short excerpt", async () => {
    const cases: [Response, object][] = [
      [new Response("ok", { status: 200 }), { kind: "sent", detail: "HTTP 200" }],
      [new Response(null, { status: 202 }), { kind: "sent" }],
      [
        new Response("endpoint deleted", { status: 410 }),
        { kind: "disable", error: expect.stringMatching(/^HTTP 410.*endpoint deleted/) },
      ],
      [
        new Response("oops", { status: 500 }),
        { kind: "retry", error: expect.stringMatching(/^HTTP 500: oops$/) },
      ],
      [new Response("", { status: 502 }), { kind: "retry", error: expect.stringMatching(/^HTTP 502/) }],
      [
        new Response("slow down", { status: 429, headers: { "retry-after": "120" } }),
        { kind: "retry", retryAfterMs: 120_000 },
      ],
      [new Response("", { status: 408 }), { kind: "retry" }],
      [
        new Response("", { status: 302, headers: { location: "http://169.254.169.254/latest" } }),
        {
          kind: "failed",
          error: expect.stringMatching(/^HTTP 302.*redirects are not followed; Location: http:\/\/169\.254/),
        },
      ],
      [
        new Response("", { status: 301 }),
        { kind: "failed", error: expect.stringContaining("redirects are not followed") },
      ],
      [
        new Response("bad signature", { status: 401 }),
        { kind: "failed", error: expect.stringMatching(/^HTTP 401.*bad signature/) },
      ],
      [new Response("", { status: 404 }), { kind: "failed" }],
      [new Response("", { status: 400 }), { kind: "failed" }],
    ];
    for (const [response, expected] of cases) {
      const { sender } = senderWith(async () => response);
      expect(await sender.sendDigest(outgoing()), String(response.status)).toEqual(
        expect.objectContaining(expected),
      );
    }
  });

  it("keeps only the start of a long error body, on one line", async () => {
    const long = `<html>\n<body>${"x".repeat(100_000)}</body></html>`;
    const { sender } = senderWith(respond(500, long));
    const outcome = await sender.sendDigest(outgoing());
    expect(outcome.kind).toBe("retry");
    const error = (outcome as { error: string }).error;
    expect(error.length).toBeLessThan(260);
    expect(error).toMatch(/^HTTP 500: <html> <body>x+…$/);
  });

  it("retries after a timeout and after a network error", async () => {
    const { sender } = senderWith(
      (init) =>
        new Promise((_, reject) => {
          init.signal?.addEventListener("abort", () => reject(init.signal?.reason));
        }),
      { timeoutMs: 50 },
    );
    const started = Date.now();
    expect(await sender.sendDigest(outgoing())).toEqual({ kind: "retry", error: "no answer within 0.05 s" });
    expect(Date.now() - started).toBeLessThan(5_000);

    const broken = senderWith(async () => {
      throw new TypeError("connection reset");
    });
    expect(await broken.sender.sendDigest(outgoing())).toEqual({
      kind: "retry",
      error: "network error: connection reset",
    });
  });
});

describe("Retry-After", () => {
  it("reads delay-seconds and HTTP dates", () => {
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter("0", NOW)).toBe(0);
    expect(parseRetryAfter(" 30 ", NOW)).toBe(30_000);
    expect(parseRetryAfter(new Date(NOW + 90_000).toUTCString(), NOW)).toBe(90_000);
    expect(parseRetryAfter("Mon, 02 Mar 2026 07:00:00 GMT", NOW)).toBe(0);
    for (const junk of ["soon", "-5", "1.5", "", "in 5 minutes"])
      expect(parseRetryAfter(junk, NOW), junk).toBeUndefined();
  });

  it("is honoured on retryable answers only", () => {
    const date = new Date(NOW + 600_000).toUTCString();
    expect(outcomeOf(new Response("", { status: 503, headers: { "retry-after": date } }), "", NOW)).toEqual({
      kind: "retry",
      error: "HTTP 503",
      retryAfterMs: 600_000,
    });
    expect(outcomeOf(new Response("", { status: 400, headers: { "retry-after": "5" } }), "", NOW)).toEqual({
      kind: "failed",
      error: "HTTP 400",
    });
  });
});
