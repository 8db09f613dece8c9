/**
 * The List-Unsubscribe mailto fallback: a mail to unsubscribe@… whose subject carries the token ends
 * the subscription. The message object is built as Email Routing hands it to the Worker; the
 * address, subject and token format are the ones our digest mails put in their header.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { emailSubscription, subscriptionStatus } from "../support/deliveries";

async function pendingSubscription(target: string) {
  const { id, unsubscribeToken } = await emailSubscription(target);
  return { id, token: unsubscribeToken };
}

function inbound(to: string, subject: string, body = "") {
  const raw = [
    "From: reader@example.org",
    `To: ${to}`,
    `Subject: ${subject}`,
    "Message-ID: <m1@example.org>",
    "Content-Type: text/plain; charset=utf-8",
    "",
    body,
  ].join("\r\n");
  const rejected: string[] = [];
  const bytes = new TextEncoder().encode(raw);
  const message = {
    from: "reader@example.org",
    to,
    headers: new Headers({ subject }),
    raw: new Response(bytes).body!,
    rawSize: bytes.byteLength,
    setReject: (reason: string) => void rejected.push(reason),
    forward: async () => ({}),
    reply: async () => ({}),
  } as unknown as ForwardableEmailMessage;
  return { message, rejected };
}

const statusOf = subscriptionStatus;

describe("unsubscribe by mail", () => {
  it("ends the subscription named by the token in the subject, idempotently", async () => {
    const sub = await pendingSubscription("mailer@example.org");
    for (let i = 0; i < 2; i++) {
      const { message, rejected } = inbound("unsubscribe@example.org", `unsubscribe ${sub.token}`);
      await worker.email(message, env);
      expect(rejected).toEqual([]);
      expect(await statusOf(sub.id)).toBe("unsubscribed");
    }
  });

  it("also finds the token in the body", async () => {
    const sub = await pendingSubscription("body@example.org");
    const { message, rejected } = inbound(
      "unsubscribe@example.org",
      "Re: your digest",
      `please stop ${sub.token}\n`,
    );
    await worker.email(message, env);
    expect(rejected).toEqual([]);
    expect(await statusOf(sub.id)).toBe("unsubscribed");
  });

  it("refuses other addresses, missing and unknown tokens, and changes nothing", async () => {
    const sub = await pendingSubscription("keeper@example.org");
    const cases = [
      inbound("digest@example.org", `unsubscribe ${sub.token}`),
      inbound("unsubscribe@example.org", "unsubscribe"),
      inbound("unsubscribe@example.org", `unsubscribe unsub_${"C".repeat(43)}`),
    ];
    for (const { message, rejected } of cases) {
      await worker.email(message, env);
      expect(rejected).toHaveLength(1);
    }
    expect(await statusOf(sub.id)).toBe("pending");
  });
});
