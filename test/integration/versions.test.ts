/**
 * Versions of one paper across input formats. Every test starts from empty paper tables
 * (beforeEach), so each one builds exactly the papers it needs and can run alone.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { call, fixtureBytes, ingest } from "../support/api";
import { wipeData } from "../support/db";

interface PaperBody {
  key: string;
  title: string | null;
  latestVersion: number | null;
  abstract: string;
  versions: Array<{ version: number | null }>;
}

async function paper(ref: string): Promise<PaperBody> {
  const res = await call(`/api/papers/${ref}`);
  expect(res.status).toBe(200);
  return (await res.json()) as PaperBody;
}

const V1 = "data/arxiv-abs/orig/hep-th/papers/9901/9901001v1.abs";
const V2 = "data/arxiv-abs/orig/hep-th/papers/9901/9901001v2.abs";
const LATEST_V3 = "data/arxiv-abs/ftp/hep-th/papers/9901/9901001.abs";

describe("versions of one paper across formats", () => {
  beforeEach(wipeData);

  it("v1 then the latest .abs record: new, then new-version", async () => {
    const v1 = await ingest(await fixtureBytes(V1));
    expect(v1.records[0]).toMatchObject({ verdict: "new", key: "arxiv:hep-th/9901001", version: 1 });
    const v3 = await ingest(await fixtureBytes(LATEST_V3));
    expect(v3.records[0]).toMatchObject({ verdict: "new-version", key: "arxiv:hep-th/9901001", version: 3 });
    expect((await paper("hep-th/9901001")).latestVersion).toBe(3);
  });

  it("an older version arriving late is recorded but not announced", async () => {
    // v1 and v3 are known; v2 arrives after them.
    expect((await ingest(await fixtureBytes(V1))).records[0]!.verdict).toBe("new");
    expect((await ingest(await fixtureBytes(LATEST_V3))).records[0]!.verdict).toBe("new-version");
    const v2 = await ingest(await fixtureBytes(V2));
    expect(v2.records[0]!.verdict).toBe("duplicate");
    expect(v2.records[0]!.note).toMatch(/older version v2/);
    const p = await paper("hep-th%2F9901001");
    expect(p.latestVersion).toBe(3);
    expect(p.versions.map((v) => v.version)).toEqual([1, 2, 3]);
  });

  it("a changed abstract without a version number is a new version", async () => {
    const base = {
      id: "2402.00042",
      title: "Sparse probes",
      abstract: "We probe sparse features in transformers.",
    };
    expect((await ingest(JSON.stringify(base))).records[0]!.verdict).toBe("new");
    const changed = { ...base, abstract: "We probe sparse features in large transformers at scale." };
    expect((await ingest(JSON.stringify(changed))).records[0]!.verdict).toBe("new-version");
    expect((await paper("2402.00042")).abstract).toBe(changed.abstract);
  });

  it("a duplicate fills in metadata the paper lacked, silently", async () => {
    const bare = {
      id: "2402.00077",
      abstract: "Diffusion models for tabular data imputation with missingness.",
    };
    await ingest(JSON.stringify(bare));
    expect((await paper("2402.00077")).title).toBeNull();
    const titled = { ...bare, title: "Tabular Diffusion Imputation", authors: ["A. Author"] };
    const res = await ingest(JSON.stringify(titled));
    expect(res.records[0]!.verdict).toBe("duplicate");
    expect(res.stored).toBe(0);
    expect((await paper("2402.00077")).title).toBe("Tabular Diffusion Imputation");
  });

  it("a paper repeated inside one feed (a cross-list) is a duplicate of its first occurrence", async () => {
    const rec = { id: "2402.00099v1", abstract: "Cross-listed abstract about robot learning from video." };
    const res = await ingest(
      [rec, { ...rec, categories: ["cs.RO"] }].map((r) => JSON.stringify(r)).join("\n"),
    );
    expect(res.records.map((r) => r.verdict)).toEqual(["new", "duplicate"]);
    expect(res.stored).toBe(1);
  });
});
