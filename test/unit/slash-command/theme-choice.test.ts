import { describe, expect, it } from "vitest";
import { chooseSubscription } from "../../../src/slash-command/theme-choice";

const THEMES = [
  { id: "t1", label: "Graph neural networks · message passing" },
  { id: "t2", label: "Mixture of experts · routing" },
  { id: "t3", label: "Retrieval-Augmented Generation · knowledge graph · QA" },
  { id: "quantum-ml", label: "Quantum machine learning" },
];
const ids = (args: string) => {
  const choice = chooseSubscription(args, THEMES);
  return choice.kind === "themes" ? choice.themes.map((t) => t.id) : choice;
};

describe("chooseSubscription", () => {
  it("subscribes to everything without arguments", () => {
    expect(chooseSubscription("  ", THEMES)).toEqual({ kind: "everything" });
  });

  it("takes theme ids, any case, separated by spaces or commas", () => {
    expect(ids("t1 t3")).toEqual(["t1", "t3"]);
    expect(ids("T2, quantum-ml")).toEqual(["t2", "quantum-ml"]);
    expect(ids("t1 t1")).toEqual(["t1"]);
  });

  it("takes label words, whole or as a word's start (4+ letters)", () => {
    expect(ids("graph neural")).toEqual(["t1"]);
    expect(ids("mixture of experts")).toEqual(["t2"]);
    expect(ids("network")).toEqual(["t1"]);
    // "graph" is in two labels: both.
    expect(ids("graph")).toEqual(["t1", "t3"]);
    expect(ids("t2; quantum")).toEqual(["t2", "quantum-ml"]);
  });

  it("turns words that name no theme into a keyword query", () => {
    expect(chooseSubscription("diffusion models", THEMES)).toEqual({
      kind: "query",
      query: "diffusion models",
    });
    // One part naming no theme makes the whole text a query.
    expect(chooseSubscription("t1, diffusion", THEMES)).toEqual({ kind: "query", query: "t1, diffusion" });
    // Short words must match whole: "ro" is not "routing".
    expect(chooseSubscription("ro", THEMES)).toEqual({ kind: "query", query: "ro" });
    expect(chooseSubscription("!!!", THEMES)).toEqual({ kind: "query", query: "!!!" });
  });

  it("treats quoted text as keywords even when it names a theme", () => {
    expect(chooseSubscription('"graph neural"', THEMES)).toEqual({ kind: "query", query: "graph neural" });
    expect(chooseSubscription("“graph neural”", THEMES)).toEqual({ kind: "query", query: "graph neural" });
  });

  it("with no themes stored, any words are a query", () => {
    expect(chooseSubscription("t1", [])).toEqual({ kind: "query", query: "t1" });
  });
});
