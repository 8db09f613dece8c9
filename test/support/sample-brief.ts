/**
 * A subscriber's model (digest/subscriber-digest.ts) from a hand-built or generated digest, without
 * D1: the default (representative) order, or a given order standing in for a profile's ranking.
 * And a large generated week (1,500 papers, long titles and author lists) for the size tests.
 */
import type { TeamSignalRow } from "../../src/db/queries/team-picks";
import { filterDigest } from "../../src/digest/filter-digest";
import { readerLinks } from "../../src/digest/reader-links";
import { briefOf, type SubscriberDigest } from "../../src/digest/subscriber-digest";
import { representativeOrder, type SubscriberRanking } from "../../src/digest/subscriber-ranking";
import type { Digest, DigestPaper, DigestTheme } from "../../src/digest/types";
import { sampleDigest, samplePaper, sampleTheme } from "./sample-digest";

export const BASE = "https://digest.example.org";
export const READER_TOKEN = `rd_${"R".repeat(43)}`;

export interface BriefOptions {
  themes?: string[];
  query?: string | null;
  size?: number;
  /** Ranked as if by a profile: these keys first, in this order (`why` names them). */
  profileOrder?: string[];
  /** The readers' likes and saves of the week (team picks). */
  teamSignals?: TeamSignalRow[];
}

export function rankingFor(digest: Digest, options: BriefOptions = {}): SubscriberRanking {
  const filtered = filterDigest(digest, { themes: options.themes ?? [], query: options.query ?? null });
  const order = representativeOrder(filtered);
  if (!options.profileOrder) {
    return {
      subscriptionId: "sub-1",
      week: digest,
      filtered,
      ranked: order,
      ranking: "default",
      exclude: [],
      teamSignals: options.teamSignals ?? [],
    };
  }
  const first = new Set(options.profileOrder);
  const ranked = [
    ...options.profileOrder.flatMap((key, i) =>
      order.some((r) => r.key === key)
        ? [{ key, score: 1 - i / 100, why: `close to "a paper you liked" (0.${90 - i})`, reasons: [] }]
        : [],
    ),
    ...order.filter((r) => !first.has(r.key)),
  ];
  return {
    subscriptionId: "sub-1",
    week: digest,
    filtered,
    ranked,
    ranking: "profile",
    exclude: [],
    teamSignals: options.teamSignals ?? [],
  };
}

export function briefFor(digest: Digest, options: BriefOptions = {}): SubscriberDigest {
  return briefOf(rankingFor(digest, options), options.size ?? 10, BASE);
}

export function sampleReaderLinks(week: string) {
  return readerLinks({
    publicBaseUrl: BASE,
    subscriptionId: "sub-1",
    readerToken: READER_TOKEN,
    week,
    unsubscribe: `${BASE}/unsubscribe?token=unsub_${"A".repeat(43)}`,
  });
}

const WORDS = "sparse attention retrieval graph robust diffusion policy quantum lattice spectral".split(" ");

/** `papers` new papers in `themes` themes (+ "other"), with long titles, author lists and TL;DRs. */
export function largeDigest(papers = 1_500, themes = 40): Digest {
  const base = sampleDigest();
  const list: DigestTheme[] = [];
  for (let t = 0; t <= themes; t++) {
    const isOther = t === themes;
    list.push(
      sampleTheme({
        id: isOther ? "other" : `t${t + 1}`,
        kind: isOther ? "other" : "found",
        label: isOther
          ? "Other"
          : `Theme ${t + 1}: ${WORDS[t % WORDS.length]} and ${"long ".repeat(15)}label`,
        papers: [],
        updated: [],
      }),
    );
  }
  for (let i = 0; i < papers; i++) {
    const id = `2602.${String(10000 + i)}`;
    const paper: DigestPaper = samplePaper({
      key: `arxiv:${id}`,
      arxivId: id,
      title: `${WORDS[i % WORDS.length]} ${"très long <title> & “quotes” ".repeat(12)} ${i}`,
      authors: Array.from({ length: 40 }, (_, a) => `Author Number${a} Surname-${i}`),
      tldr: `We show ${"that a very long result sentence keeps going ".repeat(10)}${i}.`,
      summary: `We show ${"a long summary ".repeat(20)}.`,
      themeSimilarity: 1 - (i % 100) / 100,
      links: { abs: `https://arxiv.org/abs/${id}`, pdf: `https://arxiv.org/pdf/${id}` },
    });
    const theme = list[i % list.length]!;
    theme.papers.push(paper);
    if (i % 10 === 0) {
      theme.updated.push({
        ...paper,
        key: `arxiv:2501.${10000 + i}`,
        verdict: "new-version",
        latestVersion: 2,
      });
    }
  }
  const seenBefore = Array.from({ length: 200 }, (_, i) => ({
    key: `arxiv:2401.${10000 + i}`,
    title: `Seen before ${"long ".repeat(40)}${i}`,
    verdict: "duplicate" as const,
    similarity: 1,
    firstSeenWeek: "2026-W01",
    records: 1,
    links: null,
  }));
  return { ...base, themes: list, seenBefore };
}
