/**
 * Examples decoded once per isolate and projected once per week: the same stored text gives the
 * same object (so a prepared week remembers its projection), a changed text is decoded afresh,
 * a damaged one is null and not kept, and the cache stays within its bound.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { encodePaperVector, paperVector, prepareWeek, vectorTag } from "../../../src/rank";
import {
  decodeExampleVector,
  exampleVectorId,
  forgetExampleVectors,
  keptExampleVector,
  MAX_KEPT_EXAMPLES,
} from "../../../src/rank/example-vectors";

const stored = (title: string) =>
  encodePaperVector(
    paperVector({ title, abstract: `${title}: a study of ${title} methods.`, authors: ["A B"] }),
  );

describe("decodeExampleVector", () => {
  beforeEach(() => forgetExampleVectors());

  it("returns the same decoded object for the same text, a new one for a changed text", () => {
    const a = decodeExampleVector(stored("dense retrieval"));
    expect(a).not.toBeNull();
    expect(decodeExampleVector(stored("dense retrieval"))).toBe(a);
    const b = decodeExampleVector(stored("robot grasping"));
    expect(b).not.toBe(a);
    expect(Array.from(b!.terms)).toEqual(
      Array.from(
        paperVector({
          title: "robot grasping",
          abstract: "robot grasping: a study of robot grasping methods.",
          authors: ["A B"],
        }).terms,
      ),
    );
  });

  it("finds a tagged vector by its paper and tag alone, and nothing under another tag", () => {
    const text = stored("dense retrieval");
    const id = exampleVectorId("arxiv:2501.00001", vectorTag(text));
    expect(keptExampleVector(id)).toBeUndefined();
    const decoded = decodeExampleVector(text, id);
    expect(keptExampleVector(id)).toBe(decoded);
    const rewritten = stored("robot grasping");
    expect(keptExampleVector(exampleVectorId("arxiv:2501.00001", vectorTag(rewritten)))).toBeUndefined();
    // Kept under the tag, not the text: the text alone finds nothing.
    expect(keptExampleVector(text)).toBeUndefined();
  });

  it("answers null for damaged text and keeps nothing for it", () => {
    expect(decodeExampleVector("r1:@@@")).toBeNull();
    expect(decodeExampleVector("not a vector")).toBeNull();
  });

  it("keeps at most MAX_KEPT_EXAMPLES, dropping the least recently used", () => {
    const first = stored("paper 0");
    const kept = decodeExampleVector(first);
    for (let i = 1; i <= MAX_KEPT_EXAMPLES; i++) {
      decodeExampleVector(stored(`paper ${i}`));
      // Touching the first keeps it the most recently used.
      if (i === MAX_KEPT_EXAMPLES - 1) expect(decodeExampleVector(first)).toBe(kept);
    }
    expect(decodeExampleVector(first)).toBe(kept);
    const second = decodeExampleVector(stored("paper 1"));
    expect(decodeExampleVector(stored("paper 1"))).toBe(second);
  });

  it("tags a stored text the same way every time, and a changed text differently", () => {
    const a = vectorTag(stored("dense retrieval"));
    expect(a).toMatch(/^h[0-9a-z]+$/);
    expect(vectorTag(stored("dense retrieval"))).toBe(a);
    const tags = new Set(Array.from({ length: 500 }, (_, i) => vectorTag(stored(`paper ${i}`))));
    expect(tags.size).toBe(500);
  });

  it("is projected once per prepared week", () => {
    const papers = ["dense retrieval", "robot grasping", "speech audio", "dense passage retrieval"].map(
      (title, i) => ({
        key: `k${i}`,
        title,
        text: title,
        authors: [],
        vector: paperVector({ title, abstract: title, authors: [] }),
      }),
    );
    const week = prepareWeek(papers);
    const example = decodeExampleVector(stored("dense retrieval"))!;
    const projected = week.project(example);
    expect(week.project(example)).toBe(projected);
    expect(prepareWeek(papers).project(example)).not.toBe(projected);
  });
});
