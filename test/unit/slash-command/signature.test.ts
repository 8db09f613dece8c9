import { describe, expect, it } from "vitest";
import { ReplayGuard, verifySlackRequest } from "../../../src/security/slack-signature";
import { fixtureText } from "../../support/api";
import { slackSign } from "../../support/slack";

interface Vector {
  signing_secret: string;
  x_slack_request_timestamp: string;
  body: string;
  expected_x_slack_signature: string;
}

// The official example from Slack's docs (shared/data/test_vectors.json, served from test/fixtures/data).
const vector = async () =>
  (JSON.parse(await fixtureText("data/test_vectors.json")) as { slack_request_signing: Vector })
    .slack_request_signing;

const bytes = (text: string) => new TextEncoder().encode(text);

describe("Slack request signing v0", () => {
  it("verifies the official vector with its secret, at its own time", async () => {
    const v = await vector();
    const now = Number(v.x_slack_request_timestamp) * 1000;
    const check = await verifySlackRequest(
      {
        timestamp: v.x_slack_request_timestamp,
        signature: v.expected_x_slack_signature,
        body: bytes(v.body),
      },
      v.signing_secret,
      now,
    );
    expect(check).toMatchObject({ ok: true });
    // The test helper signs the same way (so integration tests sign as Slack does).
    expect(await slackSign(v.signing_secret, v.x_slack_request_timestamp, v.body)).toBe(
      v.expected_x_slack_signature,
    );
  });

  it("accepts the vector up to five minutes either way and refuses it beyond", async () => {
    const v = await vector();
    const ts = Number(v.x_slack_request_timestamp) * 1000;
    const request = {
      timestamp: v.x_slack_request_timestamp,
      signature: v.expected_x_slack_signature,
      body: bytes(v.body),
    };
    for (const offset of [-300_000, 300_000, 299_999]) {
      expect((await verifySlackRequest(request, v.signing_secret, ts + offset)).ok, String(offset)).toBe(
        true,
      );
    }
    for (const offset of [300_001, -300_001, 86_400_000]) {
      expect(await verifySlackRequest(request, v.signing_secret, ts + offset)).toMatchObject({
        ok: false,
        reason: "stale",
      });
    }
  });

  it("refuses a changed body, timestamp, secret or signature", async () => {
    const v = await vector();
    const now = Number(v.x_slack_request_timestamp) * 1000;
    const good = { timestamp: v.x_slack_request_timestamp, signature: v.expected_x_slack_signature };
    const flipped = `${v.expected_x_slack_signature.slice(0, -1)}${v.expected_x_slack_signature.endsWith("3") ? "4" : "3"}`;
    const cases: Array<[string, Parameters<typeof verifySlackRequest>[0], string]> = [
      ["body", { ...good, body: bytes(v.body.replace("text=", "text=x")) }, v.signing_secret],
      [
        "timestamp",
        { ...good, timestamp: String(Number(good.timestamp) + 1), body: bytes(v.body) },
        v.signing_secret,
      ],
      ["secret", { ...good, body: bytes(v.body) }, `${v.signing_secret}x`],
      ["one hex digit", { ...good, signature: flipped, body: bytes(v.body) }, v.signing_secret],
      [
        "version",
        { ...good, signature: good.signature.replace("v0=", "v1="), body: bytes(v.body) },
        v.signing_secret,
      ],
      [
        "truncated",
        { ...good, signature: good.signature.slice(0, -2), body: bytes(v.body) },
        v.signing_secret,
      ],
      ["not hex", { ...good, signature: `v0=${"z".repeat(64)}`, body: bytes(v.body) }, v.signing_secret],
      ["empty body", { ...good, body: new Uint8Array() }, v.signing_secret],
      [
        "timestamp not a number",
        { ...good, timestamp: "1531420618.5", body: bytes(v.body) },
        v.signing_secret,
      ],
    ];
    for (const [name, request, secret] of cases) {
      const check = await verifySlackRequest(request, secret, now);
      expect(check.ok, name).toBe(false);
      if (!check.ok) expect(check.reason, name).toBe("invalid");
    }
  });

  it("refuses requests without the headers", async () => {
    const v = await vector();
    const now = Number(v.x_slack_request_timestamp) * 1000;
    for (const [timestamp, signature] of [
      [undefined, v.expected_x_slack_signature],
      [v.x_slack_request_timestamp, null],
      ["", ""],
    ] as const) {
      expect(
        await verifySlackRequest({ timestamp, signature, body: bytes(v.body) }, v.signing_secret, now),
      ).toMatchObject({ ok: false, reason: "missing" });
    }
  });

  it("signs the raw bytes: a body that is not valid UTF-8 verifies as sent", async () => {
    const secret = "s3cret";
    const body = new Uint8Array([0x74, 0x65, 0x78, 0x74, 0x3d, 0xff, 0xfe, 0x80]);
    const key = await crypto.subtle.importKey(
      "raw",
      bytes(secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    const base = new Uint8Array([...bytes("v0:1700000000:"), ...body]);
    const mac = [...new Uint8Array(await crypto.subtle.sign("HMAC", key, base))]
      .map((b) => b.toString(16).padStart(2, "0"))
      .join("");
    const request = { timestamp: "1700000000", signature: `v0=${mac}`, body };
    expect(await verifySlackRequest(request, secret, 1_700_000_000_000)).toMatchObject({ ok: true });
  });
});

describe("replays", () => {
  it("refuses the same signed request the second time, within the window", async () => {
    const v = await vector();
    const now = Number(v.x_slack_request_timestamp) * 1000;
    const guard = new ReplayGuard();
    const request = {
      timestamp: v.x_slack_request_timestamp,
      signature: v.expected_x_slack_signature,
      body: bytes(v.body),
    };
    expect(await verifySlackRequest(request, v.signing_secret, now, guard)).toMatchObject({ ok: true });
    expect(await verifySlackRequest(request, v.signing_secret, now + 60_000, guard)).toMatchObject({
      ok: false,
      reason: "replayed",
    });
    // After the window the timestamp refuses it (the guard has forgotten it by then).
    expect(await verifySlackRequest(request, v.signing_secret, now + 302_000, guard)).toMatchObject({
      ok: false,
      reason: "stale",
    });
  });

  it("remembers only proven signatures, so forgeries cannot fill it", async () => {
    const v = await vector();
    const now = Number(v.x_slack_request_timestamp) * 1000;
    const guard = new ReplayGuard();
    for (let i = 0; i < 20; i++) {
      const forged = {
        timestamp: v.x_slack_request_timestamp,
        signature: `v0=${"0".repeat(63)}${i % 10}`,
        body: bytes(v.body),
      };
      await verifySlackRequest(forged, v.signing_secret, now, guard);
    }
    expect(guard.size).toBe(0);
  });

  it("forgets expired entries and stays within its bound", () => {
    const guard = new ReplayGuard(3);
    expect(guard.seenBefore("a", 1_000, 0)).toBe(false);
    expect(guard.seenBefore("a", 1_000, 500)).toBe(true);
    expect(guard.seenBefore("b", 2_000, 500)).toBe(false);
    expect(guard.seenBefore("c", 3_000, 500)).toBe(false);
    expect(guard.seenBefore("d", 4_000, 500)).toBe(false);
    expect(guard.size).toBe(3);
    // "a" was the oldest: forgotten to keep the bound.
    expect(guard.seenBefore("a", 1_000, 600)).toBe(false);
    // At 3,500 ms b and c have expired; the ones still in their window are remembered.
    expect(guard.seenBefore("e", 9_000, 3_500)).toBe(false);
    expect(guard.seenBefore("d", 4_000, 3_600)).toBe(true);
    expect(guard.seenBefore("b", 9_000, 3_600)).toBe(false);
  });
});
