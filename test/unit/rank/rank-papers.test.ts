/**
 * The ranking engine on small synthetic weeks: liked papers pull similar ones up, disliked push
 * them down, excluded words remove papers, followed authors come first, reasons read well.
 */
import { describe, expect, it } from "vitest";
import {
  paperVector,
  type RankExample,
  type RankInterests,
  type RankPaper,
  rankPapers,
} from "../../../src/rank";

const NONE: RankInterests = { authors: [], keywords: [], exclude: [] };

function paper(key: string, title: string, text: string, authors: string[] = ["Some One"]): RankPaper {
  return { key, title, text, authors, vector: paperVector({ title, abstract: text, authors }) };
}

function example(p: RankPaper, kind: RankExample["kind"], at = 0): RankExample {
  return { key: p.key, title: p.title, vector: p.vector, kind, at };
}

// Topics with distinct vocabularies, plus filler papers so document frequencies look like a week.
const TOPICS = {
  retrieval: "dense retrieval reranking query document passage index search engine recall",
  robots: "robot manipulation grasping gripper locomotion trajectory control policy arm",
  audio: "speech audio waveform speaker spectrogram acoustic music sound vocoder",
  privacy: "privacy attack adversarial jailbreak defense membership inference leakage",
};
type Topic = keyof typeof TOPICS;

function topical(key: string, topic: Topic, variant: number, authors?: string[]): RankPaper {
  const words = TOPICS[topic].split(" ");
  const pick = words.filter((_, i) => (i + variant) % 3 !== 0).join(" ");
  return paper(
    key,
    `${words[variant % words.length]} ${words[(variant + 3) % words.length]} study`,
    `We study ${pick}. Our ${pick} method works.`,
    authors,
  );
}

function week(): RankPaper[] {
  const out: RankPaper[] = [];
  (Object.keys(TOPICS) as Topic[]).forEach((topic) => {
    for (let v = 0; v < 6; v++) out.push(topical(`${topic}-${v}`, topic, v));
  });
  return out;
}

const topicOf = (key: string) => key.split("-")[0];

