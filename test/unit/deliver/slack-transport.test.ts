/** What each answer of Slack means for the delivery, and how far a split digest got. */
import { describe, expect, it } from "vitest";
import { progressNote, readProgress, renderHash } from "../../../src/deliver/slack/progress";
import { botApiResult, parseRetryAfter, webhookResult } from "../../../src/deliver/slack/transport";

const NOW = Date.parse("2026-02-16T08:00:00Z");
const api = (body: unknown, status = 200, retryAfter: string | null = null) =>
  botApiResult(status, retryAfter, JSON.stringify(body), NOW);

describe("chat.postMessage answers", () => {
  it("posted: the ts and channel", () => {
    expect(api({ ok: true, channel: "C123", ts: "1771228800.000100" })).toEqual({
      kind: "posted",
      channel: "C123",
      ts: "1771228800.000100",
    });
  });

  it("rate limits are retried after Retry-After (a second when Slack does not say)", () => {
    expect(api({ ok: false, error: "ratelimited" }, 429, "30")).toMatchObject({
      kind: "retry",
      retryAfterMs: 30_000,
      rateLimited: true,
    });
    expect(botApiResult(429, null, "", NOW)).toMatchObject({
      kind: "retry",
      retryAfterMs: 1_000,
      rateLimited: true,
    });
    expect(api({ ok: false, error: "ratelimited" }, 200, "2")).toMatchObject({
      kind: "retry",
      retryAfterMs: 2_000,
    });
  });

  it("Slack's transient errors, 5xx and 408 are retried, not as rate limits", () => {
    for (const error of ["internal_error", "fatal_error", "service_unavailable", "request_timeout"]) {
      expect(api({ ok: false, error })).toMatchObject({ kind: "retry", rateLimited: false });
    }
    expect(botApiResult(503, null, "<html>down</html>", NOW)).toMatchObject({
      kind: "retry",
      rateLimited: false,
    });
    expect(botApiResult(408, null, "", NOW)).toMatchObject({ kind: "retry" });
  });

  it("a channel that is gone or archived ends the subscription; the bot's own trouble fails the delivery", () => {
    expect(api({ ok: false, error: "channel_not_found" })).toMatchObject({ kind: "disable" });
    expect(api({ ok: false, error: "is_archived" })).toMatchObject({ kind: "disable" });
    for (const error of [
      "invalid_auth",
      "not_authed",
      "account_inactive",
      "token_revoked",
      "missing_scope",
    ]) {
      expect(api({ ok: false, error })).toMatchObject({
        kind: "failed",
        error: expect.stringContaining("SLACK_BOT_TOKEN"),
      });
    }
    expect(api({ ok: false, error: "not_in_channel" })).toMatchObject({
      kind: "failed",
      error: expect.stringContaining("invite the bot"),
    });
    expect(
      api({ ok: false, error: "invalid_blocks", response_metadata: { messages: ["[ERROR] too long"] } }),
    ).toEqual({ kind: "failed", error: "chat.postMessage: invalid_blocks ([ERROR] too long)" });
    expect(botApiResult(404, null, "not json", NOW)).toEqual({
      kind: "failed",
      error: "chat.postMessage: HTTP 404",
    });
  });
});

describe("incoming-webhook answers", () => {
  it("ok is posted; 429 and 5xx are retried", () => {
    expect(webhookResult(200, null, "ok", NOW)).toEqual({ kind: "posted" });
    expect(webhookResult(429, "1", "rate_limited", NOW)).toMatchObject({
      kind: "retry",
      retryAfterMs: 1_000,
      rateLimited: true,
    });
    expect(webhookResult(500, null, "rollup_error", NOW)).toMatchObject({
      kind: "retry",
      rateLimited: false,
    });
  });

  it("a removed webhook or a gone channel disables; a bad payload fails", () => {
    expect(webhookResult(410, null, "channel_is_archived", NOW)).toMatchObject({ kind: "disable" });
    expect(webhookResult(404, null, "no_service", NOW)).toMatchObject({ kind: "disable" });
    expect(webhookResult(404, null, "channel_not_found", NOW)).toMatchObject({ kind: "disable" });
    expect(webhookResult(403, null, "invalid_token", NOW)).toMatchObject({ kind: "disable" });
    expect(webhookResult(400, null, "invalid_payload", NOW)).toEqual({
      kind: "failed",
      error: "incoming webhook: 400 invalid_payload",
    });
    expect(webhookResult(403, null, "action_prohibited", NOW)).toMatchObject({ kind: "failed" });
    expect(webhookResult(302, null, "", NOW)).toMatchObject({ kind: "failed" });
  });
});

describe("Retry-After", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("1", NOW)).toBe(1_000);
    expect(parseRetryAfter(" 30 ", NOW)).toBe(30_000);
    expect(parseRetryAfter(new Date(NOW + 90_000).toUTCString(), NOW)).toBe(90_000);
    expect(parseRetryAfter(new Date(NOW - 90_000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter("soon", NOW)).toBeUndefined();
  });
});

describe("split progress", () => {
  it("round-trips through the ledger's error text, even wrapped in later wording", () => {
    const progress = { posted: 2, total: 5, threadTs: "1771228800.000100", render: "0a1b2c3d" };
    const error = `${progressNote(progress)}; part 3: chat.postMessage: ratelimited`;
    expect(readProgress(error)).toEqual(progress);
    expect(readProgress(`gave up after 8 attempts: ${error}`)).toEqual(progress);
    const webhook = { posted: 1, total: 2, render: "ffffffff" };
    expect(readProgress(progressNote(webhook))).toEqual(webhook);
  });

  it("ignores errors that are not progress, and progress that says nothing is left or posted", () => {
    expect(readProgress(null)).toBeNull();
    expect(readProgress("incoming webhook: 500 rollup_error")).toBeNull();
    expect(readProgress(progressNote({ posted: 0, total: 3, render: "0a1b2c3d" }))).toBeNull();
    expect(readProgress(progressNote({ posted: 3, total: 3, render: "0a1b2c3d" }))).toBeNull();
  });

  it("hashes the rendered parts: equal parts, equal hash", () => {
    const parts = [{ text: "a", blocks: [] }];
    expect(renderHash(parts)).toMatch(/^[0-9a-f]{8}$/);
    expect(renderHash(parts)).toBe(renderHash([{ text: "a", blocks: [] }]));
    expect(renderHash(parts)).not.toBe(renderHash([{ text: "b", blocks: [] }]));
  });
});
