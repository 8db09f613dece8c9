/**
 * One week's papers → themes, keeping last week's themes stable. In order of precedence:
 *  1. Operator themes: a paper whose keyword score reaches `operatorThreshold` goes to its best one.
 *  2. Existing themes: a paper joins the nearest stored centroid when its cosine is at least
 *     max(joinFloor, joinShare × the theme's cohesion). Cohesion is how close the theme's own
 *     members were to the rest of it (median leave-one-out cosine), and joinShare = strayShare =
 *     0.55: a member under 0.55 of the typical closeness was cut as a stray, so a newcomer above
 *     it is as much a member as those kept. joinFloor (0.05) only guards against a theme with
 *     near-zero cohesion taking everything. Daily-arXiv 2025-W42 against W41's 12 themes: 92% of
 *     its 925 papers joined, 6% went to Other, 15 formed two new themes.
 *  3. The rest are clustered afresh (cluster.ts); each group becomes a new theme with a new id.
 *     Papers that fit nothing go to Other.
 * Existing themes that received papers drift towards them by at most `driftRate` (0.2) a week,
 * so cosine(old, new centroid) ≥ 0.8 (drift.ts). Labels stay as created: a theme readers know
 * should not be renamed under them.
 *
 * Pure and deterministic: papers are processed in a canonical order (a seeded hash of their ids),
 * so shuffling the input changes nothing but the order of `assignments`.
 */

import { canonicalOrder } from "./canonical-order";
import { clusterVectors } from "./cluster";
import { buildCorpus } from "./corpus";
import { driftCentroid, driftRateFor, roundWeight } from "./drift";
import { labelTheme } from "./labels";
import {
  compileQuery,
  OPERATOR_THRESHOLD,
  operatorPhrases,
  operatorQuery,
  operatorScore,
} from "./operator-themes";
import { centroid, denseDot, denseSum, dot, fromTermWeights, toTermWeights } from "./sparse";
import {
  type Assignment,
  OTHER_THEME_ID,
  type Theme,
  type ThemeOptions,
  type ThemePaper,
  type ThemeResult,
} from "./types";

export const DEFAULTS = {
  operatorThreshold: OPERATOR_THRESHOLD,
  joinShare: 0.55,
  joinFloor: 0.05,
  driftRate: 0.2,
  /**
   * Louvain resolution and similarity-graph neighbours per paper (capped at papers − 1), chosen
   * together by `npx tsx bench/theme-quality.ts --sweep` on the first four daily-arXiv weeks
   * only: of resolution 0.9–1.5 × 20–60 neighbours (four seeds each), the setting with the most
   * themes whose NMI against arXiv categories still matches scikit-learn KMeans told the true k,
   * on every seed. NMI against four categories rewards two or three themes (vision vs language),
   * which a digest cannot use, hence "most themes that still match". About 12 themes a
   * 500–1,200-paper week; on the five held-out weeks NMI was 1.14× the reference (BENCHMARKS.md).
   * Fewer neighbours at the same resolution split themes into fragments; more cost time.
   */
  resolution: 1.3,
  neighbours: 50,
  seed: 0,
  minLinkSimilarity: 0.05,
  refineRounds: 4,
  strayShare: 0.55,
  strayFloor: 0.02,
  /**
   * Terms kept in a stored centroid: ~6 KB of JSON per theme, 76–86% of a weekly centroid's
   * squared weight. Fewer cost consistency: re-placing week-1 papers against their own stored
   * themes kept 80% in place at 60 terms, 86% at 120, 92% at 300, 98% at 1,000 (~25 KB).
   */
  centroidTerms: 300,
} as const;

export function defaultMinThemeSize(papers: number): number {
  return Math.max(2, Math.ceil(papers / 200));
}

function themeNumber(id: string): number {
  const m = /^t(\d+)$/.exec(id);
  return m ? Number(m[1]) : 0;
}

