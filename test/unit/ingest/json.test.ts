import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { parseArxivRef } from "../../../src/ingest/arxiv-id";
import { decodeBytes } from "../../../src/ingest/clean-text";
import { parseJson } from "../../../src/ingest/formats/json";

async function fixture(path: string): Promise<string> {
  const response = await env.FIXTURES.fetch(`http://fixtures/${path}`);
  if (!response.ok) throw new Error(`missing fixture ${path}`);
  return decodeBytes(new Uint8Array(await response.arrayBuffer()));
}

type Line = Record<string, unknown> & { id: string };

function jsonLines(text: string): Line[] {
  return text
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Line);
}

describe("parseJson on the daily-arXiv snapshots", () => {
  it("parses every line of every file to a record with that line's id", async () => {
    const files = (await (await env.FIXTURES.fetch("http://fixtures/data/daily-arxiv/")).json()) as string[];
    expect(files.length).toBe(40);
    let lines = 0;
    for (const file of files) {
      const text = await fixture(`data/daily-arxiv/${file}`);
      const expected = jsonLines(text);
      const { format, records, errors } = parseJson(text);
      expect(format).toBe("json");
      expect(errors, file).toEqual([]);
      expect(records.length, file).toBe(expected.length);
      records.forEach((record, i) => {
        const line = expected[i]!;
        if (record.index !== i || record.arxivId !== parseArxivRef(line.id)?.id) {
          expect.fail(`${file} line ${i + 1}: got ${record.index}/${record.arxivId}, want ${line.id}`);
        }
        // daily-arXiv lists the primary category first; ACM/MSC classes mixed in are dropped.
        if (record.categories[0] !== (line.categories as string[])[0]) {
          expect.fail(`${file} line ${i + 1}: primary ${record.categories[0]}`);
        }
        if (record.abstract.length === 0 || record.title === null)
          expect.fail(`${file} line ${i + 1}: empty`);
      });
      lines += records.length;
    }
    expect(lines).toBe(9648);
  });

  it("reads the daily-arXiv fields: summary, comment, authors array, abs URL", async () => {
    const { records } = parseJson(await fixture("data/daily-arxiv/2025-10-01.jsonl"));
    expect(records[0]).toMatchObject({
      arxivId: "2509.25220",
      version: null,
      title: "Cyclic Ablation: Testing Concept Localization against Functional Regeneration in AI",
      authors: ["Eduard Kapelko"],
      categories: ["cs.CL", "cs.LG"],
      comments: "Code is available at: https://www.kaggle.com/code/kapedalex/cycleablationpublic/",
      createdAt: null,
    });
    expect(records[0]!.abstract).toMatch(
      /^Safety and controllability are critical for large language models\. A central question/,
    );
    expect(records[0]!.abstract).not.toContain("\n");
  });
});

