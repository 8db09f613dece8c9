/**
 * The seed samples as a reader would see them: their papers are about LLM inference efficiency,
 * recommendation models, multimodal and mixture-of-experts training, condensed-matter physics,
 * and a few strays. Nothing of that is in src/: these tests only check that the engine finds
 * that structure on its own (who lands with whom, what the labels look like).
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { latexToPlain } from "../../../src/ingest/text/latex";
import {
  assignThemes,
  isBroadWord,
  isStopWord,
  OTHER_THEME_ID,
  type ThemePaper,
  type ThemeResult,
} from "../../../src/themes";

const SEEDS = ["000_6a4379718c0c1abb", "002_3a1a5da40a18a229", "003_83750b29675ba264"];

async function seedText(name: string): Promise<string> {
  return (await env.FIXTURES.fetch(`http://fixtures/seeds/${name}.txt`)).text();
}

/** Listing layout: the first paragraph after each `arXiv:` block (or the file start) is an abstract. */
function listingAbstracts(text: string): string[] {
  const out: string[] = [];
  let pending: string | null = null;
  for (const block of text.split(/\n\s*\n/).map((b) => b.trim())) {
    if (block.startsWith("arXiv:")) {
      if (pending) out.push(pending);
      pending = null;
    } else if (pending === null) {
      pending = block;
    }
  }
  return out;
}

/** Line layout: one `Abstract:` line per paper. */
function lineAbstracts(text: string): string[] {
  return text
    .split("\n")
    .filter((l) => l.startsWith("Abstract:"))
    .map((l) => l.slice("Abstract:".length).trim());
}

const papersByFile = new Map<string, ThemePaper[]>();
const union: ThemePaper[] = [];

beforeAll(async () => {
  const seen = new Set<string>();
  for (const name of SEEDS) {
    const text = await seedText(name);
    const abstracts = name.startsWith("003") ? lineAbstracts(text) : listingAbstracts(text);
    const papers = abstracts.map((a, i) => ({ id: `${name.slice(0, 3)}-${i}`, abstract: latexToPlain(a) }));
    papersByFile.set(name, papers);
    // The same paper recurs across files (sometimes lightly edited): keep its first copy.
    for (const p of papers) {
      const key = p.abstract.slice(0, 80);
      if (!seen.has(key)) union.push(p);
      seen.add(key);
    }
  }
});

const about = (papers: ThemePaper[], pattern: RegExp) => papers.filter((p) => pattern.test(p.abstract));
const themeOf = (r: ThemeResult, p: ThemePaper) => r.assignments.find((a) => a.paperId === p.id)!.themeId;

const PHYSICS = /ferroelectric|phonon|magnon|superconduct|Dzyaloshinskii|Raman/;
const ML = /language model|LLM|recommendation|neural network|deep learning|machine learning/i;

function expectReadableLabels(r: ThemeResult, papers: readonly ThemePaper[]): void {
  for (const theme of r.themes) {
    expect(theme.terms.length, theme.label).toBeGreaterThanOrEqual(2);
    expect(theme.terms.length, theme.label).toBeLessThanOrEqual(4);
    expect(theme.label).toBe(theme.terms.join(" · "));
    for (const term of theme.terms) {
      const words = term.split(/[\s-]+/);
      // "of" may join a phrase ("mixture of experts"); no other stop-word may appear at all.
      for (const word of words.filter((w, i) => w !== "of" || i === 0 || i === words.length - 1)) {
        expect(isStopWord(word), `"${word}" in "${theme.label}"`).toBe(false);
      }
      if (words.length === 1) expect(isBroadWord(term), `"${term}" alone in "${theme.label}"`).toBe(false);
    }
    // No word soup: a term is never repeated inside another term of the same label, nor is a
    // near-twin of one ("modality" / "multi-modal", "recommendation" / "recommender").
    for (const a of theme.terms) {
      for (const b of theme.terms) {
        if (a === b) continue;
        expect(` ${b.toLowerCase()} `).not.toContain(` ${a.toLowerCase()} `);
        for (const x of wordsOf(a)) {
          for (const y of wordsOf(b)) {
            // One word in two phrases is allowed ("recommendation models · model complexity").
            const [short, long] = x.length <= y.length ? [x, y] : [y, x];
            if (short.length >= 5 && long.replace(/s$/, "") !== short.replace(/s$/, ""))
              expect(long.startsWith(short), `${a} / ${b}`).toBe(false);
          }
        }
      }
    }
    // Each term is what several of the theme's papers say, not one paper's word: written in at
    // least two of them (an expansion also counts where a paper writes only its acronym).
    const members = r.assignments
      .filter((a) => a.themeId === theme.id)
      .map((a) => papers.find((p) => p.id === a.paperId)!.abstract);
    for (const term of theme.terms) {
      const acronym = wordsOf(term)
        .map((w) => w[0])
        .join("");
      // Hyphens either way: "pre-training" / "pretraining", "mixture-of-experts" / "mixture of experts".
      const writes = (text: string) =>
        [" ", ""].some((h) => normalised(text, h).includes(normalised(term, h).replace(/s$/, ""))) ||
        (acronym.length >= 2 && normalised(text, " ").includes(` ${acronym}`));
      expect(members.filter(writes).length, `"${term}" in "${theme.label}"`).toBeGreaterThanOrEqual(2);
    }
  }
}

