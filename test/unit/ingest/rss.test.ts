import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { decodeBytes } from "../../../src/ingest/clean-text";
import { parseRss } from "../../../src/ingest/formats/rss";

async function fixture(name: string): Promise<string> {
  const response = await env.FIXTURES.fetch(`http://fixtures/rss/${name}`);
  if (!response.ok) throw new Error(`missing fixture rss/${name}`);
  return decodeBytes(new Uint8Array(await response.arrayBuffer()));
}

describe("parseRss on arXiv's RSS 2.0 announcement feed", async () => {
  const { format, records, errors } = parseRss(await fixture("arxiv-rss2-cs.LG.xml"));

  it("reads every item, in order", () => {
    expect(format).toBe("rss");
    expect(errors).toEqual([]);
    expect(records.map((r) => [r.index, r.arxivId, r.version])).toEqual([
      [0, "2401.08001", 1],
      [1, "2401.08002", 1],
      [2, "2311.04512", 3],
      [3, "2205.01234", 2],
      [4, "hep-th/9901001", 2],
    ]);
  });

  it("strips the `arXiv:… Announce Type:` and `Abstract:` prefix, decoding entities", () => {
    expect(records[0]!.abstract).toBe(
      "We study continual learning with a sparse mixture of low-rank experts. Each task adds at most $k$ " +
        "adapters of rank $r<d$, and a router trained with a $\\ell_1$ penalty keeps the number of active " +
        "experts small. On Split-CIFAR and a 20-task language benchmark the method forgets 30% less than " +
        "replay baselines & uses 4x less memory.",
    );
    // LaTeX comparisons are not mistaken for tags; hard wraps are joined.
    expect(records[1]!.abstract).toContain("logarithmic factors when $\\eta<1/2$ is bounded");
    for (const record of records) expect(record.abstract).not.toMatch(/Announce Type|^Abstract:/);
  });

  it("reads every announce type and dates a replacement as an update only", () => {
    expect(records[0]).toMatchObject({
      createdAt: "2024-01-16T05:00:00Z",
      updatedAt: "2024-01-16T05:00:00Z",
    });
    expect(records[1]!.createdAt).toBe("2024-01-16T05:00:00Z"); // cross-list of a v1
    for (const replaced of records.slice(2)) {
      expect(replaced.createdAt).toBeNull();
      expect(replaced.updatedAt).toBe("2024-01-16T05:00:00Z");
    }
  });

  it("reads titles, authors, categories, DOI and journal reference", () => {
    expect(records[0]).toMatchObject({
      title: "Sparse Mixtures of Low-Rank Experts for Continual Learning",
      authors: ["Mar\\'ia Gonz\\'alez", 'Jonas M\\"uller', "Wei Zhang"],
      categories: ["cs.LG", "cs.AI", "stat.ML"],
      doi: null,
      journalRef: null,
    });
    expect(records[2]).toMatchObject({
      doi: "10.48550/tmlr.2024.0042",
      journalRef: "Transactions on Machine Learning Research (2024)",
      authors: ["Kofi Mensah"],
    });
    expect(records[3]!.title).toBe("Quantum Kernels & Their Limits: A Study of Exponential Concentration");
    expect(records[3]!.categories).toEqual(["quant-ph", "cs.LG"]);
  });
});

describe("parseRss on arXiv's legacy RSS 1.0 (RDF) feed", async () => {
  const { records, errors } = parseRss(await fixture("arxiv-rdf-cs.LG.xml"));

  it("reads items beside the channel, with ids and versions from the title", () => {
    expect(errors).toEqual([]);
    expect(records.map((r) => [r.index, r.arxivId, r.version])).toEqual([
      [0, "1901.00101", 1],
      [1, "1812.09876", 3],
      [2, "1901.00233", 1],
      [3, "math/0601123", 2],
    ]);
  });

  it("removes the `(arXiv:… [cat] UPDATED)` tail from titles and puts its category first", () => {
    expect(records.map((r) => r.title)).toEqual([
      "Gradient Noise Scale and Batch Size Selection",
      "Adversarial Examples Are Not Bugs, They Are Features?",
      "Variational Inference for Point Processes",
      "A Note on Concentration of Measure",
    ]);
    expect(records.map((r) => r.categories)).toEqual([["cs.LG"], ["cs.LG"], ["stat.ML"], ["math.PR"]]);
  });

  it("strips HTML from descriptions and creators and decodes doubly escaped entities", () => {
    expect(records[0]!.abstract).toBe(
      "We relate the optimal batch size to the gradient noise scale $B_{\\rm noise}=\\mathrm{tr}(\\Sigma)/|G|^2$ " +
        "and show that training is efficient when $B<B_{\\rm noise}$. Experiments on ImageNet & Atari agree " +
        "with the prediction.",
    );
    expect(records[1]!.abstract).toBe(
      "We revisit the claim that adversarial examples arise from non-robust features.\n\n" +
        "A second paragraph \u2014 with an em dash and caf\u00e9 \u201cquotes\u201d.",
    );
    expect(records[0]!.authors).toEqual(["Jan Kowalski", "Camille Dubois"]);
    expect(records[1]!.authors).toEqual(["Hiro Nakamura (University of Tokyo)", "Ngozi Okafor"]);
    for (const record of records) {
      expect(record.abstract).not.toMatch(/<\/?(p|a)\b|&[a-z]+;/);
      expect(record.createdAt).toBeNull();
    }
  });
});

describe("parseRss on other feeds", () => {
  it("keeps generic items with a description (arXiv id null) and reports those without", async () => {
    const { records, errors } = parseRss(await fixture("generic-rss2.xml"));
    expect(errors).toEqual([{ index: 1, message: expect.stringContaining("has no description") }]);
    expect(records[0]).toMatchObject({
      index: 0,
      arxivId: null,
      version: null,
      title: "Robust Estimation under Heavy Tails",
      abstract: "We propose a median-of-means estimator & prove that it is optimal.\n\nCode is available.",
      authors: ["Priya Raman"],
      createdAt: "2024-07-03T09:30:00Z",
    });
    // An arXiv link is enough for the id; categories that are not arXiv's are dropped.
    expect(records[1]).toMatchObject({
      index: 2,
      arxivId: "2406.01234",
      version: 2,
      abstract: "Short note.",
      authors: ["Sam Lee"],
      categories: [],
    });
  });

  it("falls back to content:encoded when there is no description", () => {
    const { records } = parseRss(
      `<rss xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><item>
        <guid>oai:arXiv.org:2401.00001v4</guid><content:encoded>&lt;p&gt;Body&lt;/p&gt;</content:encoded>
      </item></channel></rss>`,
    );
    expect(records[0]).toMatchObject({ arxivId: "2401.00001", version: 4, abstract: "Body" });
  });

  it("gives one error at index 0 for bodies that are not RSS", () => {
    for (const body of ["", "text", "<rss><channel>", '<feed xmlns="http://www.w3.org/2005/Atom"/>', "[1]"]) {
      const result = parseRss(body);
      expect(result.records).toEqual([]);
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]!.index).toBe(0);
    }
  });

  it("returns nothing for a feed without items", () => {
    expect(parseRss("<rss><channel><title>t</title></channel></rss>")).toEqual({
      format: "rss",
      records: [],
      errors: [],
    });
  });
});