describe("parseJson on the Kaggle/OAI snapshot", () => {
  it("reads 200 records with versions and dates from versions[]", async () => {
    const text = await fixture("data/arxiv-metadata-oai-snapshot.head200.jsonl");
    const lines = jsonLines(text);
    const { records, errors } = parseJson(text);
    expect(errors).toEqual([]);
    expect(records).toHaveLength(200);
    records.forEach((record, i) => {
      const versions = lines[i]!.versions as { version: string }[];
      expect(record.arxivId).toBe(lines[i]!.id);
      expect(record.version).toBe(Number(versions.at(-1)!.version.slice(1)));
      expect(record.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    });
    expect(records[0]).toMatchObject({
      arxivId: "0704.0001",
      version: 2,
      title: "Calculation of prompt diphoton production cross sections at Tevatron and LHC energies",
      authors: ["C. Bal\\'azs", "E. L. Berger", "P. M. Nadolsky", "C.-P. Yuan"],
      categories: ["hep-ph"],
      comments: "37 pages, 15 figures; published version",
      doi: "10.1103/PhysRevD.76.013009",
      journalRef: "Phys.Rev.D76:013009,2007",
      createdAt: "2007-04-02T19:18:42Z",
      updatedAt: "2007-07-24T20:10:27Z",
    });
    expect(records[1]).toMatchObject({
      authors: ["Ileana Streinu", "Louis Theran"],
      categories: ["math.CO", "cs.CG"],
    });
  });
});

describe("parseJson on the arxiv-browse records", () => {
  it("reads the latest versions with the primary category first", async () => {
    const text = await fixture("data/arxiv_browse_latest.jsonl");
    const lines = jsonLines(text);
    const { records, errors } = parseJson(text);
    expect(errors).toEqual([]);
    expect(records).toHaveLength(1131);
    records.forEach((record, i) => {
      const line = lines[i]!;
      expect(record.arxivId).toBe(parseArxivRef(line.id)?.id);
      expect(record.version).toBe(Number((line.file_version as string).slice(1)));
      expect(record.categories[0]).toBe(line.primary_category);
    });
    expect(records[0]).toMatchObject({
      arxivId: "acc-phys/9411001",
      version: 1,
      authors: ["Salman Habib", "Robert D. Ryne"],
      categories: ["acc-phys", "physics.acc-ph"],
      createdAt: "1994-11-01T18:57:48Z",
    });
  });

  it("gives an older version's record the number in file_version", async () => {
    const text = await fixture("data/arxiv_browse_prior_versions.jsonl");
    const lines = jsonLines(text);
    const { records, errors } = parseJson(text);
    expect(errors).toEqual([]);
    expect(records).toHaveLength(60);
    records.forEach((record, i) => {
      expect(record.version).toBe(Number((lines[i]!.file_version as string).slice(1)));
    });
    expect(records.slice(0, 2).map((r) => [r.arxivId, r.version])).toEqual([
      ["adap-org/9509003", 1],
      ["adap-org/9509003", 2],
    ]);
  });

  it("prefers file_version to a versions[] list that already names later versions", () => {
    const line = {
      id: "0704.0001",
      file_version: "v1",
      abstract: "First version's abstract.",
      versions: [
        { version: "v1", created: "Mon, 2 Apr 2007 19:18:42 GMT" },
        { version: "v2", created: "Tue, 24 Jul 2007 20:10:27 GMT" },
      ],
    };
    expect(parseJson(JSON.stringify(line)).records[0]).toMatchObject({
      version: 1,
      createdAt: "2007-04-02T19:18:42Z",
      updatedAt: "2007-07-24T20:10:27Z",
    });
  });
});

describe("parseJson input shapes", () => {
  const a = { id: "2401.00001v2", title: "A", abstract: "Abstract A." };
  const b = { arxiv_id: "hep-th/9901001", title: "B", summary: "Abstract B." };

  it("reads an array, JSON lines and a single object alike", () => {
    const fromArray = parseJson(JSON.stringify([a, b], null, 2));
    const fromLines = parseJson(`${JSON.stringify(a)}\n\n${JSON.stringify(b)}\n`);
    expect(fromArray.errors).toEqual([]);
    expect(fromLines).toEqual(fromArray);
    expect(fromArray.records.map((r) => [r.index, r.arxivId, r.version, r.abstract])).toEqual([
      [0, "2401.00001", 2, "Abstract A."],
      [1, "hep-th/9901001", null, "Abstract B."],
    ]);
    const single = parseJson(JSON.stringify(b));
    expect(single.records).toHaveLength(1);
    expect(single.records[0]).toMatchObject({ index: 0, arxivId: "hep-th/9901001", abstract: "Abstract B." });
  });

  it("reads a wrapper object holding the list", () => {
    const { records } = parseJson(JSON.stringify({ total: 2, papers: [a, b] }));
    expect(records.map((r) => r.arxivId)).toEqual(["2401.00001", "hep-th/9901001"]);
  });

  it("reports bad lines with their index and still parses the others", () => {
    const text = [
      JSON.stringify(a),
      "{not json",
      "",
      "   ",
      '"a string"',
      "[1,2]",
      JSON.stringify(b),
      "{}",
    ].join("\r\n");
    const { records, errors } = parseJson(text);
    expect(records.map((r) => [r.index, r.arxivId])).toEqual([
      [0, "2401.00001"],
      [4, "hep-th/9901001"],
    ]);
    expect(errors.map((e) => e.index)).toEqual([1, 2, 3, 5]);
    expect(errors[0]!.message).toMatch(/^line 2: not valid JSON/);
    expect(errors[1]!.message).toBe("line 5: expected a JSON object, got a string");
    expect(errors[2]!.message).toBe("line 6: expected a JSON object, got an array");
    expect(errors[3]!.message).toMatch(/^line 8: no abstract/);
  });

  it("reports entries without an abstract, or with one that is not text", () => {
    const { records, errors } = parseJson(
      JSON.stringify([{ id: "2401.00001", abstract: "  " }, { summary: 42 }, { abstract: "ok" }, 7]),
    );
    expect(records.map((r) => r.index)).toEqual([2]);
    expect(errors).toEqual([
      {
        index: 0,
        message: 'entry 1 (2401.00001): no abstract (expected a non-empty "abstract" or "summary")',
      },
      { index: 1, message: expect.stringMatching(/^entry 2: field "summary" must be text/) },
      { index: 3, message: "entry 4: expected a JSON object, got a number" },
    ]);
  });

  it("gives one error at index 0 for a body that is not JSON at all", () => {
    for (const body of ["", "  \n", "hello world", "<feed/>", '{\n  "id": "x",\n  oops\n}', "42", "null"]) {
      const { records, errors } = parseJson(body);
      expect(records).toEqual([]);
      expect(errors).toHaveLength(1);
      expect(errors[0]!.index).toBe(0);
    }
    expect(parseJson("[]")).toEqual({ format: "json", records: [], errors: [] });
  });
});

describe("parseJson field names", () => {
  const one = (object: Record<string, unknown>) => {
    const { records, errors } = parseJson(JSON.stringify(object));
    expect(errors).toEqual([]);
    return records[0]!;
  };

  it("finds the id under any common name, or in a URL; a non-arXiv id is null", () => {
    expect(one({ arxivId: "2401.00001", abstract: "x" }).arxivId).toBe("2401.00001");
    expect(one({ paper_id: "arXiv:2401.00001v3", abstract: "x" })).toMatchObject({
      arxivId: "2401.00001",
      version: 3,
    });
    expect(one({ url: "https://arxiv.org/pdf/2401.00001v2", abstract: "x" })).toMatchObject({ version: 2 });
    expect(one({ link: "https://arxiv.org/abs/math.CA/0611800", abstract: "x" }).arxivId).toBe(
      "math/0611800",
    );
    expect(one({ id: "W2741809807", abstract: "x" }).arxivId).toBeNull();
    expect(one({ id: "W2741809807", abs: "http://arxiv.org/abs/2401.00001", abstract: "x" }).arxivId).toBe(
      "2401.00001",
    );
  });

  it("reads the version from file_version or version, as `v2` or 2", () => {
    expect(one({ id: "2401.00001", file_version: "v2", abstract: "x" }).version).toBe(2);
    expect(one({ id: "2401.00001", version: 3, abstract: "x" }).version).toBe(3);
    expect(one({ id: "2401.00001v4", version: 3, abstract: "x" }).version).toBe(4);
    expect(one({ id: "2401.00001", version: "latest", abstract: "x" }).version).toBeNull();
  });

  it("reads authors as a list, prose, objects or authors_parsed", () => {
    expect(one({ authors: ["A. One", " B. Two "], abstract: "x" }).authors).toEqual(["A. One", "B. Two"]);
    expect(one({ authors: "A. One, B. Two and C. Three", abstract: "x" }).authors).toEqual([
      "A. One",
      "B. Two",
      "C. Three",
    ]);
    expect(one({ authors: [{ name: "A. One" }, { name: "B. Two" }], abstract: "x" }).authors).toEqual([
      "A. One",
      "B. Two",
    ]);
    expect(
      one({
        authors_parsed: [
          ["Balázs", "C.", ""],
          ["Yuan", "C. -P.", "Jr"],
        ],
        abstract: "x",
      }).authors,
    ).toEqual(["C. Balázs", "C. -P. Yuan Jr"]);
  });

  it("reads categories as a list or a string, primary first when named", () => {
    expect(one({ categories: "math.CO cs.CG", abstract: "x" }).categories).toEqual(["math.CO", "cs.CG"]);
    expect(
      one({ categories: ["cs.LG", "stat.ML"], primary_category: "stat.ML", abstract: "x" }).categories,
    ).toEqual(["stat.ML", "cs.LG"]);
  });

  it("reads comments, journal ref, DOI and dates under their variant names", () => {
    expect(
      one({
        comment: "10 pages",
        journalRef: "Nature 1 (2024) 2",
        doi: "https://doi.org/10.1000/xyz",
        published: "2024-01-15T10:00:00Z",
        updated: "Tue, 16 Jan 2024 00:00:00 -0500",
        abstract: "x",
      }),
    ).toMatchObject({
      comments: "10 pages",
      journalRef: "Nature 1 (2024) 2",
      doi: "10.1000/xyz",
      createdAt: "2024-01-15T10:00:00Z",
      updatedAt: "2024-01-16T05:00:00Z",
    });
    expect(
      one({ "journal-ref": "J", created: "2008-11-26", update_date: "not a date", abstract: "x" }),
    ).toMatchObject({ journalRef: "J", createdAt: "2008-11-26", updatedAt: null });
  });

  it("ignores optional fields of the wrong type instead of rejecting the record", () => {
    expect(
      one({ id: ["2401.00001"], title: { x: 1 }, authors: 5, categories: null, abstract: "x" }),
    ).toMatchObject({
      arxivId: null,
      title: null,
      authors: [],
      categories: [],
      abstract: "x",
    });
  });

  it("keeps LaTeX and paragraphs, joins hard wraps", () => {
    expect(one({ abstract: "  A $\\alpha$\n  wrapped line.\n\n  Second\tparagraph.\n" }).abstract).toBe(
      "A $\\alpha$ wrapped line.\n\nSecond paragraph.",
    );
  });
});

describe("parseJson odd cases", () => {
  it("does not mistake a record without an abstract for a wrapper of its versions", () => {
    const { records, errors } = parseJson(
      JSON.stringify({
        id: "2401.00001",
        versions: [{ version: "v1", created: "Mon, 1 Jan 2024 00:00:00 GMT" }],
      }),
    );
    expect(records).toEqual([]);
    expect(errors).toEqual([{ index: 0, message: expect.stringContaining("(2401.00001): no abstract") }]);
  });

  it("strips arXiv's announcement prefix from scraped feed summaries, taking the id from it", () => {
    const { records } = parseJson(
      JSON.stringify({
        title: "T",
        summary: "arXiv:2502.01375v2 Announce Type: replace-cross \nAbstract: Rules.",
      }),
    );
    expect(records[0]).toMatchObject({ arxivId: "2502.01375", version: 2, abstract: "Rules." });
  });

  it("prefers the record's own version fields to a version in a link", () => {
    const line = {
      id: "2401.00001",
      file_version: "v3",
      url: "https://arxiv.org/pdf/2401.00001v1",
      abstract: "x",
    };
    expect(parseJson(JSON.stringify(line)).records[0]!.version).toBe(3);
  });
});
