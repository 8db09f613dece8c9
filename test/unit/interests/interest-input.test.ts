/** The interests body: strict, trimmed, limited, and de-duplicated into `Interests`. */
import { describe, expect, it } from "vitest";
import { InterestsBody } from "../../../src/interests/interest-input";

const issues = (body: unknown) =>
  InterestsBody.safeParse(body).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];

describe("InterestsBody", () => {
  it("fills absent lists and leaves bibtex out", () => {
    expect(InterestsBody.parse({})).toEqual({ papers: [], authors: [], keywords: [], exclude: [] });
  });

  it("trims and de-duplicates: papers and words case-insensitively, authors by authorKey", () => {
    expect(
      InterestsBody.parse({
        papers: [" 2403.02545 ", "ARXIV:2403.02545", "arxiv:2403.02545", "10.1038/nature14539"],
        bibtex: "  @misc{a, title={A}}  ",
        authors: [
          "Ada Lovelace",
          "Lovelace, A.",
          " A.  Lovelace ",
          "Alan Turing",
          "José Müller",
          "Jose Muller",
        ],
        keywords: ["LLM", " llm ", "graph   neural networks", "Graph neural networks", "Über", "über"],
        exclude: ["survey", "Survey"],
      }),
    ).toEqual({
      papers: ["2403.02545", "ARXIV:2403.02545", "10.1038/nature14539"],
      bibtex: "@misc{a, title={A}}",
      authors: ["Ada Lovelace", "Alan Turing", "José Müller"],
      keywords: ["LLM", "graph neural networks", "Über"],
      exclude: ["survey"],
    });
  });

  it("drops a blank bibtex", () => {
    expect(InterestsBody.parse({ bibtex: " \n " })).toEqual({
      papers: [],
      authors: [],
      keywords: [],
      exclude: [],
    });
  });

  it("refuses unknown fields", () => {
    expect(issues({ keywords: ["x"], themes: ["y"] })).toEqual([': Unrecognized key: "themes"']);
  });

  it("refuses empty strings and names that are not names", () => {
    expect(issues({ authors: ["  ", "et al."], keywords: [""], papers: [" "] })).toEqual([
      "papers.0: must not be empty",
      "authors.0: must not be empty",
      "authors.1: is not a person's name",
      "keywords.0: must not be empty",
    ]);
  });

  it("holds each limit, and takes a value at the limit", () => {
    const many = (n: number, len = 5) => Array.from({ length: n }, (_, i) => `${i}`.padStart(len, "x"));
    expect(issues({ papers: many(501) })).toEqual(["papers: Too big: expected array to have <=500 items"]);
    expect(issues({ papers: ["p".repeat(301)] })).toEqual([
      "papers.0: Too big: expected string to have <=300 characters",
    ]);
    expect(issues({ authors: Array.from({ length: 201 }, (_, i) => `Author Number${i}`) })).toEqual([
      "authors: Too big: expected array to have <=200 items",
    ]);
    expect(issues({ authors: [`Ada ${"L".repeat(200)}`] })).toEqual([
      "authors.0: Too big: expected string to have <=200 characters",
    ]);
    expect(issues({ keywords: many(101) })).toEqual([
      "keywords: Too big: expected array to have <=100 items",
    ]);
    expect(issues({ exclude: ["e".repeat(201)] })).toEqual([
      "exclude.0: Too big: expected string to have <=200 characters",
    ]);
    expect(issues({ bibtex: "b".repeat(1_000_001) })).toEqual([
      "bibtex: Too big: expected string to have <=1000000 characters",
    ]);

    const atLimit = InterestsBody.parse({
      papers: many(500),
      authors: Array.from({ length: 200 }, (_, i) => `Ada Lovelace${i}`),
      keywords: many(100),
      exclude: ["e".repeat(200)],
      bibtex: "b".repeat(1_000_000),
    });
    expect([
      atLimit.papers.length,
      atLimit.authors.length,
      atLimit.keywords.length,
      atLimit.bibtex?.length,
    ]).toEqual([500, 200, 100, 1_000_000]);
  });

  it("refuses a string where a list belongs", () => {
    expect(issues({ authors: "Ada Lovelace" })).toEqual([
      "authors: Invalid input: expected array, received string",
    ]);
  });
});
