/**
 * Each subscription's last ranking of a published week, kept per isolate and given again while
 * everything it was computed from is the same: the prepared week (the same object), the
 * subscription's filters and interests, its examples (each the same decoded vector object, so
 * the same stored vector, with the same kind, time and title) and how many picks are explained.
 * A reader reloading the page, a feed reader polling, the page opened from the delivered digest:
 * they read the profile (one round trip) and skip the ranking (~10 ms of CPU at 500 signals).
 * A new signal, interest or paper version changes the inputs, and the week is ranked again.
 */
import type { Database } from "../db/client";
import type { PaperVector, RankedPaper, RankWeek } from "../rank";
import type { SubscriberProfile } from "./subscriber-profile";

/** Rankings kept (a 1,000-paper week's is ~80 KB): recent readers, not the whole fan-out. */
export const MAX_KEPT_RANKINGS = 64;

interface Kept {
  inputs: string;
  ranked: readonly RankedPaper[];
}

// Per database binding, so two databases (two test files, two environments) never share entries.
const memos = new WeakMap<object, Map<string, Kept>>();
// Objects stand for their content: a decoded vector or a prepared week is never changed in place.
const serials = new WeakMap<object, number>();
let nextSerial = 1;

function serialOf(o: PaperVector | RankWeek): number {
  let serial = serials.get(o);
  if (serial === undefined) {
    serial = nextSerial++;
    serials.set(o, serial);
  }
  return serial;
}

/** Everything a ranking depends on besides the slot, as one comparable string. */
export function rankingInputs(
  week: RankWeek,
  profile: SubscriberProfile,
  options: { themes: readonly string[]; query: string | null; explain: number | undefined },
): string {
  return JSON.stringify([
    serialOf(week),
    options,
    profile.interests,
    profile.examples.map((e) => [e.key, e.kind, e.at, e.title, serialOf(e.vector)]),
  ]);
}

/**
 * The ranking kept for `slot` (a subscription and a published week) when it was computed from
 * `inputs`, else `rank()`'s, kept. Callers only read the list.
 */
export function memoisedRanking(
  db: Database,
  slot: string,
  inputs: string,
  rank: () => RankedPaper[],
): readonly RankedPaper[] {
  let memo = memos.get(db.$client);
  if (!memo) {
    memo = new Map();
    memos.set(db.$client, memo);
  }
  const kept = memo.get(slot);
  memo.delete(slot);
  const ranked = kept?.inputs === inputs ? kept.ranked : rank();
  // Map order is insertion order: the slot is now the most recently used.
  memo.set(slot, { inputs, ranked });
  if (memo.size > MAX_KEPT_RANKINGS) memo.delete(memo.keys().next().value!);
  return ranked;
}
