/**
 * A subscription's profile as the ranking engine takes it (issue #13): its interest words, and
 * its examples (matched seed papers, and its readers' signals folded to one per paper).
 */
import type { Database } from "../db/client";
import { loadInterestWords } from "../db/queries/interests";
import { loadProfileExamples, type RankPaperRow, type SignalExampleRow } from "../db/queries/rank-inputs";
import {
  decodeExampleVector,
  decodePaperVector,
  type ExampleKind,
  type PaperVector,
  paperVector,
  type RankExample,
  type RankInterests,
  type RankPaper,
} from "../rank";

/** Examples read per subscription: the newest signals beyond this are not used (ranking stays in budget). */
export const MAX_PROFILE_EXAMPLES = 500;

export interface SubscriberProfile {
  examples: RankExample[];
  interests: RankInterests;
}

/**
 * The stored representation, or one rebuilt from the text (rows from before it existed).
 * `decode`: examples go through the per-isolate cache (decodeExampleVector); a week's papers are
 * decoded once when the week is prepared.
 */
export function vectorOf(row: RankPaperRow, decode = decodePaperVector): PaperVector {
  const stored = row.rankVector === null ? null : decode(row.rankVector);
  return stored ?? paperVector({ title: row.title, abstract: row.abstractPlain, authors: row.authors });
}

export function rankPaperOf(row: RankPaperRow): RankPaper {
  return {
    key: row.key,
    title: row.headline,
    text: row.abstractPlain,
    authors: row.authors,
    vector: vectorOf(row),
  };
}

/**
 * A Slack channel's members may disagree: a paper counts as liked when its ups and saves
 * outnumber its downs, disliked when the downs win, and not at all on a tie.
 */
export function foldSignals(
  rows: readonly SignalExampleRow[],
): Array<{ row: SignalExampleRow; kind: ExampleKind }> {
  const byPaper = new Map<string, { row: SignalExampleRow; net: number; saved: boolean; at: number }>();
  for (const row of rows) {
    const entry = byPaper.get(row.key) ?? { row, net: 0, saved: false, at: row.at };
    entry.net += row.signal === "down" ? -1 : 1;
    entry.saved ||= row.signal === "save";
    entry.at = Math.max(entry.at, row.at);
    byPaper.set(row.key, entry);
  }
  const folded: Array<{ row: SignalExampleRow; kind: ExampleKind }> = [];
  for (const { row, net, saved, at } of byPaper.values()) {
    if (net === 0) continue;
    folded.push({ row: { ...row, at }, kind: net < 0 ? "down" : saved ? "save" : "up" });
  }
  return folded;
}

export async function loadSubscriberProfile(
  db: Database,
  subscriptionId: string,
): Promise<SubscriberProfile> {
  const [interests, { seeds, signals }] = await Promise.all([
    loadInterestWords(db, subscriptionId),
    loadProfileExamples(db, subscriptionId, MAX_PROFILE_EXAMPLES),
  ]);
  const example = (row: RankPaperRow, kind: ExampleKind, at: number): RankExample => ({
    key: row.key,
    title: row.headline,
    authors: row.authors,
    vector: vectorOf(row, decodeExampleVector),
    kind,
    at,
  });
  const examples = [
    ...seeds.map((s) => example(s, "seed", s.addedAt)),
    ...foldSignals(signals).map(({ row, kind }) => example(row, kind, row.at)),
  ];
  return {
    examples,
    interests: {
      authors: interests?.authors ?? [],
      keywords: interests?.keywords ?? [],
      exclude: interests?.exclude ?? [],
    },
  };
}
