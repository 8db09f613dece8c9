/**
 * The lexical model piece by piece: tokens, plural folding, stop-words, acronyms, phrases,
 * TF-IDF weighting, and how labels pick and show terms.
 */
import { describe, expect, it } from "vitest";
import { buildCorpus } from "../../../src/themes/corpus";
import { labelTheme } from "../../../src/themes/labels";
import { operatorQuery } from "../../../src/themes/operator-themes";
import { foldPlural } from "../../../src/themes/plural";
import { isBroadWord, isStopWord } from "../../../src/themes/stop-words";
import { tokenize } from "../../../src/themes/tokenize";

const keys = (text: string) =>
  tokenize(text)
    .segments.flat()
    .filter((t) => t.kind !== "stop")
    .map((t) => t.key);

describe("tokens", () => {
  it("folds plurals without merging different words", () => {
    const cases: Array<[string, string]> = [
      ["models", "model"],
      ["studies", "study"],
      ["caches", "cache"],
      ["patches", "patch"],
      ["processes", "process"],
      ["llms", "llm"],
      ["bias", "bias"],
      ["analysis", "analysis"],
      ["focus", "focus"],
      ["class", "class"],
    ];
    for (const [word, singular] of cases) expect(foldPlural(word), word).toBe(singular);
  });

  it("glues known prefixes and splits other hyphens", () => {
    expect(keys("pre-trained multi-modal models")).toEqual(keys("pretrained multimodal model"));
    expect(keys("mixture-of-experts")).toEqual(["mixture", "expert"]);
    expect(keys("Click-Through Rates")).toEqual(["click", "rate"]);
  });

  it("drops English and paper-boilerplate words, URLs and leftover LaTeX commands", () => {
    expect(
      keys("We propose a novel approach that significantly outperforms state-of-the-art methods"),
    ).toEqual([]);
    expect(keys("Code is available at https://github.com/x/y-z")).toEqual([]);
    expect(keys("the \\mathrm{KV} cache")).toEqual(["kv", "cache"]);
    expect(keys("a 1.4B model with 3x speedup in 2024, for 3D scenes")).toEqual([
      "model",
      "speedup",
      "3d",
      "scene",
    ]);
    for (const w of ["propose", "results", "the", "novel", "performance", "state"]) {
      expect(isStopWord(w) || isBroadWord(w), w).toBe(true);
    }
    expect(isStopWord("quantization")).toBe(false);
    expect(isBroadWord("model")).toBe(true);
  });

  it("records acronyms defined in the text", () => {
    const pairs = (text: string) => tokenize(text).acronyms;
    expect(pairs("Large Language Models (LLMs) are")).toEqual([["llm", "large language model"]]);
    expect(pairs("a mixture-of-experts (MoE) layer")).toEqual([["moe", "mixture of expert"]]);
    expect(pairs("Low-Rank Adaptation (LoRA) helps")).toEqual([["lora", "low rank adaptation"]]);
    expect(pairs("the key-value (KV) caches")).toEqual([["kv", "key value"]]);
    expect(pairs("trained on a GPU (NVIDIA)")).toEqual([]);
  });

  it("never throws on odd input", () => {
    for (const text of [
      "",
      "((((",
      "()",
      "-",
      "’s",
      "\\",
      "(A)",
      "日本語のテキスト",
      "🙂 (XY) 🙂",
      "a".repeat(5000),
    ]) {
      expect(() => tokenize(text)).not.toThrow();
    }
  });
});

const KV = [
  "KV cache compression for long-context LLM inference reduces memory. The KV cache grows with context.",
  "We quantize the KV cache to 2 bits; KV cache quantization keeps accuracy for LLM inference.",
  "Eviction policies for the KV cache of large language models (LLMs) under long context.",
  "Speculative decoding with a small draft model accelerates LLM inference; KV cache reuse helps.",
];
const MOE = [
  "A mixture of experts (MoE) model routes tokens to experts; expert load balancing matters.",
  "Sparse mixture-of-experts training with expert parallelism scales multimodal pretraining.",
  "Mixture of experts routing for multimodal models: experts specialise by modality.",
];
const PHYSICS = [
  "Raman scattering reveals phonon modes in a ferroelectric thin film.",
  "Magnon and phonon coupling in an antiferromagnet measured by terahertz spectroscopy.",
  "Superconducting gap and phonon modes under pressure; Raman spectra of the film.",
];

describe("phrases and TF-IDF", () => {
  const papers = [...KV, ...MOE, ...PHYSICS].map((text) => ({ text }));
  const corpus = buildCorpus(papers);

  it("keeps frequent collocations as features of their own", () => {
    for (const phrase of ["kv cache", "llm inference", "mixture of expert", "long context"]) {
      expect(corpus.termIds.has(phrase), phrase).toBe(true);
    }
    expect(corpus.termIds.has("cache compression")).toBe(false); // once only
    expect(corpus.equivalents.get("llm")).toBe("large language model");
  });

  it("builds unit-length vectors with sublinear term frequency", () => {
    for (const v of corpus.vectors) {
      const norm = Math.sqrt(v.weights.reduce((s, w) => s + w * w, 0));
      expect(norm).toBeCloseTo(1, 9);
    }
    // "alpha" ten times vs once, against one other word: weights 1 + ln 10 vs 1 (same idf).
    const c = buildCorpus([
      { text: `${"alpha ".repeat(10)}beta` },
      { text: "beta alpha" },
      { text: "gamma" },
    ]);
    const v = c.vectors[0]!;
    const w = (k: string) => v.weights[[...v.ids].indexOf(c.termIds.get(k)!)]!;
    expect(w("alpha") / w("beta")).toBeCloseTo(1 + Math.log(10), 9);
  });

  it("labels with distinctive phrases, shown as written, without repeating a concept", () => {
    const { terms } = labelTheme(corpus, [0, 1, 2, 3], papers);
    expect(terms[0]).toBe("KV cache");
    expect(terms).not.toContain("cache");
    expect(terms.filter((t) => /^(LLM|large language models?)$/i.test(t)).length).toBeLessThanOrEqual(1);
    const moe = labelTheme(corpus, [4, 5, 6], papers).terms;
    expect(moe[0]).toMatch(/^mixture[- ]of[- ]experts$/i);
    expect(moe).not.toContain("experts");
    expect(labelTheme(corpus, [7, 8, 9], papers).terms.some((t) => t.includes("phonon"))).toBe(true);
  });
});

