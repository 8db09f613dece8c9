/**
 * A subscription's profile as the ranking engine takes it (issue #13): its interest words, and
 * its examples (matched seed papers, and its readers' signals folded to one per paper).
 */
import type { Database } from "../db/client";
import {
  type ExampleRow,
  loadProfileRows,
  loadRankVectors,
  type ProfileReadOptions,
  type RankPaperRow,
  type SignalExampleRow,
} from "../db/queries/rank-inputs";
import type { TeamSignalRow } from "../db/queries/team-picks";
import {
  decodeExampleVector,
  decodePaperVector,
  type ExampleKind,
  exampleVectorId,
  keptExampleVector,
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

/** The stored representation, or one rebuilt from the text (rows from before it existed). */
export function vectorOf(row: RankPaperRow): PaperVector {
  const stored = row.rankVector === null ? null : decodePaperVector(row.rankVector);
  return stored ?? paperVector({ title: row.title, abstract: row.abstractPlain, authors: row.authors });
}

/** An untagged example's vector: decoded from its row (kept by its text), or rebuilt from its text. */
function untaggedVector(row: ExampleRow): PaperVector {
  const stored = row.rankVector === null ? null : decodeExampleVector(row.rankVector);
  const text = row.text ?? { title: row.headline, abstract: "", authors: [] };
  return stored ?? paperVector(text);
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

/**
 * Each example's vector: a tagged one from the isolate's decoded examples when it is there, else
 * read (one statement for all the missing ones) and kept; an untagged one from its row. Null: the
 * paper is gone since the profile was read (merged into another), so it is left out this time.
 */
async function exampleVectors(db: Database, rows: readonly ExampleRow[]): Promise<Array<PaperVector | null>> {
  const vectors = rows.map((row) =>
    row.rankVectorTag === null
      ? untaggedVector(row)
      : (keptExampleVector(exampleVectorId(row.key, row.rankVectorTag)) ?? null),
  );
  const missing = rows.filter((row, i) => vectors[i] === null && row.rankVectorTag !== null);
  if (missing.length === 0) return vectors;
  const read = new Map<string, PaperVector | null>();
  for (const { key, rankVector, rankVectorTag } of await loadRankVectors(db, [
    ...new Set(missing.map((r) => r.key)),
  ])) {
    read.set(
      key,
      decodeExampleVector(
        rankVector,
        rankVectorTag === null ? rankVector : exampleVectorId(key, rankVectorTag),
      ),
    );
  }
  return rows.map((row, i) => vectors[i] ?? read.get(row.key) ?? null);
}

export async function loadSubscriberProfile(
  db: Database,
  subscriptionId: string,
): Promise<SubscriberProfile> {
  return (await loadSubscriberWeekInputs(db, subscriptionId)).profile;
}

export interface SubscriberWeekInputs {
  profile: SubscriberProfile;
  /** The team's picks in the window asked for (empty without one). */
  teamSignals: TeamSignalRow[];
  /** When the week asked for was published (null: not published, or none asked). */
  publishedAt: number | null;
}

/** The profile and, read in the same round trip, the team's picks and a week's publication. */
export async function loadSubscriberWeekInputs(
  db: Database,
  subscriptionId: string,
  options: ProfileReadOptions = {},
): Promise<SubscriberWeekInputs> {
  const { interests, seeds, signals, teamSignals, publishedAt } = await loadProfileRows(
    db,
    subscriptionId,
    MAX_PROFILE_EXAMPLES,
    options,
  );
  const rows: Array<{ row: ExampleRow; kind: ExampleKind; at: number }> = [
    ...seeds.map((row) => ({ row, kind: "seed" as const, at: row.at })),
    ...foldSignals(signals).map(({ row, kind }) => ({ row, kind, at: row.at })),
  ];
  const vectors = await exampleVectors(
    db,
    rows.map((r) => r.row),
  );
  const examples: RankExample[] = [];
  rows.forEach(({ row, kind, at }, i) => {
    const vector = vectors[i];
    if (vector) examples.push({ key: row.key, title: row.headline, vector, kind, at });
  });
  const profile: SubscriberProfile = {
    examples,
    interests: {
      authors: interests?.authors ?? [],
      keywords: interests?.keywords ?? [],
      exclude: interests?.exclude ?? [],
    },
  };
  return { profile, teamSignals, publishedAt };
}
