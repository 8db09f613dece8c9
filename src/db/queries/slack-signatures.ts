/** Remembering accepted Slack signatures across isolates (the durable half of the replay guard). */

/** Expired rows removed per request: enough to keep up with any request rate, cheap each time. */
const PURGE_BATCH = 50;

/**
 * Records `signature` until `expiresAtMs`; false when it was already recorded (a replay). One
 * D1 batch: a few expired rows deleted, then an insert that does nothing on a known signature.
 */
export async function recordSlackSignature(
  d1: D1Database,
  signature: string,
  expiresAtMs: number,
  nowMs: number,
) {
  const [, inserted] = await d1.batch([
    d1
      .prepare(
        `DELETE FROM slack_seen_signatures WHERE signature IN
           (SELECT signature FROM slack_seen_signatures WHERE expires_at < ?1 LIMIT ${PURGE_BATCH})`,
      )
      .bind(nowMs),
    d1
      .prepare(
        `INSERT INTO slack_seen_signatures (signature, expires_at) VALUES (?1, ?2)
         ON CONFLICT(signature) DO NOTHING RETURNING signature`,
      )
      .bind(signature, expiresAtMs),
  ]);
  return (inserted?.results.length ?? 0) > 0;
}
