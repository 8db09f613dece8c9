/** What the ranking engine takes and gives (src/rank/index.ts). */
import type { PaperVector } from "./paper-vector";

export interface RankPaper {
  key: string;
  title: string;
  text: string;
  authors: readonly string[];
  vector: PaperVector;
}
export type ExampleKind = "seed" | "up" | "save" | "down";
export interface RankExample {
  key: string;
  title: string;
  /** Its co-authors are in the vector (hashed): what the ranking compares. */
  vector: PaperVector;
  kind: ExampleKind;
  /** ms epoch: when given (seeds: when set). */
  at: number;
}
export interface RankInterests {
  authors: readonly string[];
  keywords: readonly string[];
  exclude: readonly string[];
}
export type RankReason =
  | { kind: "similar"; to: string; title: string; similarity: number; terms: string[] }
  | { kind: "author"; name: string }
  | { kind: "keyword"; keyword: string };
export interface RankedPaper {
  key: string;
  /** In [0, 1], higher is better; comparable within one ranking. Followed authors' papers are ≥ 0.5. */
  score: number;
  why: string;
  reasons: RankReason[];
}
