import { describe, expect, it } from "vitest";
import { termFeatures, termLikelihood, termScores, termsOf } from "../../../src/ingest/text/tldr-terms";

const SENTENCES = [
  "Spoken language models (SLMs) answer only after the user has finished speaking.",
  "This causes high latency in spoken language models.",
  "We propose SHANKS, a streaming inference framework for real-time reasoning.",
  "Extensive experiments demonstrate significant improvements over existing baselines.",
];

describe("termFeatures", () => {
  const features = termFeatures(SENTENCES, 2);

  it("marks an acronym's expansion, a repeated phrase and capitals", () => {
    for (const word of ["spoken", "language", "model"]) {
      expect(features.get(word)?.acronymExpansion).toBe(1);
      expect(features.get(word)?.repeatedPhrase).toBe(1);
      expect(features.get(word)?.spread).toBe(0.5);
    }
    expect(features.get("slm")?.capitalised).toBe(1);
    expect(features.get("shank")?.allCaps).toBe(1); // "SHANKS", plural folded like every word
    expect(features.get("latency")?.acronymExpansion).toBe(0);
  });

  it("flags the first cue's sentence, the words after the first cue and generic vocabulary", () => {
    expect(features.get("streaming")?.inFirstCue).toBe(1);
    expect(features.get("streaming")?.afterCue).toBe(1);
    expect(features.get("latency")?.afterCue).toBe(0);
    expect(features.get("significant")?.generic).toBe(1);
    expect(features.get("streaming")?.generic).toBe(0);
  });

  it("leaves out function words and bare numbers", () => {
    const words = termFeatures(["We train the model for 100 epochs.", "The model is small."], -1);
    expect(words.has("the")).toBe(false);
    expect(words.has("100")).toBe(false);
    expect(words.get("model")?.inFirstCue).toBe(0);
  });
});

describe("termScores", () => {
  it("scores the sentence that names the recurring topic above one of generic claims", () => {
    const [opening, , contribution, results] = termScores(SENTENCES, SENTENCES, 2);
    expect(opening!).toBeGreaterThan(results!);
    expect(contribution!).toBeGreaterThan(results!);
  });

  it("counts only the words that are shown", () => {
    const cut = SENTENCES.map((sentence) => sentence.slice(0, 20));
    const whole = termScores(SENTENCES, SENTENCES, 2);
    const shown = termScores(SENTENCES, cut, 2);
    shown.forEach((score, i) => {
      expect(score).toBeLessThanOrEqual(whole[i]!);
    });
    expect(shown[0]!).toBeLessThan(whole[0]!);
  });

  it("gives likelihoods between 0 and 1 and counts a repeated word once", () => {
    for (const f of termFeatures(SENTENCES, 2).values()) {
      const p = termLikelihood(f);
      expect(p).toBeGreaterThan(0);
      expect(p).toBeLessThan(1);
    }
    expect([...termsOf("Models, models and MODELS.")]).toEqual(["model", "and"]);
  });
});
