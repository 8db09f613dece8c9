/**
 * Themes over weeks, on real daily-arXiv snapshots: week 1 (2025-10-06..10) is clustered, week 2
 * (2025-10-13..17) is assigned with week 1's themes as the previous ones. Ids must be stable for
 * papers near an old theme, never reused, centroids must drift at most by the documented rate,
 * and operator themes must win.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { latexToPlain } from "../../../src/ingest/text/latex";
import {
  assignThemes,
  DEFAULTS,
  OTHER_THEME_ID,
  type Theme,
  type ThemePaper,
  type ThemeResult,
} from "../../../src/themes";
import { buildCorpus } from "../../../src/themes/corpus";
import { dot, fromTermWeights, type TermWeights } from "../../../src/themes/sparse";

const WEEK1 = ["2025-10-06", "2025-10-07", "2025-10-08", "2025-10-09", "2025-10-10"];
const WEEK2 = ["2025-10-13", "2025-10-14", "2025-10-15", "2025-10-16", "2025-10-17"];

interface Daily {
  id: string;
  title: string;
  summary: string;
}

async function week(days: readonly string[]): Promise<ThemePaper[]> {
  const listed = (await (await env.FIXTURES.fetch("http://fixtures/data/daily-arxiv/")).json()) as string[];
  const byId = new Map<string, ThemePaper>();
  for (const file of listed.filter((f) => days.some((d) => f.startsWith(d)))) {
    const text = await (await env.FIXTURES.fetch(`http://fixtures/data/daily-arxiv/${file}`)).text();
    for (const line of text.split("\n").filter((l) => l.trim())) {
      const r = JSON.parse(line) as Daily;
      // Cross-listed papers repeat across days: a week's papers are distinct ids.
      if (!byId.has(r.id))
        byId.set(r.id, { id: r.id, title: latexToPlain(r.title), abstract: latexToPlain(r.summary) });
    }
  }
  return [...byId.values()];
}

function cosine(a: TermWeights, b: TermWeights): number {
  const norm = (m: TermWeights) => Math.sqrt(Object.values(m).reduce((s, w) => s + w * w, 0));
  const d = Object.entries(a).reduce((s, [t, w]) => s + w * (b[t] ?? 0), 0);
  return d / (norm(a) * norm(b));
}

let week1: ThemePaper[] = [];
let week2: ThemePaper[] = [];
let first: ThemeResult;
let second: ThemeResult;

beforeAll(async () => {
  [week1, week2] = await Promise.all([week(WEEK1), week(WEEK2)]);
  first = assignThemes(week1, [], { week: "2025-W41" });
  second = assignThemes(week2, first.themes, { week: "2025-W42", nextThemeNumber: first.nextThemeNumber });
});

describe("week 1 → week 2", () => {
  it("clusters week 1 into themes without being told how many", () => {
    expect(week1.length).toBeGreaterThan(1000);
    expect(first.themes.length).toBeGreaterThanOrEqual(5);
    expect(first.themes.length).toBeLessThanOrEqual(40);
    const other = first.assignments.filter((a) => a.themeId === OTHER_THEME_ID).length;
    expect(other / week1.length).toBeLessThan(0.2);
  });

  it("gives week-2 papers near a week-1 centroid that theme's id", () => {
    // Nearness measured here, independently of the engine's bookkeeping: cosine of each paper's
    // TF-IDF vector (in week 2's vocabulary) to each stored week-1 centroid.
    const phrases = new Set(
      first.themes.flatMap((t) => Object.keys(t.centroid)).filter((k) => k.includes(" ")),
    );
    const corpus = buildCorpus(
      week2.map((p) => ({ title: p.title, text: p.abstract })),
      phrases,
    );
    const centroids = first.themes.map((t) => fromTermWeights(t.centroid, corpus.termIds));
    let near = 0;
    let kept = 0;
    week2.forEach((_, i) => {
      const sims = centroids.map((c) => dot(corpus.vectors[i]!, c));
      const best = sims.indexOf(Math.max(...sims));
      if (sims[best]! < 0.2) return; // clearly near: above every theme's join bar
      near++;
      if (second.assignments[i]!.themeId === first.themes[best]!.id) kept++;
    });
    expect(near).toBeGreaterThan(week2.length / 5);
    expect(kept / near).toBeGreaterThan(0.95);
  });

  it("keeps week-1 papers in their own themes when they are assigned again", () => {
    const again = assignThemes(week1, first.themes, {
      week: "2025-W42",
      nextThemeNumber: first.nextThemeNumber,
    });
    let themed = 0;
    let same = 0;
    first.assignments.forEach((a, i) => {
      if (a.themeId === OTHER_THEME_ID) return;
      themed++;
      if (again.assignments[i]!.themeId === a.themeId) same++;
    });
    expect(same / themed).toBeGreaterThan(0.8);
  });

  it("places most of week 2 in week-1 themes, the rest in new themes or Other", () => {
    const kinds = new Map<string, number>();
    for (const a of second.assignments) kinds.set(a.kind, (kinds.get(a.kind) ?? 0) + 1);
    expect(kinds.get("existing")! / week2.length).toBeGreaterThan(0.6);
    for (const a of second.assignments) {
      if (a.kind === "existing") expect(first.themes.some((t) => t.id === a.themeId)).toBe(true);
      if (a.kind === "new") expect(first.themes.some((t) => t.id === a.themeId)).toBe(false);
    }
  });

  it("never reuses an id, even of a theme the caller dropped", () => {
    const ids = second.themes.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const t of first.themes) expect(ids).toContain(t.id);
    const fresh = second.themes.filter((t) => t.createdWeek === "2025-W42");
    for (const t of fresh) expect(first.themes.map((p) => p.id)).not.toContain(t.id);
    // The caller deletes the newest theme; its number must not come back.
    const kept = second.themes.slice(0, -1);
    const dropped = second.themes.at(-1)!;
    const third = assignThemes(week1.slice(0, 300), kept, {
      week: "2025-W43",
      nextThemeNumber: second.nextThemeNumber,
    });
    for (const t of third.themes.filter((x) => x.createdWeek === "2025-W43"))
      expect(t.id).not.toBe(dropped.id);
    expect(third.nextThemeNumber).toBeGreaterThanOrEqual(second.nextThemeNumber);
  });

  it("moves each centroid by at most the drift rate, and grows sizes by the papers that joined", () => {
    for (const old of first.themes) {
      const now = second.themes.find((t) => t.id === old.id)!;
      const joined = second.assignments.filter((a) => a.themeId === old.id).length;
      expect(now.size).toBe(old.size + joined);
      expect(now.label).toBe(old.label);
      expect(now.createdWeek).toBe("2025-W41");
      if (joined === 0) {
        expect(now).toEqual(old);
        continue;
      }
      expect(now.updatedWeek).toBe("2025-W42");
      const c = cosine(old.centroid, now.centroid);
      expect(c).toBeGreaterThanOrEqual(1 - DEFAULTS.driftRate);
      expect(c).toBeLessThan(1);
    }
  });

  it("lets an operator theme with keywords take the papers that match it first", () => {
    const operator = { id: "op-kv", name: "KV cache", keywords: ["KV cache", "speculative decoding"] };
    const r = assignThemes(week2, first.themes, {
      week: "2025-W42",
      nextThemeNumber: first.nextThemeNumber,
      operatorThemes: [operator],
    });
    const matching = week2.filter((p) =>
      /KV[- ]cache|speculative decoding/i.test(`${p.title} ${p.abstract}`),
    );
    expect(matching.length).toBeGreaterThanOrEqual(5);
    const captured = matching.filter((p) => r.assignments[week2.indexOf(p)]!.themeId === "op-kv");
    expect(captured.length / matching.length).toBeGreaterThan(0.7);
    for (const a of r.assignments.filter((x) => x.themeId === "op-kv")) {
      expect(a.kind).toBe("operator");
      expect(a.similarity).toBeGreaterThanOrEqual(DEFAULTS.operatorThreshold);
    }
    // Operator themes are configuration, not stored themes.
    expect(r.themes.some((t) => t.id === "op-kv")).toBe(false);
  });

  it("returns plain JSON: themes survive a round trip and feed the next week unchanged", () => {
    const stored = JSON.parse(JSON.stringify(first.themes)) as Theme[];
    expect(stored).toEqual(first.themes);
    const fromStored = assignThemes(week2, stored, {
      week: "2025-W42",
      nextThemeNumber: first.nextThemeNumber,
    });
    expect(fromStored).toEqual(second);
    expect(JSON.parse(JSON.stringify(second))).toEqual(second);
  });
});
