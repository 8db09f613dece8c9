import { describe, expect, it } from "vitest";
import {
  bestSentence,
  TLDR_MAX_CHARS,
  tldr,
  tldrCandidates,
  tldrScores,
} from "../../../src/ingest/text/tldr";

describe("tldr", () => {
  it("skips the background opener when a contribution sentence exists", () => {
    const abstract =
      "Large language models have shown remarkable abilities in many tasks. However, they struggle with long " +
      "documents. We propose LongReader, a retrieval method that reads long documents in chunks. Experiments " +
      "show that LongReader outperforms strong baselines by 12%.";
    expect(tldr(abstract)).toBe(
      "We propose LongReader, a retrieval method that reads long documents in chunks.",
    );
  });

  it("returns a single-sentence abstract as it is", () => {
    expect(tldr("We study the spectral gap of random regular graphs.")).toBe(
      "We study the spectral gap of random regular graphs.",
    );
  });

  it("cuts a long sentence at a word, with …, within maxChars", () => {
    const abstract =
      "We introduce a framework for the joint calibration of heterogeneous sensor networks that combines a " +
      "physically motivated noise model, a hierarchical Bayesian treatment of the unknown gains and offsets of " +
      "every sensor, an efficient variational inference scheme that scales linearly with the number of sensors, " +
      "and a principled way of propagating the remaining calibration uncertainty into every downstream estimate.";
    const long = tldr(abstract);
    expect(long).toBe(
      "We introduce a framework for the joint calibration of heterogeneous sensor networks that combines a " +
        "physically motivated noise model, a hierarchical Bayesian treatment of the unknown gains and offsets of " +
        "every sensor, an efficient variational…",
    );
    expect(long.length).toBeLessThanOrEqual(TLDR_MAX_CHARS);
    const short = tldr(abstract, 120);
    expect(short).toBe(
      "We introduce a framework for the joint calibration of heterogeneous sensor networks that combines a physically…",
    );
    expect(short.length).toBeLessThanOrEqual(120);
  });

  it("removes leftover LaTeX", () => {
    const abstract =
      "We compute the $\\alpha$-decay rates of \\textbf{heavy nuclei} within a \\emph{cluster} model. The rates agree with data.";
    expect(tldr(abstract)).toBe("We compute the α-decay rates of heavy nuclei within a cluster model.");
  });

  it("gives an empty string for empty or blank input", () => {
    expect(tldr("")).toBe("");
    expect(tldr("   \n\t ")).toBe("");
  });

  it("keeps the first sentence of an older physics abstract that opens with the result", () => {
    const abstract =
      "The ground state of the two-dimensional Hubbard model is antiferromagnetic at half filling. The " +
      "calculation uses a quantum Monte Carlo method on lattices of up to 16 x 16 sites. Implications for the " +
      "cuprates are discussed.";
    expect(tldr(abstract)).toBe(
      "The ground state of the two-dimensional Hubbard model is antiferromagnetic at half filling.",
    );
  });

  it("prefers the contribution over a result list that comes later", () => {
    const abstract =
      "Graph neural networks are widely used for molecules. In this paper, we present a message-passing scheme " +
      "that respects chirality. It achieves 94.1% accuracy and outperforms the state-of-the-art on 5 benchmarks.";
    expect(tldr(abstract)).toBe(
      "In this paper, we present a message-passing scheme that respects chirality.",
    );
  });

  it("among contribution sentences, picks the one that names the abstract's topic", () => {
    // Both announce; the later one repeats the opener's terms (an acronym's expansion, a repeated
    // phrase), which is what a title would say. The opener itself is background and never chosen.
    const abstract =
      "Graph neural networks (GNNs) are widely used for molecular property prediction. However, they " +
      "struggle with long-range interactions. We introduce a simple training schedule. We propose LongGNN, " +
      "a graph neural network with global attention for molecular property prediction. Experiments show " +
      "gains of 5%.";
    expect(tldr(abstract)).toBe(
      "We propose LongGNN, a graph neural network with global attention for molecular property prediction.",
    );
    const scores = tldrScores(tldrCandidates(abstract));
    expect(scores[0]).toBe(Number.NEGATIVE_INFINITY);
    expect(scores[1]).toBe(Number.NEGATIVE_INFINITY);
  });

  it("shows a background sentence only when every sentence is background", () => {
    const abstract =
      "Large language models have become ubiquitous. However, their energy use remains poorly understood.";
    expect(tldr(abstract)).toBe("Large language models have become ubiquitous.");
  });

  it("is deterministic and indexes a sentence it was given", () => {
    const abstract =
      "We study the spectral gap of random regular graphs. We show that the gap is at least 0.1 with high " +
      "probability. The proof uses the trace method.";
    const sentences = tldrCandidates(abstract);
    const best = bestSentence(sentences);
    expect(best).toBeGreaterThanOrEqual(0);
    expect(best).toBeLessThan(sentences.length);
    expect(bestSentence(sentences)).toBe(best);
    expect(tldr(abstract)).toBe(sentences[best]);
  });
});
