/** The stored form of a paper vector: exact round trip, small, and garbage gives null. */
import { describe, expect, it } from "vitest";
import { decodePaperVector, encodePaperVector, hasProfile, paperVector } from "../../../src/rank";

const sample = {
  title: "Retrieval-augmented generation with KV caches",
  abstract:
    "Large language models (LLMs) retrieve passages from an index. We study retrieval augmented generation, " +
    "key-value caches and reranking at scale, in 2025, with 1.5B parameters. Retrieval helps; retrieval costs.",
  authors: ["Ada Lovelace", "Lovelace, A.", "José Müller", "Grace Hopper"],
};

describe("paper vectors", () => {
  it("round-trips through the stored text", () => {
    const v = paperVector(sample);
    expect(v.terms.length).toBeGreaterThan(10);
    // Co-authorship is matched on whole names (folded): "José Müller" is "jose muller", but the
    // two spellings of Lovelace stay two (authorKey merges them for followed authors only).
    expect(v.authors.length).toBe(4);
    expect(paperVector({ ...sample, authors: ["José Müller", "JOSE MULLER"] }).authors.length).toBe(1);
    expect(Math.max(...v.counts)).toBeGreaterThan(1);
    const stored = encodePaperVector(v);
    expect(stored).toMatch(/^r2:[A-Za-z0-9_-]+$/);
    expect(stored.length).toBeLessThan(3 * (sample.abstract.length + sample.title.length));
    expect(decodePaperVector(stored)).toEqual(v);
  });

  it("still reads the first format (r1:, bytes in base64url), stored before r2:", () => {
    // Written by the r1 encoder for this paper.
    const r1 =
      "r1:I_DICc_NHoH9Lv_PFP3tK8qAOoDSK9HIF46QF57KHuKGBrKGJ5zrH-qFBpQGwLsU6dIdiY0aualnmuIIwZcOlLMGyuMfqNgT97VJ1_4G4Xbo4AqzxRPL2gr1tiyQwBetql3dtBTOtwcMBwQEAwIEAwMCBAQEAQQEBAEEAgQDAwEDAvzSwAHY2ssC";
    const v = paperVector({
      title: "Dense retrieval",
      abstract: "Dense passage retrieval with rerankers, retrieval again.",
      authors: ["Ada Lovelace", "Alan Turing"],
    });
    expect(decodePaperVector(r1)).toEqual(v);
    expect(encodePaperVector(v).length).toBeLessThan(r1.length);
  });

  it("is a pure function of the text", () => {
    expect(encodePaperVector(paperVector(sample))).toBe(encodePaperVector(paperVector({ ...sample })));
    const empty = paperVector({ title: null, abstract: "", authors: [] });
    expect(decodePaperVector(encodePaperVector(empty))).toEqual(empty);
  });

  it("reads garbage and old formats as null", () => {
    const stored = encodePaperVector(paperVector(sample));
    for (const bad of [
      "",
      "r1:",
      "r2:",
      "r0:AAAA",
      "r2:////",
      "r2:AA=A",
      "hello",
      "r1:!!!",
      '{"terms":[]}',
      stored.slice(0, stored.length - 3),
      `${stored}AA`,
    ])
      expect(decodePaperVector(bad)).toBeNull();
  });

  it("knows when a subscription has something to rank by", () => {
    const v = paperVector(sample);
    const ex = (kind: "seed" | "down") => ({ key: "k", title: "t", authors: [], vector: v, kind, at: 0 });
    const none = { authors: [], keywords: [], exclude: [] };
    expect(hasProfile([], none)).toBe(false);
    expect(hasProfile([ex("down")], none)).toBe(false);
    expect(hasProfile([ex("seed")], none)).toBe(true);
    expect(hasProfile([], { ...none, keywords: ["kv cache"] })).toBe(true);
    expect(hasProfile([], { ...none, authors: ["Ada Lovelace"] })).toBe(true);
  });
});