const normalised = (text: string, hyphen: string) =>
  ` ${text.toLowerCase().replace(/-/g, hyphen).replace(/\s+/g, " ")}`;
const wordsOf = (term: string) =>
  term
    .toLowerCase()
    .replace(/^(multi|pre|self|cross|non)-/, "")
    .split(/[\s-]+/)
    .filter((w) => w !== "of");

describe("themes on the seed samples (all three files, duplicates dropped)", () => {
  let result: ThemeResult;
  beforeAll(() => {
    result = assignThemes(union, [], { week: "2025-W01" });
  });

  it("finds a handful of themes and leaves strays in Other", () => {
    expect(union.length).toBeGreaterThanOrEqual(20);
    expect(result.themes.length).toBeGreaterThanOrEqual(3);
    expect(result.themes.length).toBeLessThanOrEqual(7);
    const other = result.assignments.filter((a) => a.themeId === OTHER_THEME_ID).length;
    expect(other).toBeGreaterThan(0);
    expect(other).toBeLessThanOrEqual(union.length / 2);
  });

  it("keeps the condensed-matter physics papers together and away from the ML papers", () => {
    const physics = about(union, PHYSICS);
    expect(physics.length).toBeGreaterThanOrEqual(5);
    const themes = physics.map((p) => themeOf(result, p)).filter((t) => t !== OTHER_THEME_ID);
    const main = mostCommon(themes);
    expect(themes.filter((t) => t === main).length).toBeGreaterThanOrEqual(physics.length - 1);
    for (const p of about(union, ML)) expect(themeOf(result, p)).not.toBe(main);
  });

  it("puts the recommendation-model papers in one theme", () => {
    const rec = about(union, /recommendation models?\b/i);
    expect(rec.length).toBeGreaterThanOrEqual(3);
    const themes = new Set(rec.map((p) => themeOf(result, p)));
    expect(themes.size).toBe(1);
    expect(themes.has(OTHER_THEME_ID)).toBe(false);
  });

  it("groups LLM inference efficiency, and the multimodal mixture-of-experts training papers", () => {
    const inference = about(union, /KV caches|LLM service/);
    expect(inference.length).toBe(2);
    expect(themeOf(result, inference[0]!)).toBe(themeOf(result, inference[1]!));
    expect(themeOf(result, inference[0]!)).not.toBe(OTHER_THEME_ID);
    const moe = about(union, /Mixture-of-Transformers|MoMa/);
    expect(moe.length).toBe(2);
    expect(themeOf(result, moe[0]!)).toBe(themeOf(result, moe[1]!));
    expect(themeOf(result, moe[0]!)).not.toBe(themeOf(result, inference[0]!));
  });

  it("keeps the pure-mathematics stray out of the ML themes", () => {
    const [algebra] = about(union, /Auslander algebra/);
    const theme = themeOf(result, algebra!);
    const mates = union.filter((p) => p !== algebra && themeOf(result, p) === theme);
    if (theme !== OTHER_THEME_ID) expect(mates.filter((p) => ML.test(p.abstract))).toEqual([]);
  });

  it("names the themes by the phrases their papers share", () => {
    const label = (pattern: RegExp) => {
      const theme = themeOf(result, about(union, pattern)[0]!);
      return result.themes.find((t) => t.id === theme)!.terms;
    };
    expect(label(/KV caches/)).toContain("KV cache");
    expect(label(/recommendation models?\b/i).some((t) => t.includes(" ") && /recommend/i.test(t))).toBe(
      true,
    );
  });

  it("labels themes with 2–4 readable terms, no stop-words, no repeats", () => {
    expectReadableLabels(result, union);
  });
});

describe("themes on each seed file alone", () => {
  it("separates physics from ML in 000 and gives every file readable labels", () => {
    for (const [name, papers] of papersByFile) {
      const r = assignThemes(papers, [], { week: "2025-W01" });
      expect(r.assignments).toHaveLength(papers.length);
      expectReadableLabels(r, papers);
      for (const theme of r.themes) {
        const members = papers.filter((p) => themeOf(r, p) === theme.id);
        const physics = members.filter((p) => PHYSICS.test(p.abstract)).length;
        expect(physics === 0 || physics === members.length, `${name}: ${theme.label}`).toBe(true);
      }
    }
  });
});

function mostCommon(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}