/**
 * Word soup: terms that are broad words alone ("image · text"), or two names for one thing
 * ("modality · multi-modal", "MoE · mixture of experts"), or no phrase at all where one exists.
 */
function expectTopicName(terms: readonly string[]): void {
  const words = (t: string) =>
    t
      .toLowerCase()
      .split(/[\s-]+/)
      .filter((w) => w !== "of");
  for (const t of terms) if (!t.includes(" ") && !t.includes("-")) expect(isBroadWord(t), t).toBe(false);
  for (const a of terms) {
    for (const b of terms) {
      if (a === b) continue;
      for (const x of words(a)) {
        for (const y of words(b)) {
          const [short, long] = x.length <= y.length ? [x, y] : [y, x];
          if (short.length >= 5) expect(long.startsWith(short), `${a} / ${b}`).toBe(false);
        }
      }
    }
  }
}

describe("labels of small themes", () => {
  // Image and text everywhere, early fusion and mixture of experts shared: the label must name
  // the topic, not the broad words.
  const FUSION = [
    "Image and text tokens are interleaved in one early-fusion model. Image, text, image and text again: pretraining a mixture of experts (MoE) over image and text.",
    "An early fusion architecture for image and text where each image token and each text token is routed by a MoE layer.",
    "Mixture-of-experts layers for early fusion of image and text; image generation and text generation share one model.",
    "Scaling early fusion models on image and text data with a sparse mixture of experts and image-text pairs.",
  ];
  const SPIN = [
    "Spin waves in a ferromagnetic film: spin wave damping measured by Brillouin light scattering.",
    "Magnon spin currents and spin wave propagation in yttrium iron garnet films.",
    "Nonreciprocal spin wave propagation from the Dzyaloshinskii-Moriya interaction in ferromagnetic films.",
  ];
  const STRAYS = [
    "Let the algebra be an Auslander algebra of global dimension two; its modules are classified.",
    "Fake news detection from limited fact-checks with prompt tuning.",
  ];
  const papers = [...FUSION, ...SPIN, ...STRAYS].map((text) => ({ text }));
  const corpus = buildCorpus(papers);

  it("prefers shared phrases to broad words, and names each concept once", () => {
    const { terms } = labelTheme(corpus, [0, 1, 2, 3], papers);
    expectTopicName(terms);
    expect(terms).not.toContain("image");
    expect(terms).not.toContain("text");
    expect(terms.some((t) => /^early[- ]fusion/i.test(t))).toBe(true);
    // MoE and mixture of experts are one concept: one of the two, never both.
    expect(terms.filter((t) => /^(MoE|mixture[- ]of[- ]experts)$/i.test(t))).toHaveLength(1);
    expect(labelTheme(corpus, [4, 5, 6], papers).terms[0]).toMatch(/^spin wave/i);
  });

  it("counts an acronym and its expansion as one concept, shown as most papers write it", () => {
    const texts = [
      "Sparse MoE layers route tokens to experts.",
      "MoE routing with expert load balancing for translation.",
      "A mixture of experts (MoE) for speech recognition with routing.",
      "Mixture-of-experts routing without auxiliary losses.",
      "Routing in a mixture of experts at scale.",
      "Phonon transport in graphene nanoribbons.",
      "Phonon lifetimes in silicon from first principles.",
    ].map((text) => ({ text }));
    const c = buildCorpus(texts);
    const { terms } = labelTheme(c, [0, 1, 2, 3, 4], texts);
    expect(terms[0]).toMatch(/^mixture[- ]of[- ]experts$/i); // three papers write it, three "MoE"
    expect(terms).not.toContain("MoE");
    expectTopicName(terms);
  });

  it("never shows near-twins side by side", () => {
    const texts = [
      "Multi-modal agents: modality gaps between agents in multi-agent systems.",
      "Modality alignment for multi-modal agents and multi-agent planning.",
      "A modality-aware multi-modal agent for multi-agent games.",
      "Protein folding with diffusion.",
      "Protein design with diffusion models.",
    ].map((text) => ({ text }));
    const c = buildCorpus(texts);
    expectTopicName(labelTheme(c, [0, 1, 2], texts).terms);
  });
});

describe("operator theme queries", () => {
  it("weighs a keyword phrase fully and its words by half", () => {
    const q = operatorQuery({
      id: "op",
      name: "Serving",
      keywords: ["KV cache", "quantization"],
      description: "memory",
    });
    expect(q.terms.get("kv cache")).toBe(1);
    expect(q.terms.get("cache")).toBe(0.5);
    expect(q.terms.get("quantization")).toBe(1);
    expect(q.terms.get("serving")).toBe(1);
    expect(q.terms.get("memory")).toBe(0.5);
  });
});
