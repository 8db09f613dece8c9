/** The retry schedule as the webhook channel relies on it: Svix's, and within Queues' 12 h delay limit. */
import { describe, expect, it } from "vitest";
import {
  MAX_ATTEMPTS,
  MAX_QUEUE_DELAY_SECONDS,
  MAX_RETRY_AFTER_SECONDS,
  nextRetryDelaySeconds,
  queueDelaySeconds,
} from "../../../src/deliver/retry-schedule";

describe("webhook retry schedule", () => {
  it("follows Svix: immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then gives up", () => {
    const delays: (number | null)[] = [];
    for (let attempts = 1; attempts <= MAX_ATTEMPTS; attempts++) delays.push(nextRetryDelaySeconds(attempts));
    expect(delays).toEqual([5, 300, 1_800, 7_200, 18_000, 36_000, 36_000, null]);
    expect(MAX_ATTEMPTS).toBe(8);
    // About 27.6 hours from the first attempt to the last: a receiver down for a day still gets it.
    const total = delays.reduce<number>((s, d) => s + (d ?? 0), 0);
    expect(total / 3600).toBeCloseTo(27.59, 1);
  });

  it("honours Retry-After up to a day, asking the queue for at most 12 h at a time (chained)", () => {
    expect(MAX_QUEUE_DELAY_SECONDS).toBe(43_200);
    expect(nextRetryDelaySeconds(1, 3_600_000)).toBe(3_600);
    expect(nextRetryDelaySeconds(1, 20 * 3_600_000)).toBe(72_000);
    expect(nextRetryDelaySeconds(1, Number.MAX_SAFE_INTEGER)).toBe(MAX_RETRY_AFTER_SECONDS);
    // A shorter Retry-After does not undercut the schedule.
    expect(nextRetryDelaySeconds(3, 1_000)).toBe(1_800);
    for (const seconds of [0, 0.2, 5, 43_200, 72_000, 86_400]) {
      expect(queueDelaySeconds(seconds)).toBeGreaterThanOrEqual(1);
      expect(queueDelaySeconds(seconds)).toBeLessThanOrEqual(MAX_QUEUE_DELAY_SECONDS);
    }
  });
});
