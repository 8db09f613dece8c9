import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { parseArxivRef } from "../../../src/ingest/arxiv-id";
import { decodeBytes } from "../../../src/ingest/clean-text";
import { parseAtom } from "../../../src/ingest/formats/atom";

const ATOM_DIR = "data/arxiv-atom/";

async function fixture(path: string): Promise<string> {
  const response = await env.FIXTURES.fetch(`http://fixtures/${path}`);
  if (!response.ok) throw new Error(`missing fixture ${path}`);
  return decodeBytes(new Uint8Array(await response.arrayBuffer()));
}

async function atomFixtures(): Promise<string[]> {
  const response = await env.FIXTURES.fetch(`http://fixtures/${ATOM_DIR}`);
  return (await response.json()) as string[];
}

async function parseFixture(name: string) {
  const files = await atomFixtures();
  const file = files.find((f) => f.startsWith(name));
  if (!file) throw new Error(`no Atom fixture starting ${name}`);
  return parseAtom(await fixture(ATOM_DIR + file));
}

describe("parseAtom on the recorded arXiv API responses", () => {
  it("reads a single unversioned id lookup", async () => {
    const { records, errors } = await parseFixture("id_1605.08386_");
    expect(errors).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      index: 0,
      format: "atom",
      arxivId: "1605.08386",
      version: 1,
      title: "Heat-bath random walks with Markov bases",
      authors: ["Caprice Stanley", "Tobias Windisch"],
      categories: ["math.CO", "math.ST"],
      comments: "20 pages, 3 figures",
      doi: null,
      journalRef: null,
      createdAt: "2016-05-26T17:59:46Z",
      updatedAt: "2016-05-26T17:59:46Z",
    });
    expect(records[0]!.abstract).toMatch(/^Graphs on lattice points are studied/);
    expect(records[0]!.abstract).toMatch(/is an expander in fixed dimension\.$/);
  });

  it("reads a versioned id, and keeps a title of `0` as text", async () => {
    const { records, errors } = await parseFixture("id_2104.12255v1_");
    expect(errors).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      arxivId: "2104.12255",
      version: 1,
      title: "0",
      categories: ["cs.CR"],
    });
    expect(records[0]!.abstract).toContain('we develop "splitting zero" attacks');
  });

  it("reads old-style ids with affiliations, journal refs and decoded entities", async () => {
    const { records, errors } = await parseFixture("id_astro-ph_0601001_");
    expect(errors).toEqual([]);
    expect(records[0]).toMatchObject({
      arxivId: "astro-ph/0601001",
      version: 1,
      authors: ["Andrew Gould", "Susan Dorsher", "B. Scott Gaudi", "Andrzej Udalski"],
      categories: ["astro-ph"],
      journalRef: "ActaAstron.56:1-50,2006",
    });
    // `&amp;` and `&lt;` in the feed are text; the leading indentation is dropped.
    expect(records[0]!.abstract).toMatch(/^We derive the frequencies/);
    expect(records[0]!.abstract).toContain("Gould & Morgan (2003)");
    expect(records[0]!.abstract).toContain("V_max<17.5");
  });

  it("reads an old-style versioned id with a cross-list", async () => {
    const { records } = await parseFixture("id_quant-ph_0201082v1_");
    expect(records[0]).toMatchObject({
      arxivId: "quant-ph/0201082",
      version: 1,
      categories: ["quant-ph", "cs.PL"],
      authors: ["Stephen Blaha"],
      comments: "32 pages",
    });
  });

  it("returns only the entry arXiv found for a two-id lookup", async () => {
    const { records, errors } = await parseFixture("id_0808.05394_1707.08567_");
    expect(errors).toEqual([]);
    expect(records.map((r) => [r.arxivId, r.version])).toEqual([["1707.08567", 1]]);
    expect(records[0]!.authors).toHaveLength(34);
    expect(records[0]!.authors).toContain("Dirk Wübben");
    expect(records[0]!.comments).toBe(
      "44 pages, editors for the proceedings: Yanling Chen and A. J. Han Vinck",
    );
  });

  it("gives nothing, and no error, for an empty result", async () => {
    for (const name of ["id_0000.0000_", "id_0808.05394_s0"]) {
      const result = await parseFixture(name);
      expect(result).toEqual({ format: "atom", records: [], errors: [] });
    }
  });

  it("turns the API error entry into an error carrying arXiv's message", async () => {
    const { records, errors } = await parseFixture("id_abc_");
    expect(records).toEqual([]);
    expect(errors).toEqual([{ index: 0, message: "arXiv API error: incorrect id format for abc" }]);
  });

  it("parses every fixture: one record per <entry>, every id parses, primary category first", async () => {
    const files = await atomFixtures();
    expect(files.length).toBeGreaterThanOrEqual(19);
    for (const file of files) {
      const xml = await fixture(ATOM_DIR + file);
      const entryCount = xml.match(/<entry>/g)?.length ?? 0;
      const { records, errors } = parseAtom(xml);
      expect(records.length + errors.length, file).toBe(entryCount);
      if (file.startsWith("id_abc_")) continue;
      expect(errors, file).toEqual([]);

      const ids = [...xml.matchAll(/<entry>\s*<id>([^<]+)<\/id>/g)].map((m) => parseArxivRef(m[1]!));
      const primaries = [...xml.matchAll(/<arxiv:primary_category term="([^"]+)"/g)].map((m) => m[1]);
      records.forEach((record, i) => {
        expect(record.index).toBe(i);
        expect(record.arxivId, file).toBe(ids[i]?.id);
        expect(record.version, file).toBe(ids[i]?.version);
        expect(record.categories[0], file).toBe(primaries[i]);
        expect(record.abstract.length).toBeGreaterThan(0);
        expect(record.title).not.toBeNull();
        expect(record.authors.length).toBeGreaterThan(0);
        expect(record.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      });
    }
  });

  it("reads the paged searches: counts match and DOIs come through", async () => {
    const { records } = await parseFixture("q_testing_s0_m10_");
    expect(records).toHaveLength(10);
    expect(records[0]).toMatchObject({
      arxivId: "2202.12139",
      version: 1,
      categories: ["cs.SE", "cs.LG"],
      doi: "10.1109/ICSTW55395.2022.00035",
      comments: "Artificial Intelligence in Software Testing 2022 workshop @ ICST 2022",
    });
    const big = await parseFixture("q_testing_s0_m100_");
    expect(big.records).toHaveLength(100);
    expect(new Set(big.records.map((r) => r.arxivId)).size).toBe(100);
  });
});

