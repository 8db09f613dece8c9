/**
 * A subscription's ranking of a published week is computed again whenever anything it depends on
 * changes, and only then: the same week, examples, interests and options give the kept list.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../../src/db/client";
import { MAX_KEPT_RANKINGS, memoisedRanking, rankingInputs } from "../../../src/digest/ranking-memo";
import type { SubscriberProfile } from "../../../src/digest/subscriber-profile";
import { paperVector, prepareWeek, type RankExample, type RankedPaper } from "../../../src/rank";

const db = openDatabase(env.DB);
const vector = (text: string) => paperVector({ title: text, abstract: text, authors: [] });
const week = prepareWeek(
  ["dense retrieval", "robot grasping", "speech audio"].map((t, i) => ({
    key: `k${i}`,
    title: t,
    text: t,
    authors: [],
    vector: vector(t),
  })),
);
const example = (key: string, v = vector(key)): RankExample => ({
  key,
  title: key,
  vector: v,
  kind: "up",
  at: 1,
});
const profileOf = (examples: RankExample[], exclude: string[] = []): SubscriberProfile => ({
  examples,
  interests: { authors: [], keywords: [], exclude },
});
const options: { themes: string[]; query: string | null; explain: number } = {
  themes: [],
  query: null,
  explain: 10,
};

function ranker() {
  let calls = 0;
  return {
    rank: (): RankedPaper[] => {
      calls++;
      return [{ key: `k${calls}`, score: 1, why: "", reasons: [] }];
    },
    calls: () => calls,
  };
}

describe("memoisedRanking", () => {
  it("gives the kept ranking for the same inputs and ranks again when any of them changes", () => {
    const r = ranker();
    const liked = example("dense retrieval");
    const inputs = (p: SubscriberProfile, o = options, w = week) => rankingInputs(w, p, o);
    const first = memoisedRanking(db, "s1@W", inputs(profileOf([liked])), r.rank);
    expect(memoisedRanking(db, "s1@W", inputs(profileOf([liked])), r.rank)).toBe(first);
    expect(r.calls()).toBe(1);
    const changes = [
      // The same paper with a rewritten vector (a new decoded object).
      profileOf([example("dense retrieval")]),
      profileOf([liked, example("robot grasping")]),
      profileOf([{ ...liked, kind: "down" }]),
      profileOf([liked], ["audio"]),
    ];
    for (const changed of changes) memoisedRanking(db, "s1@W", inputs(changed), r.rank);
    memoisedRanking(db, "s1@W", inputs(profileOf([liked]), { ...options, explain: 3 }), r.rank);
    memoisedRanking(db, "s1@W", inputs(profileOf([liked]), { ...options, themes: ["t1"] }), r.rank);
    memoisedRanking(db, "s1@W", inputs(profileOf([liked]), options, prepareWeek(week.papers)), r.rank);
    expect(r.calls()).toBe(1 + changes.length + 3);
    // Another slot (subscription or week) never shares an entry.
    memoisedRanking(db, "s2@W", inputs(profileOf([liked])), r.rank);
    expect(r.calls()).toBe(2 + changes.length + 3);
  });

  it(`keeps at most ${MAX_KEPT_RANKINGS} rankings, the least recently used first out`, () => {
    const r = ranker();
    const inputs = rankingInputs(week, profileOf([example("speech audio")]), options);
    memoisedRanking(db, "oldest", inputs, r.rank);
    for (let i = 0; i < MAX_KEPT_RANKINGS; i++) memoisedRanking(db, `slot-${i}`, inputs, r.rank);
    const calls = r.calls();
    memoisedRanking(db, `slot-${MAX_KEPT_RANKINGS - 1}`, inputs, r.rank);
    expect(r.calls()).toBe(calls);
    memoisedRanking(db, "oldest", inputs, r.rank);
    expect(r.calls()).toBe(calls + 1);
  });
});
