import { describe, expect, it } from "vitest";
import { chunkForJsonParam } from "../../src/db/client";

const utf8 = (text: string) => new TextEncoder().encode(text).length;

describe("chunkForJsonParam", () => {
  it("keeps every chunk under the limit in UTF-8 bytes, not characters (issue #11)", () => {
    // Greek and emoji: 2 and 4 bytes a character; a chars-only measure would overshoot 2-4x.
    const rows = Array.from({ length: 400 }, (_, i) => ({ i, text: `${"αβγδ".repeat(200)}😀${i}` }));
    const chunks = chunkForJsonParam(rows, 50_000);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(utf8(chunk)).toBeLessThanOrEqual(50_000);
    expect(chunks.flatMap((chunk) => JSON.parse(chunk) as unknown[])).toEqual(rows);
  });

  it("gives no chunk for no rows", () => {
    expect(chunkForJsonParam([])).toEqual([]);
  });
});
