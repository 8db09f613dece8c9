/**
 * Readers' signals on papers (issue #13): `up`, `down`, `save`, or `clear` to take one back,
 * recorded per (subscription, paper, reader). The API is one reader (`by` null, stored as '');
 * each Slack member who clicks a channel's button is another.
 */
import type { Database } from "../db/client";
import { clearFeedback, listFeedback, type Signal, setFeedback } from "../db/queries/feedback";
import { canonicalPaperKey } from "../db/queries/paper-detail";
import { resolvePaperRef } from "../lookup/resolve-ref";

export type SignalInput = Signal | "clear";

/** Signals listed by GET …/feedback (newest first). */
export const MAX_LISTED_SIGNALS = 5000;

export type FeedbackOutcome =
  | { ok: true; paper: string; signal: Signal | null; by: string | null }
  | { ok: false; reason: "invalid_paper_ref" | "paper_not_found"; message: string };

export async function giveFeedback(
  db: Database,
  subscriptionId: string,
  input: { paper: string; signal: SignalInput; by: string | null },
  now: number,
): Promise<FeedbackOutcome> {
  const resolved = resolvePaperRef(input.paper);
  if (!resolved) {
    return {
      ok: false,
      reason: "invalid_paper_ref",
      message: "`paper` must be an arXiv id, an arXiv abs/pdf URL or a paper key.",
    };
  }
  const key = await canonicalPaperKey(db, resolved.key);
  if (key === null) {
    return { ok: false, reason: "paper_not_found", message: `The bot has no paper ${resolved.key}.` };
  }
  const id = { subscriptionId, paperKey: key, by: input.by ?? "" };
  // After either write the reader's signal is what was sent (clear: none), so nothing is read back.
  if (input.signal === "clear") await clearFeedback(db, id);
  else await setFeedback(db, { ...id, signal: input.signal, at: now });
  return { ok: true, paper: key, signal: input.signal === "clear" ? null : input.signal, by: input.by };
}

export async function feedbackList(db: Database, subscriptionId: string) {
  const rows = await listFeedback(db, subscriptionId, MAX_LISTED_SIGNALS);
  return rows.map((r) => ({
    paper: r.paperKey,
    signal: r.signal,
    by: r.by === "" ? null : r.by,
    at: new Date(r.at).toISOString(),
  }));
}
