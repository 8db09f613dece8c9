/**
 * Properties of assignThemes on generated input: arbitrary text (it must never throw) and
 * topical text made of a few word pools (so that real themes form and the bookkeeping is
 * exercised): every paper placed exactly once, deterministic, independent of input order.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assignThemes, OTHER_THEME_ID, type ThemePaper, type ThemeResult } from "../../../src/themes";

const POOLS = [
  "quantization kv cache decoding latency memory inference throughput speculative tokens gpu",
  "phonon magnon spin lattice superconducting terahertz ferroelectric domain coupling raman",
  "recommendation ranking click embedding users advertising sharding tower interaction ctr",
  "segmentation lesion radiology scan tumor medical imaging mri ultrasound clinical",
].map((p) => p.split(" "));

/** A paper about one pool: mostly its words, some from others, some glue. */
const topicalPaper = fc
  .record({
    pool: fc.nat(POOLS.length - 1),
    picks: fc.array(fc.nat(999), { minLength: 8, maxLength: 40 }),
    noise: fc.array(fc.constantFrom("we", "propose", "novel", "model", "of", "the", "results", "and"), {
      maxLength: 10,
    }),
  })
  .map(({ pool, picks, noise }) => {
    const words = picks.map((k, i) => (i % 5 === 4 ? POOLS[k % POOLS.length]! : POOLS[pool]!)[k % 10]!);
    return { title: words.slice(0, 4).join(" "), abstract: `${words.join(" ")}. ${noise.join(" ")}.` };
  });

const arbitraryPaper = fc.record({
  title: fc.option(fc.string({ unit: "binary", maxLength: 60 }), { nil: undefined }),
  abstract: fc.oneof(
    fc.string({ unit: "binary", maxLength: 400 }),
    fc.string({ unit: "grapheme-ascii", maxLength: 400 }),
    fc.constant(""),
  ),
});

/** Papers with distinct ids p0, p1, … */
function withIds<T extends Omit<ThemePaper, "id">>(papers: T[]): ThemePaper[] {
  return papers.map((p, i) => ({ ...p, id: `p${i}` }));
}

const corpus = fc.oneof(
  fc.array(arbitraryPaper, { maxLength: 25 }).map(withIds),
  fc.array(topicalPaper, { minLength: 5, maxLength: 60 }).map(withIds),
);

function checkBookkeeping(papers: readonly ThemePaper[], r: ThemeResult): void {
  expect(r.assignments.map((a) => a.paperId)).toEqual(papers.map((p) => p.id));
  const ids = new Set(r.themes.map((t) => t.id));
  expect(ids.size).toBe(r.themes.length);
  for (const a of r.assignments) {
    expect(a.themeId === OTHER_THEME_ID || ids.has(a.themeId)).toBe(true);
    expect(Number.isFinite(a.similarity)).toBe(true);
  }
  for (const t of r.themes) {
    expect(r.assignments.filter((a) => a.themeId === t.id).length).toBe(t.size);
    expect(Number(t.id.slice(1))).toBeLessThan(r.nextThemeNumber);
  }
}

