import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { decodeBytes } from "../../../src/ingest/clean-text";
import { parseSeedLines } from "../../../src/ingest/formats/seed-lines";
import { parseSeedListing } from "../../../src/ingest/formats/seed-listing";

async function fixtureText(path: string): Promise<string> {
  const response = await env.FIXTURES.fetch(`http://fixtures/${path}`);
  if (!response.ok) throw new Error(`missing fixture ${path}`);
  return decodeBytes(new Uint8Array(await response.arrayBuffer()));
}

describe("seed listing layout (000)", () => {
  it("reads ten records with ids, dates and the two comments lines", async () => {
    const result = parseSeedListing(await fixtureText("seeds/000_6a4379718c0c1abb.txt"));
    expect(result.errors).toEqual([]);
    expect(result.format).toBe("seed-listing");
    expect(result.records.map((r) => r.arxivId)).toEqual([
      "2501.02173",
      "2412.10077",
      "2411.04996",
      "2410.09920",
      "2407.21770",
      "2403.02545",
      "2403.00877",
      "2401.01873",
      "2311.14035",
      "2310.03950",
    ]);
    expect(result.records.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(result.records.every((r) => r.version === null)).toBe(true);
    expect(result.records[5]).toMatchObject({
      comments: "12 pages",
      createdAt: "2024-03-04",
      updatedAt: null,
    });
    expect(result.records[9]).toMatchObject({
      comments: "27 pages, 10 figures",
      createdAt: "2023-10-05",
      updatedAt: "2023-12-17",
    });
    expect(result.records[0]!.comments).toBeNull();
    expect(result.records[0]!.abstract.startsWith("The deployment of Large Language Models (LLMs)")).toBe(
      true,
    );
    // The comments line is not part of the abstract.
    expect(result.records[5]!.abstract).not.toContain("12 pages");
  });
});

describe("seed listing layout (002)", () => {
  it("has 10 records, not 12", async () => {
    const result = parseSeedListing(await fixtureText("seeds/002_3a1a5da40a18a229.txt"));
    expect(result.errors).toEqual([]);
    expect(result.records).toHaveLength(10);
  });

  it("reads comments (even `no`), the DOI and LaTeX as written", async () => {
    const { records } = parseSeedListing(await fixtureText("seeds/002_3a1a5da40a18a229.txt"));
    const byId = new Map(records.map((r) => [r.arxivId, r]));
    expect(byId.get("2403.12642")?.comments).toBe("no");
    expect(byId.get("2403.02545")?.comments).toBe("12 pages");
    expect(byId.get("2406.07056")?.comments).toBeNull();
    expect(byId.get("2309.16424")).toMatchObject({
      comments: "Accepted to CIKM 2023 (Full Paper)",
      doi: "10.1145/3583780.3615015",
      createdAt: "2023-09-28",
    });
    expect(byId.get("2308.10433")?.comments).toBe("comments are welcome");
    expect(byId.get("2308.10433")?.abstract.startsWith("Let $\\Lambda$ be an $n$-Auslander algebra")).toBe(
      true,
    );
    expect(byId.get("2308.08968")?.comments).toBe("4 pages, 3 figures");
  });
});

describe("seed lines layout (003)", () => {
  it("reads ten id-less abstracts, the last one without a final newline", async () => {
    const text = await fixtureText("seeds/003_83750b29675ba264.txt");
    expect(text.endsWith("\n")).toBe(false);
    const result = parseSeedLines(text);
    expect(result.errors).toEqual([]);
    expect(result.format).toBe("seed-lines");
    expect(result.records).toHaveLength(10);
    expect(
      result.records.every((r) => r.arxivId === null && r.version === null && r.createdAt === null),
    ).toBe(true);
    expect(result.records[0]!.abstract.startsWith("The deployment of Large Language Models")).toBe(true);
    expect(result.records.some((r) => r.abstract.startsWith("Abstract:"))).toBe(false);
    expect(result.records[9]!.abstract.endsWith("ahead of time.")).toBe(true);
  });
});

describe("seed listing edge cases", () => {
  const clean = [
    "First abstract, on one line.",
    "",
    "arXiv:2401.12345v2",
    "Created: 2024-01-20",
    "",
    "Second abstract.",
    "",
    "8 pages",
    "",
    "arXiv:hep-th/9901001 - doi: 10.1143/PTP.101.1155",
    "Created: 1999-01-01 Updated: 1999-05-10",
  ];
  const expected = [
    {
      index: 0,
      arxivId: "2401.12345",
      version: 2,
      comments: null,
      createdAt: "2024-01-20",
      abstract: "First abstract, on one line.",
    },
    {
      index: 1,
      arxivId: "hep-th/9901001",
      version: null,
      comments: "8 pages",
      doi: "10.1143/PTP.101.1155",
      createdAt: "1999-01-01",
      updatedAt: "1999-05-10",
      abstract: "Second abstract.",
    },
  ];

  it("reads the plain layout", () => {
    const { records, errors } = parseSeedListing(clean.join("\n"));
    expect(errors).toEqual([]);
    expect(records).toMatchObject(expected);
  });

  it("tolerates CRLF, tabs, stray spaces, extra blank lines and no final newline", () => {
    const messy = `\r\n\r\n${clean
      .map((line) => (line ? `\t ${line.replace(/ /g, " \t")}  ` : "\t\r\n"))
      .join("\r\n")}`;
    const { records, errors } = parseSeedListing(messy);
    expect(errors).toEqual([]);
    expect(records).toMatchObject(expected);
  });

  it("keeps a short one-paragraph abstract as the abstract, not as comments", () => {
    const { records } = parseSeedListing("We prove it.\n\narXiv:2401.00001\nCreated: 2024-01-01\n");
    expect(records[0]).toMatchObject({ abstract: "We prove it.", comments: null });
  });

  it("keeps a long last paragraph in the abstract and paragraphs apart", () => {
    const second = "More results follow. ".repeat(20).trim();
    const { records } = parseSeedListing(`Intro.\n\n${second}\n\narXiv:2401.00001\n`);
    expect(records[0]).toMatchObject({ abstract: `Intro.\n\n${second}`, comments: null, createdAt: null });
  });

  it("joins a hard-wrapped abstract", () => {
    const { records } = parseSeedListing("We study\n  things.\n\narXiv:2401.00001\nCreated: 2024-01-01");
    expect(records[0]!.abstract).toBe("We study things.");
  });

  it("reports malformed entries with their index and keeps counting", () => {
    const text = [
      "Good one.",
      "",
      "arXiv:2401.00001",
      "",
      "arXiv:2401.00002",
      "Created: 2024-01-02",
      "",
      "Bad id.",
      "",
      "arXiv:2413.00003",
      "",
      "Third good one.",
      "",
      "arXiv:2401.00004",
      "",
      "Trailing text with no id.",
    ].join("\n");
    const { records, errors } = parseSeedListing(text);
    expect(records.map((r) => [r.index, r.arxivId])).toEqual([
      [0, "2401.00001"],
      [3, "2401.00004"],
    ]);
    expect(errors).toEqual([
      { index: 1, message: "entry 1 (arXiv:2401.00002): no abstract" },
      { index: 2, message: 'entry 2: unreadable arXiv id "2413.00003"' },
      { index: 4, message: "entry 4: text with no arXiv: line after it" },
    ]);
  });

  it("drops an unreadable date rather than guessing", () => {
    const { records } = parseSeedListing("An abstract.\n\narXiv:2401.00001\nCreated: 2024-02-31");
    expect(records[0]!.createdAt).toBeNull();
  });
});

describe("seed lines edge cases", () => {
  it("tolerates CRLF, leading spaces, blank lines and a continuation line", () => {
    const text =
      "\r\n  Abstract: One.\r\n\r\nAbstract:Two\r\n  continues here.\r\nAbstract:   \r\nAbstract: Four";
    const { records, errors } = parseSeedLines(text);
    expect(records.map((r) => [r.index, r.abstract])).toEqual([
      [0, "One."],
      [1, "Two continues here."],
      [3, "Four"],
    ]);
    expect(errors).toEqual([{ index: 2, message: 'entry 2: empty abstract after "Abstract:"' }]);
  });

  it("finds nothing in text without the label", () => {
    expect(parseSeedLines("no labels here\n").records).toEqual([]);
  });
});
