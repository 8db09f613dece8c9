import { beforeEach, describe, expect, it } from "vitest";
import { postIngest, tableCounts } from "../support/api";
import { wipeData } from "../support/db";
import { jsonLines, syntheticAbstracts } from "../support/synthetic";

// Issue #11: a body far under INGEST_MAX_BYTES must work whatever its record count; the
// identity lookups and the writes are split to stay within D1's per-value and per-statement limits.
// Each test starts from empty tables and stores what it needs itself, so each can run alone.
const body = jsonLines(syntheticAbstracts(12_000, 6, 11));

describe("POST /api/ingest with many records in one body", () => {
  beforeEach(wipeData);

  it("stores 12,000 small JSON-lines records in one ~700 KB body", async () => {
    expect(body.length).toBeGreaterThan(450_000);
    expect(body.length).toBeLessThan(700_000);
    const before = await tableCounts();
    const res = await postIngest(body);
    expect(
      res.status,
      await res
        .clone()
        .text()
        .then((t) => t.slice(0, 300)),
    ).toBe(200);
    const report = (await res.json()) as { received: number; stored: number; records: { verdict: string }[] };
    expect(report.received).toBe(12_000);
    expect(report.stored).toBe(12_000);
    expect(report.records.every((r) => r.verdict === "new")).toBe(true);
    const after = await tableCounts();
    expect((after.papers ?? 0) - (before.papers ?? 0)).toBe(12_000);
    expect((after.paper_versions ?? 0) - (before.paper_versions ?? 0)).toBe(12_000);
    expect((after.ingest_batches ?? 0) - (before.ingest_batches ?? 0)).toBe(1);
    // The lookups needed more than one chunk (the band keys alone are ~3 MB of JSON).
    expect(Number(res.headers.get("x-d1-statements"))).toBeGreaterThan(6);
    console.info(`12,000 records: x-d1-statements ${res.headers.get("x-d1-statements")}`);
  });

  it("answers the same 12,000-record body again with only duplicates, writing nothing", async () => {
    expect((await postIngest(body)).status).toBe(200);
    const before = await tableCounts();
    const res = await postIngest(body);
    expect(res.status).toBe(200);
    const report = (await res.json()) as { received: number; stored: number; records: { verdict: string }[] };
    expect(report.received).toBe(12_000);
    expect(report.stored).toBe(0);
    expect(report.records.every((r) => r.verdict === "duplicate")).toBe(true);
    expect(await tableCounts()).toEqual(before);
    console.info(`12,000 duplicates: x-d1-statements ${res.headers.get("x-d1-statements")}`);
  });
});