describe("assignThemes properties", () => {
  it("never throws, and places every paper exactly once", () => {
    fc.assert(
      fc.property(corpus, (papers) => {
        checkBookkeeping(papers, assignThemes(papers, [], { week: "2025-W01" }));
      }),
      { numRuns: 150 },
    );
  });

  it("is deterministic and ignores input order", () => {
    fc.assert(
      fc.property(
        corpus.chain((papers) =>
          fc.tuple(fc.constant(papers), fc.shuffledSubarray(papers, { minLength: papers.length })),
        ),
        ([papers, shuffled]) => {
          const a = assignThemes(papers, [], { week: "2025-W01" });
          expect(assignThemes(papers, [], { week: "2025-W01" })).toEqual(a);
          const b = assignThemes(shuffled, [], { week: "2025-W01" });
          const themeOf = (r: ThemeResult) => new Map(r.assignments.map((x) => [x.paperId, x.themeId]));
          expect(themeOf(b)).toEqual(themeOf(a));
          expect(b.themes).toEqual(a.themes);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("forms themes from topical papers, with labels from their own words", () => {
    fc.assert(
      fc.property(fc.array(topicalPaper, { minLength: 30, maxLength: 60 }).map(withIds), (papers) => {
        const r = assignThemes(papers, [], { week: "2025-W01" });
        expect(r.themes.length).toBeGreaterThanOrEqual(1);
        const vocabulary = new Set(POOLS.flat());
        for (const t of r.themes)
          for (const term of t.terms) for (const w of term.split(" ")) expect(vocabulary).toContain(w);
      }),
      { numRuns: 40 },
    );
  });

  it("keeps ids unique and the counter growing across weeks", () => {
    fc.assert(
      fc.property(corpus, corpus, (week1, week2) => {
        const first = assignThemes(week1, [], { week: "2025-W01" });
        const second = assignThemes(week2, first.themes, {
          week: "2025-W02",
          nextThemeNumber: first.nextThemeNumber,
        });
        checkBookkeeping(week2, {
          ...second,
          themes: second.themes.map((t) => {
            // Sizes accumulate over weeks: compare this week's share only.
            const before = first.themes.find((f) => f.id === t.id)?.size ?? 0;
            return { ...t, size: t.size - before };
          }),
        });
        expect(second.nextThemeNumber).toBeGreaterThanOrEqual(first.nextThemeNumber);
        for (const t of second.themes.filter((x) => x.createdWeek === "2025-W02")) {
          expect(Number(t.id.slice(1))).toBeGreaterThanOrEqual(first.nextThemeNumber);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe("weeks the cron may hand over", () => {
  // Last week's themes, as stored: two clear topics.
  const lastWeek = assignThemes(
    withIds(
      Array.from({ length: 40 }, (_, i) => ({
        abstract:
          i % 2
            ? `KV cache quantization and speculative decoding cut LLM inference latency (${i}).`
            : `Phonon and magnon coupling in ferroelectric thin films under terahertz driving (${i}).`,
      })),
    ),
    [],
    { week: "2025-W01" },
  );
  const next = { week: "2025-W02", nextThemeNumber: lastWeek.nextThemeNumber };

  it("returns the previous themes unchanged for an empty week", () => {
    expect(lastWeek.themes.length).toBeGreaterThanOrEqual(2);
    const r = assignThemes([], lastWeek.themes, next);
    expect(r).toEqual({
      assignments: [],
      themes: lastWeek.themes,
      nextThemeNumber: lastWeek.nextThemeNumber,
    });
    expect(assignThemes([], [], { week: "2025-W01" })).toEqual({
      assignments: [],
      themes: [],
      nextThemeNumber: 1,
    });
  });

  it("places a single paper in a previous theme or Other, never in a theme of its own", () => {
    const near = assignThemes(
      [{ id: "a", abstract: "KV cache quantization for LLM inference." }],
      lastWeek.themes,
      next,
    );
    expect(near.assignments[0]!.kind).toBe("existing");
    const alone = assignThemes([{ id: "b", abstract: "Auslander algebras of global dimension two." }], [], {
      week: "2025-W02",
    });
    expect(alone.assignments).toEqual([
      { paperId: "b", themeId: OTHER_THEME_ID, kind: "other", similarity: 0 },
    ]);
    expect(alone.themes).toEqual([]);
  });

  it("gives identical abstracts one theme with a readable label", () => {
    const text = "We study KV cache quantization for large language model inference on GPUs.";
    const r = assignThemes(withIds(Array.from({ length: 30 }, () => ({ abstract: text }))), [], {
      week: "2025-W02",
    });
    expect(r.themes).toHaveLength(1);
    expect(r.themes[0]!.size).toBe(30);
    expect(r.themes[0]!.terms.length).toBeGreaterThanOrEqual(2);
    expect(r.themes[0]!.terms.some((t) => /KV cache/.test(t))).toBe(true);
  });

  // Very short abstracts, other scripts, leftover LaTeX, control characters and lone surrogates.
  const fragment = fc.constantFrom(
    "",
    "a",
    "LLM",
    "KV cache",
    "quantization",
    "phonon",
    "(",
    ")",
    "$\\alpha$",
    "\\mathcal{O}(n^2)",
    "\\begin{equation} E = mc^2 \\end{equation}",
    "\\frac{1}{2}",
    "\\cite{x}",
    "%",
    "^_{}",
    "大型语言模型的键值缓存",
    "Квантование кэша для больших языковых моделей",
    "la quantification du cache des grands modèles",
    "\u0000\uFFFF\uD800",
    "🙂",
  );
  const oddPaper = fc.record({
    title: fc.option(
      fc.array(fragment, { maxLength: 3 }).map((f) => f.join(" ")),
      { nil: undefined },
    ),
    abstract: fc.oneof(
      fc.array(fragment, { maxLength: 12 }).map((f) => f.join(" ")),
      fc.string({ unit: "grapheme", maxLength: 200 }),
    ),
  });

  it("never throws on short, non-English or LaTeX-heavy text, and stays deterministic", () => {
    fc.assert(
      fc.property(
        fc.array(oddPaper, { maxLength: 30 }).map(withIds),
        fc.boolean(),
        (papers, withPrevious) => {
          const previous = withPrevious ? lastWeek.themes : [];
          const options = withPrevious ? next : { week: "2025-W02" };
          const r = assignThemes(papers, previous, options);
          expect(assignThemes(papers, previous, options)).toEqual(r);
          checkBookkeeping(papers, {
            ...r,
            themes: r.themes.map((t) => ({
              ...t,
              size: t.size - (previous.find((p) => p.id === t.id)?.size ?? 0),
            })),
          });
          for (const t of r.themes) expect(t.label).toBe(t.terms.join(" · "));
        },
      ),
      { numRuns: 80 },
    );
  });
});
