/** Hand-built digests for the render tests: every field the pages show, some of it hostile. */
import type { Digest, DigestPaper, DigestTheme, ThemeHistory } from "../../src/digest/types";

export function samplePaper(overrides: Partial<DigestPaper> = {}): DigestPaper {
  const arxivId = overrides.arxivId === undefined ? "2602.01234" : overrides.arxivId;
  return {
    key: arxivId ? `arxiv:${arxivId}` : "fp:abc",
    arxivId,
    title: "Sparse mixtures of experts for long-context retrieval",
    titleDerived: false,
    authors: ["Ada Lovelace", "Alan Turing"],
    categories: ["cs.LG", "cs.CL"],
    summary: "We route tokens to a few experts and keep retrieval quality at a tenth of the cost.",
    tldr: "We route tokens to a few experts and keep retrieval quality at a tenth of the cost.",
    verdict: "new",
    latestVersion: 1,
    themeSimilarity: 0.8,
    firstSeenAt: "2026-02-10T09:00:00.000Z",
    links: arxivId
      ? { abs: `https://arxiv.org/abs/${arxivId}`, pdf: `https://arxiv.org/pdf/${arxivId}` }
      : null,
    codeLinks: [],
    ...overrides,
  };
}

export function sampleTheme(overrides: Partial<DigestTheme> = {}): DigestTheme {
  return {
    id: "t1",
    label: "Mixture of experts",
    terms: ["experts", "routing", "sparse"],
    kind: "found",
    isNew: false,
    papers: [samplePaper()],
    updated: [],
    ...overrides,
  };
}

export function sampleDigest(overrides: Partial<Digest> = {}): Digest {
  return {
    week: "2026-W07",
    status: "published",
    range: { start: "2026-02-09T00:00:00.000Z", end: "2026-02-16T00:00:00.000Z" },
    generatedAt: "2026-02-16T08:00:03.000Z",
    themes: [
      sampleTheme({
        id: "other",
        label: "Other",
        kind: "other",
        terms: [],
        papers: [samplePaper({ arxivId: "2602.09999", title: "A lonely paper" })],
      }),
      sampleTheme({
        isNew: true,
        papers: [
          samplePaper({ codeLinks: ["https://github.com/example/moe"] }),
          samplePaper({
            arxivId: null,
            title: "An id-less paper whose title comes from its abstract",
            titleDerived: true,
            authors: [],
          }),
        ],
        updated: [
          samplePaper({
            arxivId: "2511.00042",
            title: "Routing revisited",
            verdict: "new-version",
            latestVersion: 3,
          }),
        ],
      }),
      sampleTheme({
        id: "t2",
        label: "Graph neural networks",
        terms: ["graph", "message passing"],
        papers: [
          samplePaper({
            arxivId: "2602.05555",
            title: "Message passing on hypergraphs",
            authors: ["A", "B", "C", "D"],
          }),
        ],
      }),
    ],
    seenBefore: [
      {
        key: "arxiv:2512.00001",
        title: "An old favourite",
        verdict: "near-duplicate",
        similarity: 0.934,
        firstSeenWeek: "2026-W01",
        records: 2,
        links: { abs: "https://arxiv.org/abs/2512.00001", pdf: "https://arxiv.org/pdf/2512.00001" },
      },
    ],
    stats: {
      newPapers: 4,
      updatedPapers: 1,
      seenBefore: 1,
      verdicts: { new: 4, "new-version": 1, "near-duplicate": 2, duplicate: 0 },
      byTheme: [
        { id: "t1", label: "Mixture of experts", papers: 2 },
        { id: "t2", label: "Graph neural networks", papers: 1 },
        { id: "other", label: "Other", papers: 1 },
      ],
      previousWeeks: [
        { week: "2026-W05", papers: 2 },
        { week: "2026-W06", papers: 6 },
      ],
      changeFromPreviousWeek: -2,
    },
    ...overrides,
  };
}

export function sampleHistory(): ThemeHistory {
  return {
    weeks: ["2026-W05", "2026-W06", "2026-W07"],
    themes: [
      { id: "t1", label: "Mixture of experts", counts: [0, 4, 2] },
      { id: "t2", label: "Graph <neural> networks", counts: [2, 1, 1] },
      { id: "other", label: "Other", counts: [0, 1, 1] },
    ],
  };
}
