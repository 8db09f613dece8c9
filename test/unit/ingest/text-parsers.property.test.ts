import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeBytes } from "../../../src/ingest/clean-text";
import { detectFormat } from "../../../src/ingest/detect";
import { parseAbsEntries } from "../../../src/ingest/formats/abs-entries";
import { parseSeedLines } from "../../../src/ingest/formats/seed-lines";
import { parseSeedListing } from "../../../src/ingest/formats/seed-listing";
import { parseInput } from "../../../src/ingest/parse-input";
import { type ParseResult, SOURCE_FORMATS } from "../../../src/ingest/types";

const PARSERS: Record<string, (text: string) => ParseResult> = {
  parseSeedListing,
  parseSeedLines,
  "parseAbsEntries(abs)": (text) => parseAbsEntries(text, "abs"),
  "parseAbsEntries(listing-email)": (text) => parseAbsEntries(text, "listing-email"),
};

const TEXT_FORMATS: readonly string[] = ["seed-listing", "seed-lines", "abs", "listing-email"];

/** What every parser promises: non-empty abstracts, and one index per entry, in order. */
function expectWellFormed(result: ParseResult): void {
  for (const record of result.records) {
    expect(record.abstract.trim().length).toBeGreaterThan(0);
    expect(record.abstract).toBe(record.abstract.trim());
  }
  const indexes = [...result.records.map((r) => r.index), ...result.errors.map((e) => e.index)].sort(
    (a, b) => a - b,
  );
  expect(indexes).toEqual(indexes.map((_, i) => i));
  for (const error of result.errors) expect(error.message.length).toBeGreaterThan(0);
}

// Pieces of every layout, so random inputs often look almost right.
const FRAGMENTS = [
  "\\\\",
  "\\\\ ( https://arxiv.org/abs/2401.12345 ,  12kb)",
  "arXiv:2401.12345",
  "arXiv:2401.12345v2 (*cross-listing*)",
  "arXiv:hep-th/9901001 - doi: 10.1/x",
  "arXiv:9999.99999",
  "Paper: hep-th/9901001",
  "Date: Fri, 1 Jan 1999 01:01:10 GMT   (15kb)",
  "Date (revised v2): Tue, 5 Jan 1999 21:36:42 GMT   (15kb)",
  "Date (revised v): nonsense",
  "replaced with revised version Thu, 11 Jan 2024 10:02:37 GMT   (2011kb,D)",
  "Title: A title",
  "  continued",
  "Authors: A, B and C",
  "Categories: cs.LG stat.ML",
  "DOI: doi:",
  "Created: 2024-01-01 Updated: 2024-13-45",
  "Created:",
  "Abstract:",
  "Abstract: text",
  "------------------------------------------------------------------------------",
  "%%--%%--%%--%%--",
  "Submissions to:",
  "From: a@b.org",
  "Subject: x",
  "",
  "   ",
  "\t",
  "\r",
  "12 pages",
];

const fragmentText = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 40 })), { maxLength: 60 })
  .chain((parts) => fc.constantFrom("\n", "\r\n", "\r").map((eol) => parts.join(eol)));

const anyText = fc.oneof(
  fc.string({ maxLength: 500 }),
  fc.string({ unit: "binary", maxLength: 500 }),
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fragmentText,
);

type Mutation =
  | { kind: "delete"; at: number; length: number }
  | { kind: "insert"; at: number; text: string }
  | { kind: "duplicate"; at: number; length: number }
  | { kind: "truncate"; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant("delete" as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    length: fc.nat(400),
  }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    text: fc.oneof(fc.constantFrom(...FRAGMENTS.map((f) => `\n${f}\n`)), fc.string({ maxLength: 30 })),
  }),
  fc.record({
    kind: fc.constant("duplicate" as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    length: fc.nat(2000),
  }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
);

function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = Math.floor(m.at * out.length);
    if (m.kind === "delete") out = out.slice(0, at) + out.slice(at + m.length);
    else if (m.kind === "insert") out = out.slice(0, at) + m.text + out.slice(at);
    else if (m.kind === "duplicate") out = out.slice(0, at + m.length) + out.slice(at);
    else out = out.slice(0, at);
  }
  return out;
}

const SAMPLE_PATHS = [
  "seeds/000_6a4379718c0c1abb.txt",
  "seeds/002_3a1a5da40a18a229.txt",
  "seeds/003_83750b29675ba264.txt",
  "listing-email/cs-daily-2024-01-12.txt",
  "listing-email/math-daily-2024-01-12.eml",
  "data/arxiv-abs/ftp/hep-th/papers/9901/9901001.abs",
  "data/arxiv-abs/ftp/arxiv/papers/2004/2004.02153.abs",
  "data/arxiv-abs/ftp/arxiv/papers/1607/1607.08199.abs",
];
let samples: string[] = [];

beforeAll(async () => {
  samples = await Promise.all(
    SAMPLE_PATHS.map(async (path) =>
      decodeBytes(new Uint8Array(await (await env.FIXTURES.fetch(`http://fixtures/${path}`)).arrayBuffer())),
    ),
  );
});

const mutatedSample = () =>
  fc
    .record({
      sample: fc.nat(SAMPLE_PATHS.length - 1),
      mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }),
    })
    .map(({ sample, mutations }) => mutate(samples[sample]!, mutations));

describe.each(Object.entries(PARSERS))("%s", (_name, parse) => {
  it("never throws on arbitrary text and keeps its promises", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expectWellFormed(parse(text));
      }),
      { numRuns: 1000 },
    );
  });

  it("never throws on mutated real samples and keeps its promises", () => {
    fc.assert(
      fc.property(mutatedSample(), (text) => {
        expectWellFormed(parse(text));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("detectFormat", () => {
  it("never throws and answers a known format or null", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, mutatedSample()), (text) => {
        const format = detectFormat(text);
        expect(format === null || SOURCE_FORMATS.includes(format)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("parseInput", () => {
  it("never rejects on mutated samples, including broken mail envelopes", async () => {
    const mailHead = "From: a@example.org\r\nTo: b@example.org\r\nSubject: x\r\nMIME-Version: 1.0\r\n";
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          anyText,
          mutatedSample(),
          fragmentText.map((t) => `${mailHead}${t}`),
        ),
        async (text) => {
          const result = await parseInput(text);
          // The feed and JSON parsers have their own property tests; check the text formats here.
          if (result && TEXT_FORMATS.includes(result.format)) expectWellFormed(result);
        },
      ),
      { numRuns: 150 },
    );
  });
});
