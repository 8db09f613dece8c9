/**
 * When to try a failed delivery again: Svix's schedule (immediately, 5 s, 5 min, 30 min, 2 h, 5 h,
 * 10 h, 10 h), so a receiver that is down for most of a day still gets the digest. A receiver's own
 * Retry-After is honoured in full: Queue delays stop at 12 h, so a longer wait is chained (the
 * message comes back early, sees its delivery is not due yet, and waits again: deliver-message.ts).
 */
const SCHEDULE_SECONDS = [5, 300, 1_800, 7_200, 18_000, 36_000, 36_000];
export const MAX_QUEUE_DELAY_SECONDS = 12 * 3600;
export const MAX_RETRY_AFTER_SECONDS = 24 * 3600;

/** Attempts in all (the first one plus every retry) before a delivery is parked as failed. */
export const MAX_ATTEMPTS = SCHEDULE_SECONDS.length + 1;

/** Delay before the next attempt after `attempts` attempts (uncapped), or null when it is time to give up. */
export function nextRetryDelaySeconds(attempts: number, retryAfterMs?: number): number | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  const scheduled = SCHEDULE_SECONDS[Math.max(0, attempts - 1)]!;
  // A receiver may ask for up to a day; a larger Retry-After is taken as a day.
  const asked =
    retryAfterMs === undefined ? 0 : Math.min(MAX_RETRY_AFTER_SECONDS, Math.ceil(retryAfterMs / 1000));
  return Math.max(scheduled, asked);
}

/** A wait as a queue delay: at most 12 h, at least 1 s. */
export function queueDelaySeconds(seconds: number): number {
  return Math.max(1, Math.min(MAX_QUEUE_DELAY_SECONDS, Math.ceil(seconds)));
}
