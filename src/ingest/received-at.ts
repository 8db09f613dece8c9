/**
 * `?receivedAt=` of an ingest (importing history): the instant the records are taken as received.
 * An ISO 8601 instant with its zone (`2025-10-06T09:30:00Z`, `…+02:00`), or a date alone, read as
 * 00:00 UTC. A local time without a zone is refused: it would mean different weeks on different
 * machines. Before arXiv (1991) or in the future is refused too.
 */
export type ReceivedAtCheck =
  | { ok: true; at: number }
  | { ok: false; code: "invalid_received_at" | "received_at_in_future"; message: string };

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** arXiv opened in August 1991: nothing can have been received before. */
const EARLIEST = Date.UTC(1991, 0, 1);

export function checkReceivedAt(text: string, now: number): ReceivedAtCheck {
  const value = text.trim();
  const shaped = INSTANT.test(value) || DATE_ONLY.test(value);
  const at = shaped ? Date.parse(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value) : Number.NaN;
  // Date.parse rolls 2025-02-30 over to March; the date part must survive the round trip.
  if (!Number.isFinite(at) || (DATE_ONLY.test(value) && new Date(at).toISOString().slice(0, 10) !== value)) {
    return {
      ok: false,
      code: "invalid_received_at",
      message:
        "`receivedAt` must be an ISO 8601 instant with its zone (2025-10-06T09:30:00Z) or a date (2025-10-06, read as 00:00 UTC).",
    };
  }
  if (at < EARLIEST) {
    return {
      ok: false,
      code: "invalid_received_at",
      message: "`receivedAt` is before arXiv existed (1991).",
    };
  }
  if (at > now) {
    return {
      ok: false,
      code: "received_at_in_future",
      message: `\`receivedAt\` (${new Date(at).toISOString()}) is in the future; the bot's clock says ${new Date(now).toISOString()}.`,
    };
  }
  return { ok: true, at };
}
