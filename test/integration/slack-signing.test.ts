/**
 * POST /slack/commands refuses anything Slack did not sign, or signed too long ago, or sent
 * before: 401 in the contract's error shape, and nothing changes (a forged `/paper subscribe`
 * subscribes nothing).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, tableCounts } from "../support/api";
import {
  postSigned,
  postsTo,
  SLACK_SIGNING_SECRET,
  slackSign,
  slashBody,
  subscriptionRows,
} from "../support/slack";

const now = () => Math.floor(Date.now() / 1000);

async function everything() {
  const subs = await env.DB.prepare("SELECT count(*) AS n FROM subscriptions").first<{ n: number }>();
  return { ...(await tableCounts()), subscriptions: subs?.n ?? -1 };
}

async function expect401(res: Response, code: string) {
  expect(res.status).toBe(401);
  expect(await res.json()).toEqual({ error: { code, message: expect.any(String) } });
}

describe("Slack request signing on /slack/commands", () => {
  it("accepts a request signed exactly as Slack signs it", async () => {
    const res = await postSigned(slashBody({ text: "help" }));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { response_type: string }).response_type).toBe("ephemeral");
  });

  it("refuses forged, stale, malformed and unsigned requests and changes nothing", async () => {
    const before = await everything();
    const channel = "C0FORGED01";
    const url = "https://hooks.slack.com/commands/T0TEST/1/forged";
    const body = () => slashBody({ text: "subscribe", channel_id: channel, response_url: url });
    const cases: Array<[string, Promise<Response>, string]> = [
      ["wrong secret", postSigned(body(), { secret: "not-the-secret" }), "invalid_signature"],
      ["made-up signature", postSigned(body(), { signature: `v0=${"ab".repeat(32)}` }), "invalid_signature"],
      ["garbage signature", postSigned(body(), { signature: "sha256=nonsense" }), "invalid_signature"],
      ["no signature", postSigned(body(), { signature: null }), "missing_signature"],
      ["no timestamp", postSigned(body(), { noTimestamp: true }), "missing_signature"],
      ["six minutes old", postSigned(body(), { timestamp: now() - 360 }), "stale_request"],
      ["six minutes ahead", postSigned(body(), { timestamp: now() + 360 }), "stale_request"],
      ["a day old", postSigned(body(), { timestamp: now() - 86_400 }), "stale_request"],
    ];
    for (const [name, pending, code] of cases) {
      const res = await pending;
      expect(res.status, name).toBe(401);
      expect(await res.json(), name).toEqual({ error: { code, message: expect.any(String) } });
    }
    // A body changed after signing (the text swapped for another command).
    const signedBody = slashBody({ text: "help", channel_id: channel, response_url: url });
    const timestamp = now();
    const { slackSign } = await import("../support/slack");
    const signature = await slackSign("test-slack-signing-secret", String(timestamp), signedBody);
    await expect401(
      await postSigned(signedBody.replace("text=help", "text=subscribe"), { timestamp, signature }),
      "invalid_signature",
    );
    // Not even a GET or an empty POST gets further.
    await expect401(await call("/slack/commands", { method: "POST" }), "missing_signature");
    expect(await everything()).toEqual(before);
    expect(await subscriptionRows(channel)).toEqual([]);
    expect(await postsTo(url)).toEqual([]);
  });

  it("refuses a replay of a request it already answered, and changes nothing the second time", async () => {
    const channel = "C0REPLAY01";
    const body = slashBody({ text: "subscribe", channel_id: channel });
    const timestamp = now();
    const first = await postSigned(body, { timestamp });
    expect(first.status).toBe(200);
    expect(await subscriptionRows(channel)).toHaveLength(1);
    const before = await everything();
    const rows = await subscriptionRows(channel);
    // The same bytes and headers again, within the window.
    await expect401(await postSigned(body, { timestamp }), "replayed_request");
    await expect401(await postSigned(body, { timestamp }), "replayed_request");
    expect(await everything()).toEqual(before);
    expect(await subscriptionRows(channel)).toEqual(rows);
  });

  it("refuses a replay another isolate answered (the signature is recorded in D1, not only in memory)", async () => {
    const channel = "C0REPLAY02";
    const body = slashBody({ text: "subscribe", channel_id: channel });
    const timestamp = now();
    const signature = await slackSign(SLACK_SIGNING_SECRET, String(timestamp), body);
    // As if another isolate had accepted this very request a moment ago.
    await env.DB.prepare("INSERT INTO slack_seen_signatures (signature, expires_at) VALUES (?1, ?2)")
      .bind(signature.slice(3), Date.now() + 300_000)
      .run();
    const before = await everything();
    await expect401(await postSigned(body, { timestamp }), "replayed_request");
    expect(await everything()).toEqual(before);
    expect(await subscriptionRows(channel)).toEqual([]);
  });

  it("forgets recorded signatures once their window has closed", async () => {
    await env.DB.prepare("INSERT INTO slack_seen_signatures (signature, expires_at) VALUES ('old', 1)").run();
    expect((await postSigned(slashBody({ text: "help" }))).status).toBe(200);
    const old = await env.DB.prepare(
      "SELECT count(*) AS n FROM slack_seen_signatures WHERE signature = 'old'",
    ).first();
    expect(old).toEqual({ n: 0 });
  });

  it("accepts two different commands in the same second (each Slack request is unique)", async () => {
    const timestamp = now();
    for (let i = 0; i < 3; i++) {
      expect((await postSigned(slashBody({ text: "help" }), { timestamp })).status).toBe(200);
    }
  });

  it("answers 400 to a signed body that is not a slash command, and 413 to a huge one", async () => {
    const bad = await postSigned("hello=world");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("invalid_command");
    // A response_url that is not Slack's is never trusted.
    const elsewhere = await postSigned(
      slashBody({ text: "themes", response_url: "https://evil.example/commands/x" }),
    );
    expect(elsewhere.status).toBe(400);
    const huge = await postSigned(slashBody({ text: "x".repeat(70_000) }));
    expect(huge.status).toBe(413);
  });
});
