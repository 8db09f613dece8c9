/**
 * Property tests for the feed and JSON parsers: whatever the input, they return a
 * well-formed ParseResult and never throw.
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { parseArxivRef } from "../../../src/ingest/arxiv-id";
import { decodeBytes } from "../../../src/ingest/clean-text";
import { parseAtom } from "../../../src/ingest/formats/atom";
import { parseJson } from "../../../src/ingest/formats/json";
import { parseRss } from "../../../src/ingest/formats/rss";
import type { ParseResult, SourceFormat } from "../../../src/ingest/types";

const PARSERS: [SourceFormat, (text: string) => ParseResult][] = [
  ["atom", parseAtom],
  ["rss", parseRss],
  ["json", parseJson],
];

const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?$/;

/** Everything a caller may rely on, whatever the input was. */
function checkResult(format: SourceFormat, parse: (text: string) => ParseResult, input: string): void {
  const result = parse(input);
  expect(result.format).toBe(format);
  const seen = new Set<number>();
  for (const { index } of [...result.records, ...result.errors]) {
    expect(Number.isInteger(index) && index >= 0).toBe(true);
    expect(seen.has(index)).toBe(false);
    seen.add(index);
  }
  for (const error of result.errors) expect(error.message.trim().length).toBeGreaterThan(0);
  let previous = -1;
  for (const record of result.records) {
    expect(record.format).toBe(format);
    expect(record.index).toBeGreaterThan(previous);
    previous = record.index;
    expect(record.abstract.length).toBeGreaterThan(0);
    expect(record.abstract).toBe(record.abstract.trim());
    if (record.arxivId !== null) expect(parseArxivRef(record.arxivId)?.id).toBe(record.arxivId);
    if (record.version !== null) expect(Number.isInteger(record.version) && record.version >= 1).toBe(true);
    for (const date of [record.createdAt, record.updatedAt]) if (date !== null) expect(date).toMatch(ISO);
    for (const name of record.authors) expect(name.trim().length).toBeGreaterThan(0);
  }
}

async function fixture(path: string): Promise<string> {
  const response = await env.FIXTURES.fetch(`http://fixtures/${path}`);
  return decodeBytes(new Uint8Array(await response.arrayBuffer()));
}

// Fragments that steer random strings into the parsers' deeper paths.
const XML_TOKENS = [
  '<?xml version="1.0"?>',
  "<feed>",
  "</feed>",
  "<entry>",
  "</entry>",
  "<rss>",
  "</rss>",
  "<channel>",
  "</channel>",
  "<item>",
  "</item>",
  "<rdf:RDF>",
  "</rdf:RDF>",
  "<id>",
  "</id>",
  "<summary>",
  "</summary>",
  '<summary type="html">',
  "<description>",
  "</description>",
  "<title>",
  "</title>",
  "<guid>",
  "</guid>",
  "<dc:creator>",
  "</dc:creator>",
  '<link href="https://arxiv.org/abs/2401.00001v2"/>',
  '<category term="cs.LG"/>',
  "<![CDATA[",
  "]]>",
  "&amp;",
  "&lt;p&gt;",
  "&#x1F600;",
  "&bogus;",
  "<!DOCTYPE x [<!ENTITY e 'x'>]>",
  "&e;",
  "arXiv:2401.12345v3 Announce Type: new ",
  "Abstract: ",
  "oai:arXiv.org:hep-th/9901001v2",
  "(arXiv:1901.00001v2 [cs.LG] UPDATED)",
  "Mon, 2 Apr 2007 19:18:42 GMT",
  "2024-13-45T99:99:99Z",
  " ",
  "\n",
  "text",
];
const xmlish = fc.array(fc.oneof(fc.constantFrom(...XML_TOKENS), fc.string({ maxLength: 8 })), {
  maxLength: 40,
});

