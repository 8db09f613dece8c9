import { describe, expect, it } from "vitest";
import { FollowedBody, parseDefaultCategories, sourcesOf } from "../../../src/harvest/followed";

const valid = (body: unknown) => FollowedBody.safeParse(body).success;

describe("followed categories and queries", () => {
  it("accepts arXiv's category shapes", () => {
    for (const c of [
      "cs.LG",
      "cs.IR",
      "cond-mat.str-el",
      "hep-th",
      "astro-ph.CO",
      "q-bio.NC",
      "math.AG",
      "physics",
    ]) {
      expect(valid({ categories: [c] }), c).toBe(true);
    }
  });

  it("refuses what is not a category", () => {
    for (const c of ["cs LG", "CS.LG", "cs.", ".LG", "cs.LG;drop", "cs/LG", "", "x".repeat(40)]) {
      expect(valid({ categories: [c] }), c).toBe(false);
    }
  });

  it("accepts arXiv queries, refuses unbalanced or control characters", () => {
    expect(
      valid({ categories: [], queries: ['abs:"retrieval augmented" AND (cat:cs.CL OR cat:cs.IR)'] }),
    ).toBe(true);
    expect(valid({ categories: [], queries: ["abs:(graph"] })).toBe(false);
    expect(valid({ categories: [], queries: ['ti:"open'] })).toBe(false);
    expect(valid({ categories: [], queries: ["ab\ncd"] })).toBe(false);
    expect(valid({ categories: [], queries: ["x"] })).toBe(false);
  });

  it("trims, defaults queries, refuses duplicates and unknown fields", () => {
    expect(FollowedBody.parse({ categories: [" cs.LG "] })).toEqual({ categories: ["cs.LG"], queries: [] });
    expect(valid({ categories: ["cs.LG", "cs.LG"] })).toBe(false);
    expect(valid({ categories: [], extra: true })).toBe(false);
  });

  it("reads the HARVEST_CATEGORIES default (commas or spaces), dropping what is unreadable", () => {
    expect(parseDefaultCategories("cs.LG, cs.IR cond-mat.str-el,,CS.LG;,cs.IR")).toEqual([
      "cs.LG",
      "cs.IR",
      "cond-mat.str-el",
    ]);
    expect(parseDefaultCategories("")).toEqual([]);
  });

  it("names sources: categories by themselves, queries prefixed", () => {
    expect(sourcesOf({ categories: ["cs.LG"], queries: ["all:testing"] }).map((s) => s.name)).toEqual([
      "cs.LG",
      "query:all:testing",
    ]);
  });
});
