import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { cleanField, decodeBytes, splitAuthors, unwrapText } from "../../../src/ingest/clean-text";
import { parseAbsEntries } from "../../../src/ingest/formats/abs-entries";
import { normaliseDoi, toIsoDate } from "../../../src/ingest/formats/record-fields";
import type { ParsedRecord } from "../../../src/ingest/types";

const ABS_DIR = "data/arxiv-abs/";

async function fixtureBytes(path: string): Promise<Uint8Array> {
  const response = await env.FIXTURES.fetch(`http://fixtures/${path}`);
  if (!response.ok) throw new Error(`missing fixture ${path}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** One line of arxiv_browse_*.jsonl: the same record, extracted independently. */
interface BrowseRecord {
  id: string;
  title: string | null;
  authors: string | null;
  categories: string[];
  comments: string | null;
  journal_ref: string | null;
  doi: string | null;
  versions: { version: string; created: string }[];
  abstract: string;
  source_path: string;
}

async function browseRecords(path: string): Promise<BrowseRecord[]> {
  const text = decodeBytes(await fixtureBytes(path));
  return text
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as BrowseRecord);
}

// `ftp/hep-th/papers/9901/9901001.abs` -> hep-th/9901001; `ftp/arxiv/...` holds new-style ids;
// `orig/.../9901001v2.abs` is version 2.
const ABS_PATH = /^(ftp|orig)\/([^/]+)\/papers\/\d{4}\/([^/]+?)(?:v(\d+))?\.abs$/;

function idFromPath(path: string): { id: string; version: number | null } {
  const match = ABS_PATH.exec(path);
  if (!match) throw new Error(`unexpected fixture path ${path}`);
  const [, , archive, number, version] = match;
  return {
    id: archive === "arxiv" ? number! : `${archive}/${number}`,
    version: version ? Number(version) : null,
  };
}

// Data anomaly, checked below against the JSON extract: this file holds the record of the
// next paper (its own id line says cs/0006008), so the content, not the path, is right.
const MISFILED: Record<string, string> = { "ftp/cs/papers/0006/0006007.abs": "cs/0006008" };

interface Parsed {
  path: string;
  bytes: number;
  records: ParsedRecord[];
  errors: { index: number; message: string }[];
  /** Raw abstract block contains a LaTeX `\\` line (the JSON extract truncates those). */
  innerBreak: boolean;
}

/**
 * The JSON extract decoded the latin-1 records as UTF-8, so their accented letters became
 * U+FFFD. Such a value is compared with U+FFFD standing for any one character.
 */
function lossy(expected: string | null): string | null | RegExp {
  if (expected === null || !expected.includes("\uFFFD")) return expected;
  const escaped = expected.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\uFFFD/g, ".");
  return new RegExp(`^${escaped}$`, "u");
}

function expectText(actual: string | null, expected: string | null, label: string): void {
  const wanted = lossy(expected);
  if (wanted instanceof RegExp) expect(actual, label).toMatch(wanted);
  else expect(actual, label).toBe(wanted);
}

let parsed: Parsed[] = [];
const browse = new Map<string, BrowseRecord>(); // by path under arxiv-abs/

beforeAll(async () => {
  const list = (await (await env.FIXTURES.fetch(`http://fixtures/${ABS_DIR}`)).json()) as string[];
  parsed = await Promise.all(
    list
      .filter((path) => path.endsWith(".abs"))
      .map(async (path) => {
        const bytes = await fixtureBytes(ABS_DIR + path);
        const text = decodeBytes(bytes);
        const result = parseAbsEntries(text, "abs");
        const backslashLines = text.split(/\r?\n/).filter((line) => /^\\\\\s*$/.test(line)).length;
        return { path, bytes: bytes.length, ...result, innerBreak: backslashLines > 3 };
      }),
  );
  for (const file of ["data/arxiv_browse_latest.jsonl", "data/arxiv_browse_prior_versions.jsonl"]) {
    for (const record of await browseRecords(file)) {
      browse.set(record.source_path.replace(/^.*abs_files\//, ""), record);
    }
  }
});

describe("every .abs fixture", () => {
  it("is all there", () => {
    expect(parsed.length).toBe(1192);
  });

  it("gives no record and no error for the 0-byte file", () => {
    const empty = parsed.filter((file) => file.bytes === 0);
    expect(empty.map((file) => file.path)).toEqual(["ftp/math-ph/papers/0509/0509037.abs"]);
    expect(empty[0]!.records).toEqual([]);
    expect(empty[0]!.errors).toEqual([]);
  });

  it("parses to exactly one record with the id and version the path implies", () => {
    for (const file of parsed.filter((f) => f.bytes > 0)) {
      expect(file.errors, file.path).toEqual([]);
      expect(file.records.length, file.path).toBe(1);
      const record = file.records[0]!;
      const expected = idFromPath(file.path);
      expect(record.arxivId, file.path).toBe(MISFILED[file.path] ?? expected.id);
      expect(record.index).toBe(0);
      expect(record.format).toBe("abs");
      if (expected.version !== null) expect(record.version, file.path).toBe(expected.version);
      expect(record.abstract.length, file.path).toBeGreaterThan(0);
    }
  });

  it("agrees with the arxiv-browse JSON extract on version and every field", () => {
    let checked = 0;
    for (const file of parsed.filter((f) => f.bytes > 0)) {
      const json = browse.get(file.path);
      expect(json, `${file.path} missing from the JSON extract`).toBeDefined();
      if (!json) continue;
      const record = file.records[0]!;
      const lastVersion = Number(json.versions[json.versions.length - 1]!.version.replace(/^v/, ""));
      expect(record.arxivId, file.path).toBe(json.id);
      expect(record.version, file.path).toBe(lastVersion);
      expectText(record.title, cleanField(json.title), file.path);
      expect(record.authors, file.path).toEqual(splitAuthors(json.authors));
      expect(record.categories, file.path).toEqual(json.categories);
      expectText(record.comments, cleanField(json.comments), file.path);
      expectText(record.journalRef, cleanField(json.journal_ref), file.path);
      // Some records write `DOI: doi:10.…`; several list errata DOIs after the paper's own.
      expect(record.doi, file.path).toBe(normaliseDoi(json.doi?.split(/\s+/)[0]));
      expect(record.createdAt, file.path).toBe(toIsoDate(json.versions[0]!.created));
      if (file.innerBreak) {
        // The extract stops at the first inner `\\`; we keep the whole abstract.
        expect(record.abstract.startsWith(unwrapText(json.abstract)), file.path).toBe(true);
      } else {
        // Files without a final newline left their closing `\\` in the extract's abstract.
        expectText(record.abstract, unwrapText(json.abstract).replace(/\s*\\\\$/, ""), file.path);
      }
      checked++;
    }
    expect(checked).toBe(1191);
  });
});

describe("spot checks", () => {
  const one = (path: string): ParsedRecord => {
    const file = parsed.find((f) => f.path === path);
    if (!file?.records[0]) throw new Error(`no record for ${path}`);
    return file.records[0];
  };

  it("reads an old-style record with three versions", () => {
    const record = one("ftp/hep-th/papers/9901/9901001.abs");
    expect(record).toMatchObject({
      arxivId: "hep-th/9901001",
      version: 3,
      title: "String Junctions and Their Duals in Heterotic String Theory",
      authors: ["Yosuke Imamura"],
      categories: ["hep-th"],
      comments: "13 pages + 4 eps figures, PTPTeX, typographical errors corrected",
      journalRef: "Prog.Theor.Phys.101:1155-1164,1999",
      doi: "10.1143/PTP.101.1155",
      createdAt: "1999-01-01T01:01:10Z",
      updatedAt: "1999-05-10T04:45:54Z",
    });
    expect(record.abstract).toBe(
      "We explicitly give the correspondence between spectra of heterotic string theory compactified on $T^2$ and string junctions in type IIB theory compactified on $S^2$.",
    );
  });

  it("reads an earlier version from orig/", () => {
    const record = one("orig/hep-th/papers/9901/9901001v2.abs");
    expect(record).toMatchObject({
      arxivId: "hep-th/9901001",
      version: 2,
      updatedAt: "1999-01-05T21:36:42Z",
    });
    expect(record.categories).toEqual([]); // this early version has no Categories line
  });

  it("reads a new-style id with the primary category first", () => {
    const record = one("ftp/arxiv/papers/2304/2304.09157.abs");
    expect(record).toMatchObject({
      arxivId: "2304.09157",
      version: 2,
      title: "Neural networks for geospatial data",
      authors: ["Wentao Zhan", "Abhirup Datta"],
      categories: ["stat.ML", "cs.LG", "stat.ME"],
      comments: null,
      journalRef: null,
      doi: null,
      createdAt: "2023-04-18T17:52:23Z",
      updatedAt: "2024-01-29T23:56:47Z",
    });
  });

  it("decodes the latin-1 file and joins its two-line Journal-ref", () => {
    const record = one("ftp/arxiv/papers/1607/1607.08199.abs");
    expect(record.version).toBe(5);
    expect(record.journalRef).toBe(
      "Épijournal de Géométrie Algébrique, Volume 1 (September 1, 2017) epiga:3255",
    );
    expect(record.authors).toContain("Emanuele Macr\\`i"); // LaTeX accents stay as written
  });

  it("keeps LaTeX `\\\\` lines inside an abstract", () => {
    const record = one("ftp/arxiv/papers/2004/2004.02153.abs");
    expect(record.title).toBe(
      "When do Keller-Segel systems with heterogeneous logistic sources admit generalized solutions?",
    );
    expect(record.abstract).toContain("u^\\kappa, \\\\ v_t = \\Delta v - v + u");
    expect(record.abstract.endsWith("collapse into a persistent Dirac distribution.")).toBe(true);
  });

  it("keeps only the paper's own DOI when errata DOIs follow it", () => {
    const record = one("ftp/arxiv/papers/0704/0704.0389.abs");
    expect(record.doi).toBe("10.1103/PhysRevD.75.124007");
  });
});

describe("shape tolerance", () => {
  const base = [
    "\\\\",
    "arXiv:2401.12345",
    "Date: Mon, 15 Jan 2024 18:59:59 GMT   (15kb)",
    "",
    "Title: A title",
    "Authors: A. Author",
    "\\\\",
    "  An abstract.",
    "\\\\",
  ];

  it("reads CRLF, a missing opening rule and a missing final newline", () => {
    const result = parseAbsEntries(base.join("\r\n"), "abs");
    expect(result.records).toHaveLength(1);
    expect(result.records[0]).toMatchObject({ arxivId: "2401.12345", version: 1, abstract: "An abstract." });
  });

  it("uses a version stated on the id line", () => {
    const text = base.map((line) => (line === "arXiv:2401.12345" ? "arXiv:2401.12345v4" : line)).join("\n");
    expect(parseAbsEntries(text, "abs").records[0]?.version).toBe(4);
  });

  it("reads a record pasted without its leading `\\\\` and without the closing one", () => {
    const result = parseAbsEntries(base.slice(1, -1).join("\n"), "abs");
    expect(result.records[0]).toMatchObject({
      arxivId: "2401.12345",
      title: "A title",
      abstract: "An abstract.",
    });
  });

  it("reports an entry without abstract and one with a broken id", () => {
    const noAbstract = [...base.slice(0, 7), "\\\\"].join("\n");
    const badId = base.map((line) => (line === "arXiv:2401.12345" ? "arXiv:2413.99999" : line)).join("\n");
    expect(parseAbsEntries(noAbstract, "abs").errors).toEqual([
      { index: 0, message: "arXiv:2401.12345: no abstract" },
    ]);
    expect(parseAbsEntries(badId, "abs").errors).toEqual([
      { index: 0, message: 'entry 0: unreadable arXiv id "2413.99999"' },
    ]);
  });

  it("gives nothing for text without entries", () => {
    expect(parseAbsEntries("", "abs")).toEqual({ format: "abs", records: [], errors: [] });
    expect(parseAbsEntries("just some words\n\\\\\n", "abs").records).toEqual([]);
  });
});
