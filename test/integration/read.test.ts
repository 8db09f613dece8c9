import { beforeAll, describe, expect, it } from "vitest";
import { call, fixtureBytes, fixtureText, ingest } from "../support/api";

let idlessKey = "";

beforeAll(async () => {
  await ingest(await fixtureText("seeds/000_6a4379718c0c1abb.txt"));
  await ingest(await fixtureBytes("data/arxiv-abs/ftp/hep-th/papers/9901/9901001.abs"));
  const lines = await ingest(await fixtureText("seeds/003_83750b29675ba264.txt"));
  idlessKey = lines.records.find((r) => r.verdict === "new")!.key!;
});

describe("GET /api/papers/{ref}", () => {
  const forms = [
    "2403.02545",
    "2403.02545v2",
    "arxiv:2403.02545",
    "arXiv:2403.02545v1",
    encodeURIComponent("https://arxiv.org/abs/2403.02545v1"),
    encodeURIComponent("https://arxiv.org/pdf/2403.02545.pdf"),
    encodeURIComponent("10.48550/arXiv.2403.02545"),
    // Pasted without encoding: the route takes the rest of the path.
    "https://arxiv.org/abs/2403.02545v1",
    "http://export.arxiv.org/pdf/2403.02545",
  ];
  for (const ref of forms) {
    it(`resolves ${ref}`, async () => {
      const res = await call(`/api/papers/${ref}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { key: string; versions: unknown[]; firstSeenAt: string };
      expect(body.key).toBe("arxiv:2403.02545");
      expect(body.versions).toHaveLength(1);
      expect(Date.parse(body.firstSeenAt)).toBeGreaterThan(0);
    });
  }

  it("resolves old-style ids with the slash plain or encoded", async () => {
    for (const ref of ["hep-th/9901001", "hep-th%2F9901001v3", "arxiv:hep-th/9901001"]) {
      const res = await call(`/api/papers/${ref}`);
      expect(res.status, ref).toBe(200);
      expect(((await res.json()) as { key: string }).key).toBe("arxiv:hep-th/9901001");
    }
  });

  it("resolves the key of an id-less paper", async () => {
    const res = await call(`/api/papers/${idlessKey}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { arxivId: string | null }).arxivId).toBeNull();
  });

  it("answers 404 in the contract's shape for unknown or malformed refs", async () => {
    for (const ref of ["2501.99999", "not-a-paper", "fp:0000000000000000"]) {
      const res = await call(`/api/papers/${ref}`);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("paper_not_found");
    }
  });
});

describe("GET /api/search", () => {
  it("ranks the paper whose headline and abstract match first", async () => {
    const res = await call("/api/search?q=modality-aware%20mixture%20of%20experts");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: Array<{ key: string; snippet: string }> };
    expect(body.results[0]?.key).toBe("arxiv:2407.21770");
    expect(body.results[0]?.snippet).toContain("«");
  });

  it("stems words and honours limit", async () => {
    const res = await call("/api/search?q=recommendation%20models&limit=2");
    const body = (await res.json()) as { results: unknown[] };
    expect(body.results.length).toBeGreaterThan(0);
    expect(body.results.length).toBeLessThanOrEqual(2);
  });

  it("treats FTS operators typed by users as words, never as syntax", async () => {
    for (const q of ['"unbalanced', "AND OR NOT", "NEAR(a b)", "col:umn*", "-minus ^caret"]) {
      const res = await call(`/api/search?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
    }
  });

  it("rejects a missing or wordless query with 400", async () => {
    for (const qs of ["", "?q=", "?q=%20%21%21", "?q=a&limit=0", "?q=a&limit=abc"]) {
      const res = await call(`/api/search${qs}`);
      expect(res.status, qs).toBe(400);
    }
  });
});
