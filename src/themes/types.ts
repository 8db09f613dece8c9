/**
 * The theme engine's public shapes. Everything here is plain JSON: a caller stores `Theme`s
 * as they are and hands them back next week.
 */
import type { TermWeights } from "./sparse";

export type { TermWeights } from "./sparse";

/** One paper to place. `abstract` is plain text (LaTeX already turned into words). */
export interface ThemePaper {
  id: string;
  title?: string;
  abstract: string;
}

/** A theme found by the engine, as stored between weeks. */
export interface Theme {
  /** "t1", "t2", … from a counter that only grows (see `nextThemeNumber`): never reused. */
  id: string;
  /** Display label: up to 3 terms (2–3 unless the papers share fewer) joined by " · ", chosen at creation. */
  label: string;
  terms: string[];
  /** TF-IDF centroid over its 300 heaviest terms (term → weight); cosines use its own norm. */
  centroid: TermWeights;
  /** Papers placed in it, all weeks together. */
  size: number;
  /**
   * How tightly its papers hang together: the median member's cosine to the centroid of the
   * other members when the theme was created. A new paper joins when it is that close.
   */
  cohesion: number;
  createdWeek: string;
  /** The last week it received papers. */
  updatedWeek: string;
}

/** A theme an operator defined; it takes precedence over found themes. */
export interface OperatorTheme {
  id: string;
  name: string;
  /** Words or phrases ("KV cache", "speculative decoding"); any of them can match. */
  keywords?: string[];
  /** Free text; its words count half as much as keywords. */
  description?: string;
}

export type AssignmentKind = "operator" | "existing" | "new" | "other";

export interface Assignment {
  paperId: string;
  /** A theme id, an operator theme's id, or OTHER_THEME_ID. */
  themeId: string;
  kind: AssignmentKind;
  /**
   * Cosine to the theme's centroid (existing: the centroid before this week's update; new: the
   * new centroid); the keyword score for operator themes; for Other, the best cosine to any theme.
   */
  similarity: number;
}

export interface ThemeOptions {
  /** ISO week being assigned, e.g. "2025-W41"; stamped on new and updated themes. */
  week: string;
  /** Persisted counter for new theme ids; defaults to one past the highest previous id. */
  nextThemeNumber?: number;
  operatorThemes?: readonly OperatorTheme[];
  /** Keyword score at which a paper goes to an operator theme (default 0.2). */
  operatorThreshold?: number;
  /** Join an existing theme at cosine ≥ max(joinFloor, joinShare × its cohesion); 0.05, 0.55. */
  joinShare?: number;
  joinFloor?: number;
  /** Largest weight a week's papers get in a stored centroid's update (default 0.2). */
  driftRate?: number;
  /** Smallest theme; default max(2, ⌈papers / 200⌉). Smaller groups go to Other. */
  minThemeSize?: number;
  /** Louvain resolution (default: DEFAULTS.resolution, 1.3): lower gives fewer, broader themes. */
  resolution?: number;
  /** Neighbours per paper in the similarity graph (default: DEFAULTS.neighbours, 50). */
  neighbours?: number;
  /** Seeds the canonical paper order (default 0). */
  seed?: number;
}

export interface ThemeResult {
  /** One per input paper, in input order. */
  assignments: Assignment[];
  /** Previous themes (updated where they received papers, in their order), then new ones. */
  themes: Theme[];
  /** Persist and pass back next week. */
  nextThemeNumber: number;
}

export const OTHER_THEME_ID = "other";
