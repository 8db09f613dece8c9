/**
 * Checks a reader (or a screen reader) cares about, measured in the rendered page: text contrast
 * against the background actually behind it, and a heading outline without gaps.
 */
import type { Page } from "playwright-core";

export interface LowContrast {
  text: string;
  ratio: number;
}

/** Every piece of text (outside the chart's drawing) whose contrast is below `minimum` (WCAG AA: 4.5). */
export function lowContrastText(page: Page, minimum = 4.5): Promise<LowContrast[]> {
  return page.evaluate((min) => {
    type Rgba = { r: number; g: number; b: number; a: number };
    const parse = (css: string): Rgba => {
      const [r = 0, g = 0, b = 0, a = 1] = (/\(([^)]+)\)/.exec(css)?.[1] ?? "0 0 0 0")
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
      return { r, g, b, a };
    };
    const luminance = ({ r, g, b }: Rgba) => {
      const f = (v: number) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (el: Element | null): Rgba => {
      for (let e = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c.a > 0) return c;
      }
      return { r: 255, g: 255, b: 255, a: 1 };
    };
    const low: { text: string; ratio: number }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const el = node.parentElement;
      if (!el || !node.textContent?.trim() || el.closest("svg")) continue;
      const [fg, bg] = [luminance(parse(getComputedStyle(el).color)), luminance(background(el))];
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      if (ratio < min)
        low.push({ text: node.textContent.trim().slice(0, 40), ratio: Math.round(ratio * 100) / 100 });
    }
    return low;
  }, minimum);
}

/** The heading levels in document order ([1, 2, 2, 3, 2, …]). */
export function headingLevels(page: Page): Promise<number[]> {
  return page
    .locator("h1, h2, h3, h4, h5, h6")
    .evaluateAll((hs) => hs.map((h) => Number(h.tagName.slice(1))));
}

/** One h1, first; no level skipped on the way down (h2 → h4). */
export function outlineProblems(levels: number[]): string[] {
  const problems: string[] = [];
  if (levels.filter((l) => l === 1).length !== 1) problems.push("not exactly one h1");
  if (levels[0] !== 1) problems.push("the first heading is not the h1");
  levels.forEach((level, i) => {
    const before = levels[i - 1];
    if (before !== undefined && level > before + 1) problems.push(`h${before} followed by h${level}`);
  });
  return problems;
}
