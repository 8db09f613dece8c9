/**
 * A generated week the size of the benchmark's largest (BENCHMARKS.md: 6,000 papers, 20 themes and
 * 344 papers in Other), for measuring the pages without ingesting and clustering 6,000 abstracts.
 * Seeded, so every run renders the same bytes. `full: true` fills every text field to its limit
 * (title, authors, a 300-character summary, a 250-character TL;DR, code links), the worst case the
 * size bound must still hold for.
 */
import type { Digest, DigestPaper, DigestTheme, SeenBeforeEntry } from "../../../src/digest/types";
import { seeded } from "../../support/synthetic";

export interface LargeDigestOptions {
  papers?: number;
  /** Found themes; Other gets `other` papers on top. */
  themes?: number;
  other?: number;
  /** Papers updated this week, spread over the themes. */
  updated?: number;
  seenBefore?: number;
  full?: boolean;
}

const SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi", "pe", "su", "di", "go", "ha", "ju"];

function textMaker(seed: number) {
  const next = seeded(seed);
  const word = () => {
    let out = "";
    const n = 2 + Math.floor(next() * 3);
    for (let i = 0; i < n; i++) out += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
    return out;
  };
  /** Words up to `chars` characters, at least `min`. */
  const words = (min: number, chars: number) => {
    const target = min + Math.floor(next() * (chars - min + 1));
    let out = word();
    while (out.length < target) out += ` ${word()}`;
    return out.slice(0, chars);
  };
  return { next, word, words };
}

export function largeDigest(options: LargeDigestOptions = {}): Digest {
  const total = options.papers ?? 6_000;
  const themeCount = options.themes ?? 20;
  const otherCount = options.other ?? 344;
  const updatedCount = options.updated ?? 300;
  const seenCount = options.seenBefore ?? 200;
  const full = options.full ?? false;
  const { next, word, words } = textMaker(7);

  let serial = 0;
  const paper = (verdict: DigestPaper["verdict"]): DigestPaper => {
    serial++;
    const arxivId = `2602.${String(serial).padStart(5, "0")}`;
    const summary = `${words(full ? 300 : 180, 300)}.`.slice(0, 300);
    return {
      key: `arxiv:${arxivId}`,
      arxivId,
      title: `${words(full ? 200 : 40, full ? 200 : 110)} ${serial}`,
      titleDerived: false,
      authors: Array.from({ length: full ? 8 : 1 + Math.floor(next() * 6) }, () =>
        full ? `${words(20, 20)} ${words(20, 20)}` : `${word()} ${word()}`,
      ),
      categories: ["cs.LG", "cs.CL", "stat.ML"].slice(0, full ? 3 : 1 + Math.floor(next() * 3)),
      summary,
      tldr: `${words(full ? 249 : 90, 249)}.`,
      verdict,
      latestVersion: verdict === "new" ? 1 : 2 + Math.floor(next() * 3),
      themeSimilarity: 0.5,
      firstSeenAt: "2026-02-10T09:00:00.000Z",
      links: { abs: `https://arxiv.org/abs/${arxivId}`, pdf: `https://arxiv.org/pdf/${arxivId}` },
      codeLinks:
        full || next() < 0.15 ? [`https://github.com/${word()}/${words(8, 30).replace(/ /g, "-")}`] : [],
    };
  };

  // Theme sizes fall off like the benchmark's (the largest a few times the smallest); the last takes the rest.
  const inThemes = total - otherCount;
  const weights = Array.from({ length: themeCount }, (_, i) => 1 / (1 + i / 4));
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.floor((inThemes * w) / weightSum));
  sizes[themeCount - 1]! += inThemes - sizes.reduce((a, b) => a + b, 0);

  const themes: DigestTheme[] = sizes.map((size, i) => ({
    id: `t${i + 1}`,
    label: `${word()} ${word()}`,
    terms: [word(), word(), word()],
    kind: "found",
    isNew: i % 7 === 0,
    papers: Array.from({ length: size }, () => paper("new")),
    updated: [],
  }));
  themes.push({
    id: "other",
    label: "Other",
    terms: [],
    kind: "other",
    isNew: false,
    papers: Array.from({ length: otherCount }, () => paper("new")),
    updated: [],
  });
  // Updates crowd into the first themes, as they do into the large ones.
  for (let i = 0; i < updatedCount; i++) {
    themes[Math.floor(next() * next() * themes.length)]!.updated.push(paper("new-version"));
  }

  const seenBefore: SeenBeforeEntry[] = Array.from({ length: seenCount }, (_, i) => ({
    key: `arxiv:2601.${String(i).padStart(5, "0")}`,
    title: words(full ? 200 : 40, full ? 200 : 110),
    verdict: i % 3 === 0 ? "near-duplicate" : "duplicate",
    similarity: 0.9,
    firstSeenWeek: "2026-W05",
    records: 1 + (i % 3),
    links: {
      abs: `https://arxiv.org/abs/2601.${String(i).padStart(5, "0")}`,
      pdf: `https://arxiv.org/pdf/2601.${String(i).padStart(5, "0")}`,
    },
  }));

  return {
    week: "2026-W07",
    status: "published",
    range: { start: "2026-02-09T00:00:00.000Z", end: "2026-02-16T00:00:00.000Z" },
    generatedAt: "2026-02-16T08:00:03.000Z",
    themes,
    seenBefore,
    stats: {
      newPapers: total,
      updatedPapers: updatedCount,
      seenBefore: seenCount,
      verdicts: { new: total, "new-version": updatedCount, duplicate: seenCount },
      byTheme: themes.map((t) => ({ id: t.id, label: t.label, papers: t.papers.length })),
      previousWeeks: [{ week: "2026-W06", papers: 5_500 }],
      changeFromPreviousWeek: total - 5_500,
    },
  };
}
