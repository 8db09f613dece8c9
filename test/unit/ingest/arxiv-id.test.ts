import { describe, expect, it } from "vitest";
import { formatArxivRef, keyForArxivId, parseArxivRef } from "../../../src/ingest/arxiv-id";

describe("parseArxivRef accepts", () => {
  it.each([
    // bare ids, both schemes
    ["2401.12345", "2401.12345", null],
    ["2401.12345v2", "2401.12345", 2],
    ["2401.12345V2", "2401.12345", 2],
    ["0704.0001", "0704.0001", null],
    ["1412.9999v1", "1412.9999", 1],
    ["1501.00001", "1501.00001", null],
    ["hep-th/9901001", "hep-th/9901001", null],
    ["hep-th/9901001v3", "hep-th/9901001", 3],
    ["cond-mat/0102536v1", "cond-mat/0102536", 1],
    ["HEP-TH/9901001", "hep-th/9901001", null],
    // a subject class inside an old id is dropped: arXiv files the paper under the archive
    ["math.CA/0611800", "math/0611800", null],
    ["math.CA/0611800v2", "math/0611800", 2],
    ["nlin.CG/0301001", "nlin/0301001", null],
    // prefixes
    ["arXiv:2401.12345", "2401.12345", null],
    ["arxiv:2401.12345v4", "2401.12345", 4],
    ["ARXIV:hep-th/9901001", "hep-th/9901001", null],
    ["arXiv: 2401.12345", "2401.12345", null],
    ["oai:arXiv.org:2401.12345", "2401.12345", null],
    ["oai:arXiv.org:hep-th/9901001", "hep-th/9901001", null],
    // URLs
    ["https://arxiv.org/abs/2401.12345", "2401.12345", null],
    ["http://arxiv.org/abs/2401.12345v2", "2401.12345", 2],
    ["https://www.arxiv.org/abs/2401.12345", "2401.12345", null],
    ["http://export.arxiv.org/abs/2401.12345", "2401.12345", null],
    ["https://arxiv.org/pdf/2401.12345", "2401.12345", null],
    ["https://arxiv.org/pdf/2401.12345v3.pdf", "2401.12345", 3],
    ["https://arxiv.org/pdf/2401.12345.pdf", "2401.12345", null],
    ["https://arxiv.org/html/2401.12345v1", "2401.12345", 1],
    ["https://arxiv.org/html/2401.12345v1/", "2401.12345", 1],
    ["https://arxiv.org/abs/2401.12345/", "2401.12345", null],
    ["https://arxiv.org/abs/2401.12345?context=cs", "2401.12345", null],
    ["https://arxiv.org/abs/2401.12345v2#S3", "2401.12345", 2],
    ["https://arxiv.org/abs/hep-th/9901001v2", "hep-th/9901001", 2],
    ["https://arxiv.org/abs/math.CA/0611800", "math/0611800", null],
    ["arxiv.org/abs/2401.12345", "2401.12345", null],
    // the arXiv DOI
    ["10.48550/arXiv.2401.12345", "2401.12345", null],
    ["10.48550/ARXIV.2401.12345", "2401.12345", null],
    ["https://doi.org/10.48550/arXiv.2401.12345", "2401.12345", null],
    ["doi:10.48550/arXiv.2401.12345", "2401.12345", null],
    // stray spaces
    ["  2401.12345  ", "2401.12345", null],
    ["\t arXiv:2401.12345v2 \n", "2401.12345", 2],
  ])("%j", (input, id, version) => {
    expect(parseArxivRef(input)).toEqual({ id, version });
  });
});

describe("parseArxivRef rejects", () => {
  it.each([
    "",
    "   ",
    "abc",
    "arXiv:",
    "0000.0000", // before the new scheme started (0704)
    "0703.1234", // ditto
    "2413.12345", // month 13
    "2400.12345", // month 0
    "1412.12345", // five digits before 1501
    "1501.1234", // four digits from 1501 on
    "2401.123", // too short
    "2401.123456", // too long
    "2401.12345v0", // v0 does not exist
    "hep-th/9913001", // month 13
    "hep-th/990100", // old numbers have three digits after YYMM
    "hep_th/9901001",
    "https://example.org/abs/2401.12345",
    "10.1145/3583780.3615015",
    "We study a mismatch between models",
    "2401.12345 and 2401.12346",
  ])("%j", (input) => {
    expect(parseArxivRef(input)).toBeNull();
  });
});

describe("formatting", () => {
  it("writes ids as arXiv does and keys without the version", () => {
    expect(formatArxivRef({ id: "2401.12345", version: 2 })).toBe("2401.12345v2");
    expect(formatArxivRef({ id: "hep-th/9901001", version: null })).toBe("hep-th/9901001");
    expect(keyForArxivId("hep-th/9901001")).toBe("arxiv:hep-th/9901001");
  });
});
