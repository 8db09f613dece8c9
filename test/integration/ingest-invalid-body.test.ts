import { describe, expect, it } from "vitest";
import { type IngestResponse, postIngest, tableCounts } from "../support/api";

// Issue #11: a body in a recognised format that cannot be read at all is the caller's error
// (400 invalid_body, nothing stored), unlike a readable body with some bad records (200).

async function refused(body: string): Promise<string> {
  const before = await tableCounts();
  const res = await postIngest(body);
  expect(res.status).toBe(400);
  const { error } = (await res.json()) as { error: { code: string; message: string } };
  expect(error.code).toBe("invalid_body");
  expect(await tableCounts()).toEqual(before);
  return error.message;
}

describe("POST /api/ingest with an unreadable body", () => {
  it("answers 400 invalid_body to truncated JSON, saying where it broke", async () => {
    const message = await refused('[{"abstract": "x"');
    expect(message).toMatch(/^The body looks like json but cannot be read: not valid JSON: .*position 17/);
  });

  it("answers 400 invalid_body to a pretty-printed JSON document with a syntax error", async () => {
    const message = await refused('{\n  "id": "2401.00001",\n  "abstract": "A"\n  "title": "B"\n}');
    expect(message).toMatch(/not valid JSON: .*line 4/);
  });

  it("answers 400 invalid_body to JSON lines of which not one line is readable", async () => {
    expect(await refused('{"abstract": "cut here\n{"abstract": "and here')).toMatch(/not valid JSON/);
  });

  it("refuses XML with a DOCTYPE and entity declarations", async () => {
    const message = await refused(`<?xml version="1.0"?>
<!DOCTYPE feed [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/2401.00001v1</id><summary>&b;</summary></entry></feed>`);
    expect(message).toContain("XML DOCTYPE declarations are refused (line 2)");
  });

  it("answers 400 invalid_body to a truncated Atom feed, with the line and column", async () => {
    const message = await refused(
      '<feed xmlns="http://www.w3.org/2005/Atom">\n<entry><id>http://arxiv.org/abs/2401.00001v1</id><summary>Trunc',
    );
    expect(message).toMatch(
      /^The body looks like atom but cannot be read: not well-formed XML: .*\(line \d+, column \d+\)/,
    );
  });

  it("still answers 200 to a readable body with one bad record, storing the good one", async () => {
    const res = await postIngest(
      `${JSON.stringify({ id: "2401.07001", abstract: "A readable abstract about retrieval heads." })}\n{"abstract": "cut`,
    );
    expect(res.status).toBe(200);
    const report = (await res.json()) as IngestResponse;
    expect(report.records.map((r) => r.verdict)).toEqual(["new", "invalid"]);
    expect(report.stored).toBe(1);
  });
});
