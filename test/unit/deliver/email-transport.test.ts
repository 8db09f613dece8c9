/**
 * The two transports against what they talk to: Resend's API (the local stand-in, with scripted
 * failures) and miniflare's real `send_email` binding; and how each failure becomes an outcome.
 */
import { env } from "cloudflare:workers";
import PostalMime from "postal-mime";
import { describe, expect, it } from "vitest";
import { createTransport, digestMessage } from "../../../src/deliver/email";
import { bindingErrorOutcome, cloudflareTransport } from "../../../src/deliver/email/cloudflare-transport";
import type { MailMessage } from "../../../src/deliver/email/message";
import { resendErrorOutcome, resendTransport } from "../../../src/deliver/email/resend-transport";
import { retryAfterMs } from "../../../src/deliver/email/transport";
import type { DeliveryConfig } from "../../../src/env";
import type { RecordedRequest, ScriptedResponse } from "../../standins/types";
import { briefFor, sampleReaderLinks } from "../../support/sample-brief";
import { sampleDigest } from "../../support/sample-digest";

const KEY = "test-mail-api-key";

/** Each test its own API host, so scripted answers and recorded requests are its own. */
function apiBase(): string {
  return `https://t-${crypto.randomUUID()}.mail-api.standin.test`;
}

function message(overrides: Partial<MailMessage> = {}): MailMessage {
  const id = crypto.randomUUID();
  return {
    from: { name: "arxiv-digest", address: "digest@example.org" },
    to: `reader-${id}@example.com`,
    subject: "arXiv digest 2026-W07: 4 new papers in 2 themes",
    html: "<p>The digest</p>",
    text: "The digest",
    messageId: `<digest-2026-W07-${id}@example.org>`,
    date: Date.now(),
    headers: {
      "List-Id": "<digest.digest.example.org>",
      "List-Unsubscribe":
        "<https://digest.example.org/unsubscribe?token=t>, <mailto:unsubscribe@example.org>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
    idempotencyKey: `digest/2026-W07/${id}`,
    ...overrides,
  };
}

async function script(target: string, answers: ScriptedResponse[]) {
  const res = await env.STANDINS.fetch(`http://standins/script?target=${encodeURIComponent(target)}`, {
    method: "POST",
    body: JSON.stringify(answers),
  });
  expect(res.ok).toBe(true);
}

async function requestsTo(base: string): Promise<RecordedRequest[]> {
  const res = await env.STANDINS.fetch(
    `http://standins/mail-api/requests?contains=${encodeURIComponent(base)}`,
  );
  return (await res.json()) as RecordedRequest[];
}

describe("Resend transport", () => {
  it("posts the mail as Resend's JSON with the key, an Idempotency-Key and the list headers", async () => {
    const base = apiBase();
    const mail = message();
    const outcome = await resendTransport({ apiKey: KEY, baseUrl: base }).send(mail);
    expect(outcome).toMatchObject({ kind: "sent" });
    expect(outcome.kind === "sent" && outcome.detail).toMatch(/^resend [0-9a-f-]{36}$/);

    const [request] = await requestsTo(base);
    expect(request).toMatchObject({ method: "POST", url: `${base}/emails`, answeredStatus: 200 });
    expect(request!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request!.headers["idempotency-key"]).toBe(mail.idempotencyKey);
    expect(request!.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(request!.body)).toEqual({
      from: "arxiv-digest <digest@example.org>",
      to: [mail.to],
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      headers: mail.headers,
    });
  });

  it("sends one mail when the same delivery is tried twice (the idempotency key)", async () => {
    const base = apiBase();
    const mail = message();
    const transport = resendTransport({ apiKey: KEY, baseUrl: base });
    const first = await transport.send(mail);
    const second = await transport.send({ ...mail, date: mail.date + 60_000 });
    expect(second).toEqual(first);
    const accepted = (await (
      await env.STANDINS.fetch(`http://standins/mail-api/emails?to=${encodeURIComponent(mail.to)}`)
    ).json()) as unknown[];
    expect(accepted).toHaveLength(1);
  });

  it("fails (no retry) on a wrong key, and without a key sends nothing", async () => {
    const base = apiBase();
    expect(await resendTransport({ apiKey: "wrong", baseUrl: base }).send(message())).toEqual({
      kind: "failed",
      error: "Resend 403 invalid_api_key: API key is invalid",
    });
    const none = await resendTransport({ apiKey: undefined, baseUrl: base }).send(message());
    expect(none).toMatchObject({ kind: "failed", error: expect.stringContaining("MAIL_API_KEY") });
    expect(await requestsTo(base)).toHaveLength(1);
  });

  it("fails with Resend's own message on a rejected mail", async () => {
    const base = apiBase();
    const outcome = await resendTransport({ apiKey: KEY, baseUrl: base }).send(
      message({ from: { name: "", address: "not an address" } }),
    );
    expect(outcome).toEqual({
      kind: "failed",
      error: expect.stringMatching(/^Resend 422 invalid_from_address: Invalid `from` field/),
    });
  });

  it("retries on 429 (honouring Retry-After), on 5xx and on a timeout", async () => {
    const base = apiBase();
    const target = `${base}/emails`;
    await script(target, [
      {
        status: 429,
        headers: { "retry-after": "7", "content-type": "application/json" },
        body: JSON.stringify({ statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests." }),
      },
      { status: 502, body: "<html>bad gateway</html>" },
      { status: 200, body: "{}", delayMs: 1_500 },
    ]);
    const transport = resendTransport({ apiKey: KEY, baseUrl: base, timeoutMs: 300 });
    expect(await transport.send(message())).toEqual({
      kind: "retry",
      error: "Resend 429 rate_limit_exceeded: Too many requests.",
      retryAfterMs: 7_000,
    });
    expect(await transport.send(message())).toEqual({
      kind: "retry",
      error: "Resend 502 error: <html>bad gateway</html>",
    });
    expect(await transport.send(message())).toEqual({
      kind: "retry",
      error: "Resend did not answer within 0.3 s",
    });
  });

  it("maps the remaining statuses as the delivery contract says", () => {
    const body = (name: string) => ({ statusCode: 409, name, message: "m" });
    expect(resendErrorOutcome(409, body("concurrent_idempotent_requests"), undefined).kind).toBe("retry");
    expect(resendErrorOutcome(409, body("invalid_idempotent_request"), undefined).kind).toBe("failed");
    expect(resendErrorOutcome(408, {}, undefined).kind).toBe("retry");
    expect(resendErrorOutcome(500, {}, 2_000)).toEqual({
      kind: "retry",
      error: "Resend 500 error: no message",
      retryAfterMs: 2_000,
    });
    expect(resendErrorOutcome(400, body("validation_error"), undefined).kind).toBe("failed");
    expect(retryAfterMs("12")).toBe(12_000);
    expect(retryAfterMs("Wed, 21 Oct 2026 07:28:00 GMT", Date.parse("2026-10-21T07:27:00Z"))).toBe(60_000);
    expect(retryAfterMs("soon")).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });
});

describe("Cloudflare send_email transport", () => {
  it("hands miniflare's binding a MIME message it accepts, and the written .eml parses back", async () => {
    const since = Date.now() - 1_000;
    const mail = message();
    expect(await cloudflareTransport(env.EMAIL).send(mail)).toMatchObject({ kind: "sent" });

    const res = await env.STANDINS.fetch(
      `http://standins/mail-api/sent-eml?contains=${encodeURIComponent(mail.to)}&since=${since}`,
    );
    const files = (await res.json()) as { file: string; raw: string }[];
    expect(files).toHaveLength(1);
    expect(files[0]!.file).toMatch(/miniflare-[0-9a-f]+\/files\/email\/[0-9a-f-]+\.eml$/);
    const parsed = await PostalMime.parse(files[0]!.raw);
    expect(parsed.messageId).toBe(mail.messageId);
    expect(parsed.subject).toBe(mail.subject);
    expect(parsed.to?.[0]?.address).toBe(mail.to);
    expect(parsed.text).toContain("The digest");
    expect(parsed.html).toContain("<p>The digest</p>");
    expect(parsed.headers.find((h) => h.key === "list-unsubscribe-post")?.value).toBe(
      "List-Unsubscribe=One-Click",
    );
  });

  it("maps the binding's error codes: transient ones retry, a suppressed address stops, the rest fail", () => {
    const err = (code: string) => Object.assign(new Error("m"), { code });
    expect(bindingErrorOutcome(err("E_RATE_LIMIT_EXCEEDED"))).toEqual({
      kind: "retry",
      error: "Cloudflare send_email: E_RATE_LIMIT_EXCEEDED: m",
      retryAfterMs: 60_000,
    });
    expect(bindingErrorOutcome(err("E_DAILY_LIMIT_EXCEEDED"))).toMatchObject({ retryAfterMs: 3_600_000 });
    expect(bindingErrorOutcome(err("E_INTERNAL_SERVER_ERROR")).kind).toBe("retry");
    expect(bindingErrorOutcome(err("E_RECIPIENT_SUPPRESSED")).kind).toBe("disable");
    expect(bindingErrorOutcome(err("E_SENDER_NOT_VERIFIED")).kind).toBe("failed");
    expect(bindingErrorOutcome(err("E_HEADER_NOT_ALLOWED")).kind).toBe("failed");
    expect(bindingErrorOutcome(new Error("network lost")).kind).toBe("retry");
  });
});

describe("choosing the transport", () => {
  const config = (mailProvider: DeliveryConfig["mailProvider"]): DeliveryConfig => ({
    publicBaseUrl: "https://digest.example.org",
    mailFrom: "arxiv-digest <digest@example.org>",
    mailProvider,
    mailApiKey: KEY,
    mailApiUrl: apiBase(),
    slackBotToken: undefined,
    slackApiUrl: "https://slack.standin.test/api",
    webhookAllowLoopback: false,
    tokenSecret: "test-token-secret",
  });
  const ctx = (provider: DeliveryConfig["mailProvider"]) => ({ config: config(provider), env, now: () => 0 });

  it("follows MAIL_PROVIDER", () => {
    expect(createTransport(ctx("cloudflare")).name).toBe("cloudflare");
    expect(createTransport(ctx("resend")).name).toBe("resend");
  });

  it("sends a whole rendered digest through Resend", async () => {
    const c = ctx("resend");
    const mail = digestMessage(
      c.config,
      {
        deliveryId: 7,
        subscription: {
          id: "s",
          channel: "email",
          target: `whole-${crypto.randomUUID()}@example.com`,
          themes: [],
          query: null,
          digestSize: null,
          status: "active",
          manageTokenHash: "h",
          unsubscribeTokenStored: `unsub_${"Z".repeat(43)}`,
          confirmTokenHash: null,
          webhookSecret: null,
          statusReason: null,
          createdAt: 0,
          confirmedAt: 0,
          changedAt: 0,
        },
        digest: sampleDigest(),
        brief: briefFor(sampleDigest()),
        links: sampleReaderLinks("2026-W07"),
        unsubscribeToken: `unsub_${"Z".repeat(43)}`,
      },
      0,
    );
    expect(await createTransport(c).send(mail)).toMatchObject({ kind: "sent" });
  });
});