export function assignThemes(
  papers: readonly ThemePaper[],
  previousThemes: readonly Theme[],
  options: ThemeOptions,
): ThemeResult {
  const o = { ...DEFAULTS, ...definedOnly(options) };
  const minThemeSize = options.minThemeSize ?? defaultMinThemeSize(papers.length);
  let nextNumber = Math.max(
    options.nextThemeNumber ?? 1,
    1 + Math.max(0, ...previousThemes.map((t) => themeNumber(t.id))),
  );

  const order = canonicalOrder(papers, o.seed);
  const texts = order.map((i) => ({ title: papers[i]!.title, text: papers[i]!.abstract }));
  const queries = (options.operatorThemes ?? []).map(operatorQuery);
  const forced = new Set([
    ...operatorPhrases(queries),
    ...previousThemes.flatMap((t) => Object.keys(t.centroid).filter((k) => k.includes(" "))),
  ]);
  const corpus = buildCorpus(texts, forced);
  const n = order.length;
  const placed: Array<Omit<Assignment, "paperId"> | undefined> = new Array(n);

  // 1. Operator themes first.
  const compiled = queries.map((q) => compileQuery(q, corpus));
  for (let i = 0; i < n; i++) {
    let best = -1;
    let bestScore = o.operatorThreshold;
    compiled.forEach((q, k) => {
      const s = operatorScore(corpus.vectors[i]!, q);
      if (s >= bestScore && (best === -1 || s > bestScore)) {
        best = k;
        bestScore = s;
      }
    });
    if (best >= 0) placed[i] = { themeId: queries[best]!.id, kind: "operator", similarity: bestScore };
  }

  // 2. Existing themes: nearest centroid, if close enough.
  const stored = previousThemes.map((t) => fromTermWeights(t.centroid, corpus.termIds));
  const bestStored = new Float64Array(n);
  const joined = previousThemes.map((): number[] => []);
  for (let i = 0; i < n; i++) {
    let best = -1;
    let bestSim = 0;
    stored.forEach((c, k) => {
      const s = dot(corpus.vectors[i]!, c);
      if (s > bestSim) {
        best = k;
        bestSim = s;
      }
    });
    bestStored[i] = bestSim;
    if (placed[i] || best < 0) continue;
    const cohesion = previousThemes[best]!.cohesion;
    if (bestSim >= Math.max(o.joinFloor, o.joinShare * (Number.isFinite(cohesion) ? cohesion : 0))) {
      placed[i] = { themeId: previousThemes[best]!.id, kind: "existing", similarity: bestSim };
      joined[best]!.push(i);
    }
  }

  // 3. The rest: new themes, or Other.
  const rest = order.map((_, i) => i).filter((i) => !placed[i]);
  const clustering = clusterVectors(
    rest.map((i) => corpus.vectors[i]!),
    corpus.terms.length,
    { ...o, minThemeSize, batchSum: denseSum(corpus.vectors, corpus.vectors.keys(), corpus.terms.length) },
  );
  const created: Theme[] = clustering.groups.map((group, g) => {
    const members = group.map((j) => rest[j]!);
    const c = centroid(corpus.vectors, members);
    const dense = denseSum([c], [0], corpus.terms.length);
    const id = `t${nextNumber++}`;
    for (const m of members)
      placed[m] = { themeId: id, kind: "new", similarity: denseDot(corpus.vectors[m]!, dense) };
    return {
      id,
      ...labelTheme(corpus, members, texts),
      centroid: toTermWeights(c, corpus.terms, o.centroidTerms),
      size: members.length,
      cohesion: roundWeight(clustering.cohesion[g]!),
      createdWeek: options.week,
      updatedWeek: options.week,
    };
  });
  for (const i of rest) {
    if (!placed[i]) placed[i] = { themeId: OTHER_THEME_ID, kind: "other", similarity: bestStored[i]! };
  }

  const updated = previousThemes.map((theme, k) => {
    const members = joined[k]!;
    if (members.length === 0) return theme;
    const rate = driftRateFor(o.driftRate, members.length, theme.size);
    const fresh = toTermWeights(centroid(corpus.vectors, members), corpus.terms, Number.POSITIVE_INFINITY);
    return {
      ...theme,
      centroid: driftCentroid(theme.centroid, fresh, rate, o.centroidTerms),
      size: theme.size + members.length,
      updatedWeek: options.week,
    };
  });

  const assignments: Assignment[] = new Array(n);
  order.forEach((original, i) => {
    const p = placed[i]!;
    assignments[original] = { paperId: papers[original]!.id, ...p, similarity: roundWeight(p.similarity) };
  });
  return { assignments, themes: [...updated, ...created], nextThemeNumber: nextNumber };
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}