// Well-formed feeds with random content, so the properties reach the entry-level code.
const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const feedText = fc.oneof(
  fc.string({ maxLength: 30 }).map(escapeXml),
  fc.string({ unit: "grapheme", maxLength: 30 }).map(escapeXml),
  fc.constantFrom(
    "",
    "   ",
    "&lt;p&gt;para&lt;/p&gt;",
    "&amp;amp;",
    "&#0;",
    "&#xD800;",
    "<![CDATA[<b>x</b> & y]]>",
    "arXiv:2401.12345v3 Announce Type: replace-cross \nAbstract: ",
    "Abstract:",
    "$x&lt;y$ and $z&gt;w$",
    "Title. (arXiv:1901.00001v2 [cs.LG] UPDATED)",
  ),
);
const feedRef = fc.constantFrom(
  "http://arxiv.org/abs/2104.12255v1",
  "oai:arXiv.org:hep-th/9901001v2",
  "https://arxiv.org/abs/2401.00001",
  "tag:example.org,2024:1",
  "https://arxiv.org/api/errors#bad",
  "not an id",
);
const feedDate = fc.constantFrom(
  "2024-01-15T10:00:00Z",
  "Mon, 15 Jan 2024 00:00:00 -0500",
  "2024-02-30",
  "soon",
);
const optional = <T>(arb: fc.Arbitrary<T>, render: (value: T) => string) =>
  fc.option(arb, { nil: undefined }).map((value) => (value === undefined ? "" : render(value)));

const atomEntry = fc
  .tuple(
    optional(feedRef, (v) => `<id>${escapeXml(v)}</id>`),
    optional(feedText, (v) => `<title>${v}</title>`),
    optional(fc.tuple(fc.constantFrom("text", "html", "xhtml"), feedText), ([type, v]) =>
      type === "xhtml"
        ? `<summary type="xhtml"><div>${v}</div></summary>`
        : `<summary type="${type}">${v}</summary>`,
    ),
    optional(feedRef, (v) => `<link href="${escapeXml(v)}"/>`),
    optional(feedText, (v) => `<author><name>${v}</name></author>`),
    optional(feedText, (v) => `<category term="${v.replace(/"/g, "&quot;")}"/>`),
    optional(feedDate, (v) => `<published>${v}</published>`),
    optional(feedText, (v) => `<dc:creator>${v}</dc:creator>`),
  )
  .map((parts) => `<entry>${parts.join("")}</entry>`);
const atomFeed = fc
  .array(atomEntry, { maxLength: 4 })
  .map(
    (entries) =>
      `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">${entries.join("")}</feed>`,
  );

const rssItem = fc
  .tuple(
    optional(feedText, (v) => `<title>${v}</title>`),
    optional(feedRef, (v) => `<guid>${escapeXml(v)}</guid>`),
    optional(feedRef, (v) => `<link>${escapeXml(v)}</link>`),
    optional(feedText, (v) => `<description>${v}</description>`),
    optional(feedText, (v) => `<dc:creator>${v}</dc:creator>`),
    optional(feedText, (v) => `<author>${v}</author>`),
    optional(feedText, (v) => `<category>${v}</category>`),
    optional(feedDate, (v) => `<pubDate>${v}</pubDate>`),
    optional(
      fc.constantFrom("new", "cross", "replace", "replace-cross"),
      (v) => `<arxiv:announce_type>${v}</arxiv:announce_type>`,
    ),
  )
  .map((parts) => `<item>${parts.join("")}</item>`);
const rssFeed = fc
  .tuple(fc.boolean(), fc.array(rssItem, { maxLength: 4 }))
  .map(([rdf, items]) =>
    rdf
      ? `<rdf:RDF xmlns:rdf="r" xmlns:dc="d" xmlns:arxiv="a"><channel/>${items.join("")}</rdf:RDF>`
      : `<rss xmlns:dc="d" xmlns:arxiv="a"><channel>${items.join("")}</channel></rss>`,
  );

