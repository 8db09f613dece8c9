import { afterEach, describe, expect, it, vi } from "vitest";
import { logError, logEvent } from "../../src/log";

describe("the logger", () => {
  afterEach(() => vi.restoreAllMocks());

  it("writes one JSON line with the event name first and the fields", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    logEvent("publish-digests", { cron: "0 8 * * 1", enqueued: 3 });
    expect(log).toHaveBeenCalledTimes(1);
    const line = String(log.mock.calls[0]?.[0]);
    expect(line.startsWith('{"event":"publish-digests"')).toBe(true);
    expect(JSON.parse(line)).toEqual({ event: "publish-digests", cron: "0 8 * * 1", enqueued: 3 });
  });

  it("writes errors to console.error as name and message (and stack), not as an object", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    logError("delivery-sender-threw", new TypeError("bad"), { deliveryId: 7 });
    logError("slack-response-url-failed", "answered 404");
    const [first, second] = error.mock.calls.map(
      (args) => JSON.parse(String(args[0])) as Record<string, unknown>,
    );
    expect(first).toMatchObject({ event: "delivery-sender-threw", deliveryId: 7, error: "TypeError: bad" });
    expect(typeof first?.stack).toBe("string");
    expect(second).toEqual({ event: "slack-response-url-failed", error: "answered 404" });
  });
});
