/**
 * Papers per theme over recent weeks: an inline SVG of stacked bars, no script. Its <title> and
 * <desc> carry every figure as text (the chart's alternative text); an HTML legend names the
 * colours. The largest themes get their own colour; the rest share one grey "other" band.
 */
import type { ThemeHistory } from "../digest/types";
import { count } from "./format";

/** Every colour is at least 5:1 against white, so bars and swatches stand out (WCAG 1.4.11). */
export const PALETTE = ["#0b57d0", "#b45309", "#00796b", "#7b1fa2", "#c2185b", "#5d6b00"];
export const OTHER_COLOUR = "#6b6b6b";
const OTHER_LABEL = "Other papers";

export interface ChartSeries {
  label: string;
  colour: string;
  counts: number[];
}

/** The largest themes (by papers over the whole range) in palette order, then one "other" series. */
export function chartSeries(history: ThemeHistory): ChartSeries[] {
  const total = (counts: number[]) => counts.reduce((a, b) => a + b, 0);
  const found = history.themes
    .filter((t) => t.id !== "other" && total(t.counts) > 0)
    .sort((a, b) => total(b.counts) - total(a.counts) || a.label.localeCompare(b.label));
  const own = found.slice(0, PALETTE.length);
  const rest = [...found.slice(PALETTE.length), ...history.themes.filter((t) => t.id === "other")];
  const series: ChartSeries[] = own.map((t, i) => ({
    label: t.label,
    colour: PALETTE[i] ?? OTHER_COLOUR,
    counts: history.weeks.map((_, w) => t.counts[w] ?? 0),
  }));
  const otherCounts = history.weeks.map((_, w) => rest.reduce((sum, t) => sum + (t.counts[w] ?? 0), 0));
  if (total(otherCounts) > 0) series.push({ label: OTHER_LABEL, colour: OTHER_COLOUR, counts: otherCounts });
  return series;
}

/** The chart as sentences: "2026-W06: 9 papers (Graph learning 5, Other papers 4)." per week. */
export function chartDescription(weeks: string[], series: ChartSeries[], previewWeek: string | null): string {
  return weeks
    .map((week, w) => {
      const parts = series.filter((s) => (s.counts[w] ?? 0) > 0).map((s) => `${s.label} ${s.counts[w]}`);
      const total = series.reduce((sum, s) => sum + (s.counts[w] ?? 0), 0);
      const name = week === previewWeek ? `${week} (so far)` : week;
      return parts.length === 0
        ? `${name}: no papers.`
        : `${name}: ${count(total, "paper")} (${parts.join(", ")}).`;
    })
    .join(" ");
}

/** A round, even axis maximum at or above `max` (2, 4, 6, 8, 10, 20, 30, …), so its half is whole too. */
export function niceMax(max: number): number {
  if (max <= 2) return 2;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 3, 4, 6, 8, 10]) {
    const top = step * magnitude;
    if (top >= max && top % 2 === 0) return top;
  }
  return 10 * magnitude;
}

// Drawing units: close to CSS pixels at phone width, so 11-unit labels stay readable there.
const WIDTH = 360;
const HEIGHT = 200;
const PLOT = { left: 30, right: WIDTH - 8, top: 16, bottom: HEIGHT - 26 };

export function ThemeChart({ history, previewWeek }: { history: ThemeHistory; previewWeek: string | null }) {
  const series = chartSeries(history);
  const weeks = history.weeks;
  const totals = weeks.map((_, w) => series.reduce((sum, s) => sum + (s.counts[w] ?? 0), 0));
  if (weeks.length === 0 || totals.every((t) => t === 0)) {
    return <p>No papers yet to chart.</p>;
  }
  const top = niceMax(Math.max(...totals));
  const plotHeight = PLOT.bottom - PLOT.top;
  const slot = (PLOT.right - PLOT.left) / weeks.length;
  const barWidth = Math.min(30, slot * 0.7);
  const y = (value: number) => PLOT.bottom - (value / top) * plotHeight;
  const first = weeks[0];
  const last = weeks.at(-1);
  const title = `New papers per theme, ${first === last ? first : `${first} to ${last}`}`;
  return (
    <figure>
      <svg
        class="chart"
        role="img"
        aria-labelledby="chart-title chart-desc"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width={WIDTH}
        height={HEIGHT}
        font-family="system-ui, sans-serif"
        font-size="11"
      >
        <title id="chart-title">{title}</title>
        <desc id="chart-desc">{chartDescription(weeks, series, previewWeek)}</desc>
        {[0, top / 2, top].map((value) => (
          <g>
            <line
              x1={PLOT.left}
              x2={PLOT.right}
              y1={y(value)}
              y2={y(value)}
              stroke="#d0d0d0"
              stroke-width="1"
            />
            <text x={PLOT.left - 4} y={y(value) + 4} text-anchor="end" fill="#4a4a4a">
              {Number.isInteger(value) ? value : ""}
            </text>
          </g>
        ))}
        {weeks.map((week, w) => {
          const x = PLOT.left + slot * w + (slot - barWidth) / 2;
          let base = 0;
          return (
            <g>
              {series.map((s) => {
                const value = s.counts[w] ?? 0;
                if (value === 0) return null;
                const rect = (
                  <rect
                    x={x}
                    y={y(base + value)}
                    width={barWidth}
                    height={y(base) - y(base + value)}
                    fill={s.colour}
                    stroke="#fff"
                    stroke-width="1"
                  />
                );
                base += value;
                return rect;
              })}
              {totals[w] ? (
                <text x={x + barWidth / 2} y={y(totals[w] ?? 0) - 3} text-anchor="middle" fill="#1a1a1a">
                  {totals[w]}
                </text>
              ) : null}
              <text x={x + barWidth / 2} y={HEIGHT - 10} text-anchor="middle" fill="#4a4a4a">
                {week.replace(/^\d{4}-/, "")}
                {week === previewWeek ? "*" : ""}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul class="legend">
          {series.map((s) => (
            <li>
              <span class="swatch" style={`background:${s.colour}`} aria-hidden="true" />
              {s.label} ({s.counts.reduce((a, b) => a + b, 0)})
            </li>
          ))}
        </ul>
        {previewWeek !== null && weeks.includes(previewWeek) ? (
          <p class="meta">* {previewWeek} is the week so far.</p>
        ) : null}
      </figcaption>
    </figure>
  );
}
