/**
 * Papers on a few distinct topics, in real English words, for ranking tests: every paper of a
 * topic draws most of its words from that topic's vocabulary and the rest from a shared pool,
 * with a seeded generator, so the same call always builds the same JSON-lines body.
 */
import { seeded } from "./synthetic";

export const TOPICS = {
  retrieval:
    "retrieval reranking query queries documents passages dense retriever search engine ranking relevance index corpus recall BM25 embeddings",
  robotics:
    "robot robots manipulation grasping locomotion legged gripper trajectory controller actuators dexterous hand navigation terrain torque",
  security:
    "attack attacks adversary malware privacy leakage intrusion vulnerability exploit encryption cryptographic defense threat firewall phishing",
  audio:
    "speech audio speaker acoustic waveform vocoder spectrogram prosody music singing sound microphone denoising pitch listening",
} as const;
export type Topic = keyof typeof TOPICS;

const SHARED =
  "we propose method results show approach model performance experiments novel framework data learning evaluation proposed improves baseline significant demonstrate task analysis".split(
    " ",
  );

export interface TopicalPaper {
  id: string;
  title: string;
  authors: string[];
  summary: string;
  topic: Topic;
}

/** `count` papers of `topic`, ids `2510.<first>`, `2510.<first + 1>`, … */
export function topicalPapers(topic: Topic, count: number, first: number, seed: number): TopicalPaper[] {
  const next = seeded(seed);
  const words = TOPICS[topic].split(" ");
  const pick = (pool: readonly string[]) => pool[Math.floor(next() * pool.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const body = Array.from({ length: 40 }, () => (next() < 0.55 ? pick(words) : pick(SHARED)));
    const title = Array.from({ length: 5 }, () => pick(words)).join(" ");
    return {
      id: `2510.${String(first + i).padStart(5, "0")}`,
      title: `${title[0]!.toUpperCase()}${title.slice(1)} ${i + first}`,
      authors: [`Author ${topic} ${Math.floor(next() * 1000)}`, `Coauthor ${Math.floor(next() * 100000)}`],
      summary: `${body.join(" ")}.`,
      topic,
    };
  });
}

export function asJsonLines(papers: readonly TopicalPaper[]): string {
  return papers
    .map(({ id, title, authors, summary }) => JSON.stringify({ id, title, authors, summary }))
    .join("\n");
}
