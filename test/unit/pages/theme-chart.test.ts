/** The papers-per-theme chart: accessible text with every figure, colours, merging, escaping. */
import { describe, expect, it } from "vitest";
import type { ThemeHistory } from "../../../src/digest/types";
import { chartSeries, niceMax, OTHER_COLOUR, PALETTE, ThemeChart } from "../../../src/pages/theme-chart";
import { sampleHistory } from "../../support/sample-digest";

const render = async (history: ThemeHistory, previewWeek: string | null = null) =>
  (await ThemeChart({ history, previewWeek })).toString();

describe("theme chart", () => {
  it("is an svg image labelled by its title and a description that holds the figures", async () => {
    const html = await render(sampleHistory(), "2026-W07");
    expect(html).toContain('role="img" aria-labelledby="chart-title chart-desc"');
    expect(html).toContain('<title id="chart-title">New papers per theme, 2026-W05 to 2026-W07</title>');
    expect(html).toContain(
      '<desc id="chart-desc">2026-W05: 2 papers (Graph &lt;neural&gt; networks 2). ' +
        "2026-W06: 6 papers (Mixture of experts 4, Graph &lt;neural&gt; networks 1, Other papers 1). " +
        "2026-W07 (so far): 4 papers (Mixture of experts 2, Graph &lt;neural&gt; networks 1, Other papers 1).</desc>",
    );
    expect(html).not.toContain("<neural>");
    expect(html).toContain("* 2026-W07 is the week so far.");
  });

  it("draws one rect per non-zero count and a legend with totals", async () => {
    const html = await render(sampleHistory());
    expect(html.match(/<rect /g)).toHaveLength(7);
    expect(html).toContain("Mixture of experts (6)");
    expect(html).toContain(`background:${PALETTE[0]}`);
    expect(html).toContain(`background:${OTHER_COLOUR}`);
  });

  it("gives the largest themes their own colour and merges the rest with 'other'", () => {
    const themes = Array.from({ length: 9 }, (_, i) => ({
      id: `t${i}`,
      label: `Theme ${i}`,
      counts: [i + 1],
    }));
    const series = chartSeries({
      weeks: ["2026-W07"],
      themes: [...themes, { id: "other", label: "Other", counts: [5] }],
    });
    expect(series.map((s) => s.label)).toEqual([
      "Theme 8",
      "Theme 7",
      "Theme 6",
      "Theme 5",
      "Theme 4",
      "Theme 3",
      "Other papers",
    ]);
    expect(series.at(-1)?.counts).toEqual([1 + 2 + 3 + 5]);
    expect(new Set(series.map((s) => s.colour)).size).toBe(7);
  });

  it("says there is nothing to chart instead of drawing an empty one", async () => {
    expect(await render({ weeks: [], themes: [] })).toBe("<p>No papers yet to chart.</p>");
    expect(await render({ weeks: ["2026-W07"], themes: [{ id: "t1", label: "x", counts: [0] }] })).toContain(
      "No papers yet to chart.",
    );
  });

  it("rounds the axis up to an even round number, so the middle line is whole too", () => {
    expect([0, 1, 3, 5, 7, 10, 11, 23, 48, 130].map(niceMax)).toEqual([2, 2, 4, 6, 8, 10, 20, 30, 60, 200]);
  });
});
