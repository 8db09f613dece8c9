/** The retry schedule as the webhook channel relies on it: Svix's, and within Queues' 12 h delay limit. */
import { describe, expect, it } from "vitest";
import {
  MAX_ATTEMPTS,
  MAX_QUEUE_DELAY_SECONDS,
  nextRetryDelaySeconds,
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

  it("never asks the queue for more than 12 h, whatever Retry-After says", () => {
    expect(MAX_QUEUE_DELAY_SECONDS).toBe(43_200);
    expect(nextRetryDelaySeconds(1, 3_600_000)).toBe(3_600);
    expect(nextRetryDelaySeconds(1, 2 * 86_400_000)).toBe(MAX_QUEUE_DELAY_SECONDS);
    // A shorter Retry-After does not undercut the schedule.
    expect(nextRetryDelaySeconds(3, 1_000)).toBe(1_800);
    for (let a = 1; a < MAX_ATTEMPTS; a++) {
      expect(nextRetryDelaySeconds(a, Number.MAX_SAFE_INTEGER)!).toBeLessThanOrEqual(MAX_QUEUE_DELAY_SECONDS);
    }
  });
});
