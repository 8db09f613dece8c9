/**
 * How close each of the week's papers is to what the reader liked and far from what they
 * disliked. See index.ts for the method; the weights are in RELEVANCE_DEFAULTS.
 */
import { type TrainingRow, trainLinear } from "./linear-model";
import { addInto, denseDot, normaliseDense, type WeekVectors, type WeightedVector } from "./week-vectors";

export interface RelevanceOptions {
  centroid: number;
  nearest: number;
  nearestK: number;
  down: number;
  downNearest: number;
  prf: number;
  prfDepth: number;
  prfRounds: number;
  recency: boolean;
  /** Profile weight of a term × (share of positives containing it)^share. */
  share: number;
  rsj: number;
  svm: number;
  svmC: number;
  svmDown: number;
  authors: number;
  zfuse: boolean;
}

export const RELEVANCE_DEFAULTS: RelevanceOptions = {
  centroid: 1,
  nearest: 0,
  nearestK: 1,
  down: 0.1,
  downNearest: 0,
  prf: 0.5,
  prfDepth: 10,
  prfRounds: 1,
  recency: false,
  share: 0,
  rsj: 0,
  svm: 0,
  svmC: 0.1,
  svmDown: 1,
  authors: 0,
  zfuse: false,
};

export interface Example {
  doc: number;
  sign: 1 | -1;
  at: number;
}

/** Each example's weight: uniform, or zotero-arxiv-daily's 1/(1 + log10(rank + 1)), newest first. */
function exampleWeights(examples: readonly Example[], recency: boolean): number[] {
  if (!recency) return examples.map(() => 1);
  const order = examples.map((e, i) => ({ at: e.at, i })).sort((a, b) => b.at - a.at || b.i - a.i);
  const w = new Array<number>(examples.length).fill(1);
  order.forEach(({ i }, rank) => {
    w[i] = 1 / (1 + Math.log10(rank + 1));
  });
  return w;
}

function profile(week: WeekVectors, members: ReadonlyArray<[WeightedVector, number]>): Float64Array {
  const dense = new Float64Array(week.size);
  for (const [v, w] of members) addInto(dense, v, w);
  return normaliseDense(dense);
}

/** Mean of the k largest similarities of a paper to a set of examples' dense vectors. */
function nearestMean(v: WeightedVector, dense: readonly Float64Array[], k: number): number {
  if (!dense.length) return 0;
  const sims = dense.map((d) => denseDot(v, d)).sort((a, b) => b - a);
  const top = sims.slice(0, k);
  return top.reduce((s, x) => s + x, 0) / top.length;
}

export function relevance(
  week: WeekVectors,
  papers: number,
  examples: readonly Example[],
  o: RelevanceOptions = RELEVANCE_DEFAULTS,
  authorsOf?: (doc: number) => Uint32Array,
): Float64Array {
  const weights = exampleWeights(examples, o.recency);
  const pos = examples.flatMap((e, i) =>
    e.sign > 0 ? [[week.vectors[e.doc]!, weights[i]!] as [WeightedVector, number]] : [],
  );
  const neg = examples.flatMap((e, i) =>
    e.sign < 0 ? [[week.vectors[e.doc]!, weights[i]!] as [WeightedVector, number]] : [],
  );
  const scores = new Float64Array(papers);
  const up = profile(week, pos);
  if (o.share > 0 || o.rsj > 0) {
    const r = new Float64Array(week.size);
    for (const [v] of pos) for (const id of v.ids) r[id]! += 1;
    if (o.share > 0) {
      for (let t = 0; t < up.length; t++) if (up[t]) up[t]! *= (r[t]! / pos.length) ** o.share;
      normaliseDense(up);
    }
    if (o.rsj > 0) {
      // Robertson–Sparck Jones relevance weight of each term the positives use.
      const R = pos.length;
      const N = week.vectors.length;
      const df = new Float64Array(week.size);
      for (const v of week.vectors) for (const id of v.ids) df[id]! += 1;
      for (let t = 0; t < up.length; t++) {
        if (!r[t]) continue;
        const rt = r[t]!;
        const n = df[t]!;
        const w = Math.log(((rt + 0.5) * (N - n - R + rt + 0.5)) / ((n - rt + 0.5) * (R - rt + 0.5)));
        up[t] = up[t]! * (1 - o.rsj) + o.rsj * Math.max(0, w) * 0.05;
      }
    }
  }
  const down = neg.length ? profile(week, neg) : null;
  const denseOf = (list: ReadonlyArray<[WeightedVector, number]>) =>
    list.map(([v]) => {
      const d = new Float64Array(week.size);
      addInto(d, v, 1);
      return d;
    });
  const posDense = o.nearest ? denseOf(pos) : [];
  const negDense = o.downNearest ? denseOf(neg) : [];
  const parts: Array<[number, Float64Array]> = [];
  const base = new Float64Array(papers);
  for (let i = 0; i < papers; i++) {
    const v = week.vectors[i]!;
    let s = o.centroid * denseDot(v, up);
    if (o.nearest) s += o.nearest * nearestMean(v, posDense, o.nearestK);
    if (down && o.down) s -= o.down * denseDot(v, down);
    if (o.downNearest) s -= o.downNearest * nearestMean(v, negDense, 1);
    base[i] = s;
  }
  parts.push([1, base]);
  if (o.svm) {
    const isExample = new Set(examples.map((e) => e.doc));
    const rows: TrainingRow[] = examples.map((e) => ({
      v: week.vectors[e.doc]!,
      y: e.sign,
      weight: e.sign < 0 ? o.svmDown : 1,
    }));
    for (let i = 0; i < papers; i++)
      if (!isExample.has(i)) rows.push({ v: week.vectors[i]!, y: -1, weight: 1 });
    const w = trainLinear(rows, week.size, o.svmC);
    parts.push([o.svm, Float64Array.from({ length: papers }, (_, i) => denseDot(week.vectors[i]!, w))]);
  }
  if (o.authors && authorsOf) {
    const liked = new Map<number, number>();
    for (const e of examples) for (const a of authorsOf(e.doc)) liked.set(a, (liked.get(a) ?? 0) + e.sign);
    parts.push([
      o.authors,
      Float64Array.from({ length: papers }, (_, i) => {
        let n = 0;
        for (const a of authorsOf(i)) n += Math.max(0, liked.get(a) ?? 0);
        return Math.log1p(n);
      }),
    ]);
  }
  for (const [weight, part] of parts) {
    const scaled = o.zfuse ? zscores(part) : part;
    for (let i = 0; i < papers; i++) scores[i]! += weight * scaled[i]!;
  }
  // Pseudo-relevance feedback: the week's best papers, taken as liked, widen the profile to the
  // words this week's papers on the topic use (its vocabulary rather than the seeds' only).
  for (let round = 0; o.prf > 0 && round < o.prfRounds; round++) {
    const top = [...scores.keys()].sort((a, b) => scores[b]! - scores[a]!).slice(0, o.prfDepth);
    const fb = profile(
      week,
      top.map((i) => [week.vectors[i]!, 1]),
    );
    for (let i = 0; i < papers; i++) scores[i]! += o.prf * denseDot(week.vectors[i]!, fb);
  }
  return scores;
}

function zscores(x: Float64Array): Float64Array {
  let mean = 0;
  for (const v of x) mean += v;
  mean /= x.length || 1;
  let sd = 0;
  for (const v of x) sd += (v - mean) ** 2;
  sd = Math.sqrt(sd / (x.length || 1)) || 1;
  return x.map((v) => (v - mean) / sd);
}