const FIELD_NAMES = [
  "id",
  "arxiv_id",
  "arxivId",
  "paper_id",
  "abs",
  "url",
  "abstract",
  "summary",
  "title",
  "authors",
  "authors_parsed",
  "categories",
  "primary_category",
  "versions",
  "file_version",
  "version",
  "comments",
  "comment",
  "doi",
  "journal-ref",
  "published",
  "created",
  "update_date",
  "__proto__",
  "constructor",
];
const fieldValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    "2401.00001v2",
    "hep-th/9901001",
    "v3",
    "Mon, 2 Apr 2007 19:18:42 GMT",
    "cs.LG math.CO",
    "",
  ),
  fc.array(fc.record({ version: fc.constantFrom("v1", "v2", 3, "x"), created: fc.string() }), {
    maxLength: 3,
  }),
);
const recordish = fc.dictionary(fc.constantFrom(...FIELD_NAMES), fieldValue, { maxKeys: 8 });

interface Mutation {
  at: number;
  remove: number;
  insert: string;
}
const mutations = fc.array(
  fc.record({
    at: fc.nat(),
    remove: fc.nat({ max: 40 }),
    insert: fc.oneof(
      fc.string({ maxLength: 10 }),
      fc.constantFrom("<", ">", "&", '"', "\n", "{", "}", "]]>"),
    ),
  }),
  { minLength: 1, maxLength: 6 },
);

function mutate(sample: string, edits: Mutation[]): string {
  let text = sample;
  for (const { at, remove, insert } of edits) {
    const position = text.length === 0 ? 0 : at % text.length;
    text = text.slice(0, position) + insert + text.slice(position + remove);
  }
  return text;
}

describe.each(PARSERS)("%s parser", (format, parse) => {
  const RUNS = { numRuns: 300 };

  it("never throws on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (input) =>
        checkResult(format, parse, input),
      ),
      RUNS,
    );
  });

  it("never throws on arbitrary JSON values", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => checkResult(format, parse, JSON.stringify(value) ?? "")),
      RUNS,
    );
  });

  it("never throws on XML-shaped noise", () => {
    fc.assert(
      fc.property(xmlish, (parts) => checkResult(format, parse, parts.join(""))),
      RUNS,
    );
  });

  it("never throws on well-formed Atom and RSS feeds with random content", () => {
    fc.assert(
      fc.property(fc.oneof(atomFeed, rssFeed), (feed) => checkResult(format, parse, feed)),
      RUNS,
    );
  });

  it("never throws on record-shaped JSON, as an array or as lines", () => {
    fc.assert(
      fc.property(fc.array(recordish, { maxLength: 5 }), fc.boolean(), (records, asLines) => {
        const text = asLines ? records.map((r) => JSON.stringify(r)).join("\n") : JSON.stringify(records);
        checkResult(format, parse, text);
      }),
      RUNS,
    );
  });
});

describe("parsers on mutated real samples", () => {
  const samples: Record<SourceFormat, string[]> = {
    atom: [],
    rss: [],
    json: [],
    "seed-listing": [],
    "seed-lines": [],
    abs: [],
    "listing-email": [],
  };

  beforeAll(async () => {
    samples.atom.push(await fixture("data/arxiv-atom/q_testing_s0_m10_bc5a6c384fe9.xml"));
    samples.atom.push(await fixture("data/arxiv-atom/id_abc_s0_m100_b79c8dcf6bc3.xml"));
    samples.rss.push(await fixture("rss/arxiv-rss2-cs.LG.xml"));
    samples.rss.push(await fixture("rss/arxiv-rdf-cs.LG.xml"));
    const head = (text: string) => text.split("\n").slice(0, 5).join("\n");
    samples.json.push(head(await fixture("data/arxiv-metadata-oai-snapshot.head200.jsonl")));
    samples.json.push(head(await fixture("data/arxiv_browse_prior_versions.jsonl")));
    samples.json.push(head(await fixture("data/daily-arxiv/2025-10-01.jsonl")));
  });

  it.each(PARSERS)("%s: mutations of its own samples never throw", (format, parse) => {
    const own = samples[format];
    expect(own.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(fc.nat(), mutations, (pick, edits) => {
        checkResult(format, parse, mutate(own[pick % own.length]!, edits));
      }),
      { numRuns: 200 },
    );
  });

  it.each(PARSERS)("%s: other formats' samples give errors, not exceptions", (format, parse) => {
    for (const [other, texts] of Object.entries(samples)) {
      if (other === format) continue;
      for (const text of texts) checkResult(format, parse, text);
    }
  });
});