describe("rankPapers", () => {
  it("puts papers similar to liked ones first", () => {
    const papers = week();
    const liked = topical("seed-r", "retrieval", 7);
    const ranked = rankPapers(papers, [example(liked, "seed")], NONE);
    expect(ranked).toHaveLength(papers.length);
    expect(ranked.slice(0, 6).map((r) => topicOf(r.key))).toEqual(Array(6).fill("retrieval"));
    const scores = ranked.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const s of scores) expect(s).toBeGreaterThanOrEqual(0);
    for (const s of scores) expect(s).toBeLessThanOrEqual(1);
  });

  it("pushes papers similar to disliked ones down", () => {
    const papers = week();
    // Liked: one retrieval and one robots paper; disliked: robots. Retrieval must then lead.
    const examples = [
      example(topical("seed-r", "retrieval", 7), "seed"),
      example(topical("seed-b", "robots", 7), "up"),
      example(topical("down-b1", "robots", 8), "down"),
      example(topical("down-b2", "robots", 9), "down"),
      example(topical("down-b3", "robots", 10), "down"),
    ];
    const withDown = rankPapers(papers, examples, NONE);
    const position = (list: typeof withDown, topic: string) =>
      list.findIndex((r) => topicOf(r.key) === topic);
    expect(position(withDown, "retrieval")).toBe(0);
    const meanRank = (list: typeof withDown, topic: string) =>
      list.reduce((s, r, i) => s + (topicOf(r.key) === topic ? i : 0), 0) / 6;
    const withoutDown = rankPapers(papers, examples.slice(0, 2), NONE);
    expect(meanRank(withDown, "robots")).toBeGreaterThan(meanRank(withoutDown, "robots"));
  });

  it("removes papers that mention an excluded word, whole words, any case or accent", () => {
    const papers = [
      paper("a", "Jailbreak attacks on LLMs", "We study jailbreaks."),
      paper("b", "Robot grasping", "A gripper for cafés."),
      paper("c", "Speech", "Audio waveform models; jailbreaking is not discussed."),
      paper("d", "Retrieval", "Dense retrieval for search."),
    ];
    const keys = rankPapers(papers, [], { authors: [], keywords: [], exclude: ["JAILBREAK", "cafe"] }).map(
      (r) => r.key,
    );
    expect(keys.sort()).toEqual(["c", "d"]);
  });

  it("puts followed authors first, tolerant of initials and name order", () => {
    const papers = week();
    papers.push(topical("by-ada", "audio", 11, ["Grace Hopper", "Ada Lovelace"]));
    const ranked = rankPapers(papers, [example(topical("seed-r", "retrieval", 7), "seed")], {
      authors: ["Lovelace, A."],
      keywords: [],
      exclude: [],
    });
    expect(ranked[0]!.key).toBe("by-ada");
    expect(ranked[0]!.score).toBeGreaterThan(0.5);
    expect(ranked[1]!.score).toBeLessThan(0.5);
    expect(ranked[0]!.why).toContain("by Ada Lovelace, whom you follow");
    expect(ranked[0]!.reasons[0]).toEqual({ kind: "author", name: "Ada Lovelace" });
  });

  it("lets keywords pull papers up and says so", () => {
    const papers = week();
    papers.push(paper("kw", "Sound of graphs", "We study Graph Neural Networks for acoustic scenes."));
    const ranked = rankPapers(papers, [], { authors: [], keywords: ["graph neural network"], exclude: [] });
    expect(ranked[0]!.key).toBe("kw");
    expect(ranked[0]!.why).toBe('mentions "graph neural network"');
  });

  it("explains similarity with the example's title, a rounded cosine and shared words", () => {
    const papers = week();
    const seed = paper(
      "seed",
      "Dense retrieval with rerankers",
      "Dense retrieval and reranking of passages for search.",
    );
    const ranked = rankPapers(papers, [example(seed, "seed")], NONE);
    const top = ranked[0]!;
    const reason = top.reasons.find((r) => r.kind === "similar");
    expect(reason).toBeDefined();
    if (reason?.kind !== "similar") throw new Error("no similarity reason");
    expect(reason.to).toBe("seed");
    expect(reason.similarity).toBeGreaterThan(0);
    expect(reason.terms.length).toBeGreaterThan(0);
    expect(top.why).toMatch(/^close to "Dense retrieval with rerankers" \(0\.\d\d\): \w+/);
  });

  it("ranks a paper that is also an example normally, and handles no examples", () => {
    const papers = week();
    const ranked = rankPapers(papers, [example(papers[0]!, "seed")], NONE);
    expect(ranked.map((r) => r.key).sort()).toEqual(papers.map((p) => p.key).sort());
    expect(topicOf(ranked[0]!.key)).toBe("retrieval");
    const cold = rankPapers(papers, [], NONE);
    expect(cold).toHaveLength(papers.length);
    expect(cold[0]!.why).toBe("no interests to compare with yet");
  });

  it("names reasons for as many papers as the caller shows, and says the rest are further down", () => {
    const papers = week();
    const ranked = rankPapers(papers, [example(topical("seed-r", "retrieval", 7), "seed")], NONE, {
      explain: 3,
    });
    expect(ranked.slice(0, 3).every((r) => r.reasons.some((x) => x.kind === "similar"))).toBe(true);
    expect(ranked.slice(3).some((r) => r.reasons.length > 0)).toBe(false);
    expect(ranked[3]!.why).toBe("less like the papers you liked than the ones above it");
  });

  it("ranks only the keys asked for", () => {
    const papers = week();
    const only = new Set(["audio-1", "robots-2", "retrieval-3"]);
    const ranked = rankPapers(papers, [example(topical("seed-a", "audio", 7), "seed")], NONE, { only });
    expect(ranked.map((r) => r.key).sort()).toEqual([...only].sort());
    expect(ranked[0]!.key).toBe("audio-1");
  });
});