describe("parseAtom on other Atom", () => {
  const feed = (entries: string) =>
    `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <title>t</title>${entries}
</feed>`;

  it("keeps a generic entry with a summary but no arXiv id, trying the link too", () => {
    const { records, errors } = parseAtom(
      feed(`
  <entry><id>tag:example.org,2024:1</id><title type="html">A &lt;b&gt;bold&lt;/b&gt; title</title>
    <summary type="html">&lt;p&gt;First paragraph.&lt;/p&gt;&lt;p&gt;Second &amp;amp; last.&lt;/p&gt;</summary>
    <updated>2024-01-15T10:00:00+02:00</updated></entry>
  <entry><id>urn:uuid:1</id><title>Linked</title><link href="https://arxiv.org/abs/2401.00001v3"/>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>x &lt; y and <b>z</b></p></div></content></entry>`),
    );
    expect(errors).toEqual([]);
    expect(records[0]).toMatchObject({
      arxivId: null,
      version: null,
      title: "A bold title",
      abstract: "First paragraph.\n\nSecond & last.",
      updatedAt: "2024-01-15T08:00:00Z",
      createdAt: null,
    });
    expect(records[1]).toMatchObject({ arxivId: "2401.00001", version: 3, abstract: "x < y and z" });
  });

  it("reads arXiv's announcement feed in Atom form (oai id, Announce Type prefix, dc:creator)", () => {
    const { records } = parseAtom(
      feed(`
  <entry><id>oai:arXiv.org:2409.11111v2</id><title>Contrastive Retrieval
      at Scale</title>
    <summary>arXiv:2409.11111v2 Announce Type: replace
Abstract: We train dense retrievers   contrastively.</summary>
    <category term="cs.LG"/><category term="cs.IR"/>
    <published>2026-09-24T00:00:00-04:00</published>
    <arxiv:announce_type>replace</arxiv:announce_type>
    <dc:creator>Ada Lovelace, Alan Turing</dc:creator></entry>`),
    );
    expect(records[0]).toMatchObject({
      arxivId: "2409.11111",
      version: 2,
      title: "Contrastive Retrieval at Scale",
      abstract: "We train dense retrievers contrastively.",
      authors: ["Ada Lovelace", "Alan Turing"],
      categories: ["cs.LG", "cs.IR"],
      createdAt: "2026-09-24T04:00:00Z",
    });
  });

  it("reports entries without a summary, counting every entry", () => {
    const { records, errors } = parseAtom(
      feed(`<entry><id>http://arxiv.org/abs/2401.00001v1</id><title>No abstract</title></entry>
  <entry><id>http://arxiv.org/abs/2401.00002v1</id><summary>Has one.</summary></entry>`),
    );
    expect(errors).toEqual([{ index: 0, message: expect.stringContaining("has no summary") }]);
    expect(records.map((r) => [r.index, r.arxivId])).toEqual([[1, "2401.00002"]]);
  });

  it("reads a standalone entry document", () => {
    const { records } = parseAtom(
      `<entry xmlns="http://www.w3.org/2005/Atom"><id>http://arxiv.org/abs/hep-th/9901001v2</id><summary>S.</summary></entry>`,
    );
    expect(records[0]).toMatchObject({ arxivId: "hep-th/9901001", version: 2, abstract: "S." });
  });

  it("gives one error at index 0 for bodies that are not Atom", () => {
    for (const body of ["", "plain text", "<feed><entry>", "<rss><channel/></rss>", "{}"]) {
      const result = parseAtom(body);
      expect(result.records).toEqual([]);
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]!.index).toBe(0);
      expect(result.errors[0]!.message.length).toBeGreaterThan(5);
    }
  });

  it("refuses a DTD instead of expanding the entities it declares", () => {
    const bomb = `<?xml version="1.0"?>
<!DOCTYPE feed [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>x</id><summary>&d;&d;&d;&d;</summary></entry></feed>`;
    // Refused outright (issue #11): no feed needs a DOCTYPE, and entities are how bombs work.
    const { records, unreadable } = parseAtom(bomb);
    expect(records).toEqual([]);
    expect(unreadable).toBe("XML DOCTYPE declarations are refused (line 2): send the feed without one");
  });
});
