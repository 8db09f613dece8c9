import { describe, expect, it } from "vitest";
import type { WeekActivity, WeekPaperRow } from "../../../src/db/queries/week-activity";
import { buildDigest, type DigestInputs } from "../../../src/digest/build-digest";
import type { Theme } from "../../../src/themes";

const row = (key: string, extra: Partial<WeekPaperRow> = {}): WeekPaperRow => ({
  key,
  arxivId: key.startsWith("arxiv:") ? key.slice(6) : null,
  title: null,
  headline: `Headline of ${key}`,
  abstractPlain: `Abstract of ${key}. It has two sentences.`,
  authors: [],
  categories: [],
  codeLinks: [],
  latestVersion: null,
  firstSeenAt: Date.parse("2026-11-18T10:00:00Z"),
  ...extra,
});

const theme = (id: string, createdWeek: string): Theme => ({
  id,
  label: `label ${id}`,
  terms: ["a", "b"],
  centroid: {},
  size: 1,
  cohesion: 0.5,
  createdWeek,
  updatedWeek: "2026-W47",
});

function inputs(activity: Partial<WeekActivity>, extra: Partial<DigestInputs> = {}): DigestInputs {
  return {
    week: "2026-W47",
    status: "published",
    generatedAt: Date.parse("2026-11-23T08:00:00Z"),
    activity: { newPapers: [], updated: [], matchedAgain: [], verdicts: {}, ...activity },
    assignments: [],
    foundThemes: [],
    operatorThemes: [],
    otherLabels: new Map(),
    previousWeeks: [],
    ...extra,
  };
}

describe("buildDigest", () => {
  it("orders themes by size with Other last, and papers by closeness to their theme", () => {
    const d = buildDigest(
      inputs(
        { newPapers: ["arxiv:1", "arxiv:2", "arxiv:3", "fp:4", "fp:5", "fp:6"].map((k) => row(k)) },
        {
          assignments: [
            { paperId: "arxiv:1", themeId: "other", kind: "other", similarity: 0.1 },
            { paperId: "arxiv:2", themeId: "other", kind: "other", similarity: 0.1 },
            { paperId: "arxiv:3", themeId: "t1", kind: "existing", similarity: 0.3 },
            { paperId: "fp:4", themeId: "t2", kind: "new", similarity: 0.2 },
            { paperId: "fp:5", themeId: "t2", kind: "new", similarity: 0.9 },
            { paperId: "fp:6", themeId: "ops", kind: "operator", similarity: 0.4 },
          ],
          foundThemes: [theme("t1", "2026-W40"), theme("t2", "2026-W47")],
          operatorThemes: [{ id: "ops", name: "Operator's own", keywords: ["x"] }],
        },
      ),
    );
    expect(d.themes.map((t) => [t.id, t.kind, t.isNew, t.papers.map((p) => p.key)])).toEqual([
      ["t2", "found", true, ["fp:5", "fp:4"]],
      ["ops", "operator", false, ["fp:6"]],
      ["t1", "found", false, ["arxiv:3"]],
      ["other", "other", false, ["arxiv:1", "arxiv:2"]],
    ]);
    expect(d.themes.find((t) => t.id === "ops")!.label).toBe("Operator's own");
    expect(d.stats.byTheme.map((t) => t.papers)).toEqual([2, 1, 1, 2]);
    expect(d.stats.changeFromPreviousWeek).toBeNull();
    expect(d.range).toEqual({ start: "2026-11-16T00:00:00.000Z", end: "2026-11-23T00:00:00.000Z" });
  });

  it("lists updates under their paper's theme and matches as seen before", () => {
    const old = Date.parse("2026-10-01T00:00:00Z");
    const d = buildDigest(
      inputs(
        {
          updated: [
            { ...row("arxiv:9", { firstSeenAt: old, latestVersion: 3, title: "Nine" }), themeId: "t1" },
          ],
          matchedAgain: [
            {
              key: "arxiv:8",
              arxivId: "8",
              title: null,
              headline: "Eight",
              firstSeenAt: old,
              verdict: "near-duplicate",
              similarity: 0.91234,
              records: 2,
            },
          ],
          verdicts: { duplicate: 2 },
        },
        { foundThemes: [theme("t1", "2026-W40")], previousWeeks: [{ week: "2026-W46", papers: 4 }] },
      ),
    );
    expect(d.themes).toHaveLength(1);
    expect(d.themes[0]).toMatchObject({
      id: "t1",
      papers: [],
      updated: [
        { key: "arxiv:9", verdict: "new-version", latestVersion: 3, title: "Nine", titleDerived: false },
      ],
    });
    expect(d.seenBefore).toEqual([
      {
        key: "arxiv:8",
        title: "Eight",
        verdict: "near-duplicate",
        similarity: 0.912,
        firstSeenWeek: "2026-W40",
        records: 2,
        links: { abs: "https://arxiv.org/abs/8", pdf: "https://arxiv.org/pdf/8" },
      },
    ]);
    expect(d.stats).toMatchObject({
      newPapers: 0,
      updatedPapers: 1,
      seenBefore: 1,
      changeFromPreviousWeek: -4,
    });
  });
});
