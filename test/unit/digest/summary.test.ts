import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { summarise } from "../../../src/digest/summary";

describe("summarise", () => {
  it("keeps short abstracts whole and whitespace-normalised", () => {
    expect(summarise("  We study   graphs.\nThey are nice. ")).toBe("We study graphs. They are nice.");
  });

  it("keeps whole sentences that fit", () => {
    const text = `${"A".repeat(120)} first. ${"B".repeat(120)} second. ${"C".repeat(120)} third.`;
    expect(summarise(text)).toBe(`${"A".repeat(120)} first. ${"B".repeat(120)} second.`);
  });

  it("does not split at abbreviations or decimals followed by lower case", () => {
    const text = `We reach 3.5 times the speed, e.g. on graphs with ${"many ".repeat(70)}vertices.`;
    const out = summarise(text, 100);
    expect(out.endsWith("…")).toBe(true);
    expect(out.startsWith("We reach 3.5 times the speed, e.g. on graphs")).toBe(true);
  });

  it("never exceeds the limit and never cuts inside a word when it can help it", () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-zA-Z]{1,12}[.,]?$/), { maxLength: 200 }), (words) => {
        const text = words.join(" ");
        const out = summarise(text, 120);
        expect(out.length).toBeLessThanOrEqual(120);
        if (text.length <= 120) expect(out).toBe(text.replace(/\s+/g, " ").trim());
        else if (out.endsWith("…")) expect(text.startsWith(out.slice(0, -1).trimEnd())).toBe(true);
      }),
    );
  });
});
