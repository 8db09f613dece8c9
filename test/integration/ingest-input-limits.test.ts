import { describe, expect, it } from "vitest";
import { call, type IngestResponse, postIngest, tableCounts } from "../support/api";

// Issue #11: what one bad record or one bad byte may cost. Each case spoils one record of a
// body and checks that the others are read and stored as if it were not there.

async function ingestOk(body: BodyInit, headers: Record<string, string> = {}): Promise<IngestResponse> {
  const res = await postIngest(body, headers);
  expect(res.status, (await res.clone().text()).slice(0, 300)).toBe(200);
  return (await res.json()) as IngestResponse;
}

const bytesOf = (...parts: Array<string | number[]>) => {
  const chunks = parts.map((p) => (typeof p === "string" ? new TextEncoder().encode(p) : new Uint8Array(p)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
};

describe("per-field limits", () => {
  it("makes a record with a 1.5 MB abstract invalid, with the reason, and stores its neighbour", async () => {
    const before = await tableCounts();
    const huge = "Enormous abstract text repeated without end. ".repeat(34_000);
    expect(huge.length).toBeGreaterThan(1_500_000);
    const body = JSON.stringify([
      { id: "2402.10001", title: "The huge one", abstract: huge },
      {
        id: "2402.10002",
        title: "A normal one",
        abstract: "A normal abstract about sparse attention in transformers.",
      },
    ]);
    const report = await ingestOk(body);
    expect(report.records.map((r) => r.verdict)).toEqual(["invalid", "new"]);
    expect(report.errors).toEqual([
      {
        index: 0,
        message: expect.stringMatching(
          /abstract is 1,5\d\d,\d{3} characters, over the 20,000-character limit/,
        ),
      },
    ]);
    expect(report.stored).toBe(1);
    const after = await tableCounts();
    expect((after.papers ?? 0) - (before.papers ?? 0)).toBe(1);
    expect((await call("/api/papers/2402.10002")).status).toBe(200);
    expect((await call("/api/papers/2402.10001")).status).toBe(404);
  });

  it("applies the same limits to every format: an over-long title in an Atom entry", async () => {
    const title = "T".repeat(3_000);
    const feed = `<feed xmlns="http://www.w3.org/2005/Atom">
<entry><id>http://arxiv.org/abs/2402.10003v1</id><title>${title}</title><summary>Long title here.</summary></entry>
<entry><id>http://arxiv.org/abs/2402.10004v1</id><title>Short</title><summary>A short title here, about graphs.</summary></entry>
</feed>`;
    const report = await ingestOk(feed);
    expect(report.records.map((r) => r.verdict)).toEqual(["invalid", "new"]);
    expect(report.errors[0]?.message).toMatch(/title is 3,000 characters, over the 2,000-character limit/);
  });
});

describe("decoding the body", () => {
  it("reads a UTF-8 body with one stray byte as UTF-8: U+FFFD for that byte only", async () => {
    const body = bytesOf(
      `${JSON.stringify({ title: "Schrödinger bridges for sampling", abstract: "We study Schrödinger bridges as samplers for unnormalised densities." })}\n`,
      '{"title": "Caf',
      [0xe9],
      ' networks", "abstract": "Queueing networks of coffee shops, a stray Latin-1 byte in the title."}\n',
    );
    const report = await ingestOk(body);
    expect(report.records.map((r) => r.title)).toEqual([
      "Schrödinger bridges for sampling",
      "Caf\uFFFD networks",
    ]);
    expect(report.stored).toBe(2);
  });

  it("still reads a body that is Latin-1 throughout as Latin-1", async () => {
    const body = bytesOf(
      '{"title": "G',
      [0xe9],
      "om",
      [0xe9],
      "trie alg",
      [0xe8],
      'bre", "abstract": "Vari',
      [0xe9],
      "t",
      [0xe9],
      "s ab",
      [0xe9],
      "liennes et leurs mod",
      [0xe8],
      'les."}',
    );
    const report = await ingestOk(body);
    expect(report.records[0]?.title).toBe("Géométrie algèbre");
  });

  it("drops NUL characters, raw bytes and JSON escapes alike", async () => {
    const report = await ingestOk(
      bytesOf(
        '{"title": "Null',
        [0x00],
        ' bytes", "abstract": "A text with a NUL\\u0000 inside it, about robust parsers."}',
      ),
    );
    expect(report.records[0]?.title).toBe("Null bytes");
    const paper = (await (await call(`/api/papers/${report.records[0]?.key}`)).json()) as {
      abstract: string;
    };
    expect(paper.abstract).toBe("A text with a NUL inside it, about robust parsers.");
  });

  it("lets a MIME part's declared charset win: an 8-bit ISO-8859-1 listing e-mail", async () => {
    const eml = bytesOf(
      [
        "From: no-reply@arxiv.org",
        "To: reader@example.org",
        "Subject: math daily Subj-class mailing 1",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=ISO-8859-1",
        "Content-Transfer-Encoding: 8bit",
        "",
        "\\\\",
        "arXiv:2402.10010",
        "Date: Wed, 10 Jan 2024 19:05:41 GMT   (24kb)",
        "",
        "Title: Sch",
      ].join("\r\n"),
      [0xf6],
      "ne Graphen\r\nAuthors: J",
      [0xfc],
      "rgen M",
      [0xf6],
      "ller\r\nCategories: math.CO\r\n\\\\\r\n  We colour the edges of hypergraphs with bounded codegree.\r\n\\\\ ( https://arxiv.org/abs/2402.10010 ,  24kb)\r\n",
    );
    const report = await ingestOk(eml);
    expect(report.records.map((r) => [r.arxivId, r.title])).toEqual([["2402.10010", "Schöne Graphen"]]);
  });
});
