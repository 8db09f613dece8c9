/**
 * The queue consumer checks every body (issue #12): one it cannot read is forwarded to the
 * dead-letter queue with the reason and acknowledged, never retried; the dead-letter consumer
 * logs such a message instead of failing on it.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import worker from "../../src/index";

const MAIN = "arxiv-digest-deliveries";
const DLQ = "arxiv-digest-deliveries-dlq";

function message(id: string, body: unknown) {
  return { id, timestamp: new Date(), attempts: 1, body };
}

describe("queue messages", () => {
  afterEach(() => vi.restoreAllMocks());

  it("forwards an unreadable body to the dead-letter queue with the reason, and does not retry it", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const send = vi.spyOn(env.DEAD_LETTER_QUEUE, "send");
    const batch = createMessageBatch(MAIN, [
      message("m1", { kind: "digest", deliveryId: "seven" }),
      message("m2", { kind: "telegram" }),
      message("m3", "just text"),
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    const result = await getQueueResult(batch, ctx);
    expect(result.retryMessages).toEqual([]);
    expect([...result.explicitAcks].sort()).toEqual(["m1", "m2", "m3"]);
    expect(send).toHaveBeenCalledTimes(3);
    const forwarded = send.mock.calls.map(
      ([body]) => body as { kind: string; reason: string; body: unknown },
    );
    expect(forwarded[0]).toMatchObject({ kind: "unreadable", body: { kind: "digest", deliveryId: "seven" } });
    expect(forwarded[0]?.reason).toMatch(/deliveryId/);
    expect(
      forwarded.every((f) => f.kind === "unreadable" && f.reason.startsWith("not a delivery message")),
    ).toBe(true);
    const logged = errors.mock.calls.map(([line]) => JSON.parse(String(line)) as { event: string });
    expect(logged.filter((l) => l.event === "delivery-message-unreadable")).toHaveLength(3);
  });

  it("logs an unreadable message on the dead-letter queue and acknowledges it", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const batch = createMessageBatch(DLQ, [
      message("d1", { kind: "unreadable", reason: "not a delivery message: kind: bad", body: 1 }),
      message("d2", { nonsense: true }),
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    const result = await getQueueResult(batch, ctx);
    expect([...result.explicitAcks].sort()).toEqual(["d1", "d2"]);
    const logged = errors.mock.calls.map(
      ([line]) => JSON.parse(String(line)) as { event: string; error: string },
    );
    expect(logged.filter((l) => l.event === "dead-letter-unreadable").map((l) => l.error)[0]).toBe(
      "not a delivery message: kind: bad",
    );
    expect(logged.filter((l) => l.event === "dead-letter-unreadable")).toHaveLength(2);
  });
});
