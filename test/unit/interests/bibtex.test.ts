/**
 * BibTeX exports as the usual tools write them → cite key, arXiv id, DOI, plain title; and what
 * happens with bad or oversized input. Runs inside workerd, so it also shows `bibtex-parse` needs no
 * Node built-ins.
 */
import { describe, expect, it } from "vitest";
import {
  MAX_BIBTEX_CHARS,
  MAX_BIBTEX_ENTRIES,
  normaliseDoi,
  parseBibtex,
} from "../../../src/interests/bibtex";

const ZOTERO = `
@article{vaswani_attention_2017,
	title = {Attention {Is} {All} {You} {Need}},
	url = {http://arxiv.org/abs/1706.03762},
	doi = {10.48550/arXiv.1706.03762},
	abstract = {The dominant sequence transduction models are based on complex recurrent networks.},
	urldate = {2024-03-05},
	publisher = {arXiv},
	author = {Vaswani, Ashish and Shazeer, Noam and Parmar, Niki},
	month = dec,
	year = {2017},
	note = {arXiv:1706.03762 [cs]},
	keywords = {Computer Science - Computation and Language},
	annote = {Comment: 15 pages, 5 figures},
	file = {arXiv Fulltext PDF:/home/ada/Zotero/storage/ABCD1234/Vaswani et al. - 2017.pdf:application/pdf},
}

@misc{muller_uber_2023,
	title = {Über {M\\"uller}'s {Theorem} for $\\mathcal{O}(n)$ graphs},
	author = {M{\\"u}ller, Jos{\\'e}},
	eprint = {2311.01234v2},
	archivePrefix = {arXiv},
	primaryClass = {math.CO},
	year = {2023},
}
`;

const GOOGLE_SCHOLAR = `@article{lovelace2024notes,
  title={Notes on the analytical engine},
  author={Lovelace, Ada and Babbage, Charles},
  journal={arXiv preprint arXiv:2403.02545},
  year={2024}
}

@article{witten1998anti,
  title={Anti de Sitter space and holography},
  author={Witten, Edward},
  journal={arXiv preprint hep-th/9802150},
  year={1998}
}`;

const ARXIV = `@misc{lovelace2024engine,
      title={The Engine, Revisited: {LLMs} and the Bernoulli Numbers},
      author={Ada Lovelace and Charles Babbage},
      year={2024},
      eprint={2403.02545},
      archivePrefix={arXiv},
      primaryClass={cs.LG},
      url={https://arxiv.org/abs/2403.02545},
}`;

const DBLP = `@article{DBLP:journals/corr/abs-2403-02545,
  author       = {Ada Lovelace and
                  Charles Babbage},
  title        = {The Engine, Revisited},
  journal      = {CoRR},
  volume       = {abs/2403.02545},
  year         = {2024},
  url          = {https://doi.org/10.48550/arXiv.2403.02545},
  doi          = {10.48550/ARXIV.2403.02545},
  eprinttype    = {arXiv},
  eprint       = {2403.02545},
  timestamp    = {Wed, 03 Apr 2024 16:05:14 +0200},
  biburl       = {https://dblp.org/rec/journals/corr/abs-2403-02545.bib},
  bibsource    = {dblp computer science bibliography, https://dblp.org}
}

@article{DBLP:journals/corr/abs-1901-00001,
  title        = {Only the Volume Says It},
  journal      = {CoRR},
  volume       = {abs/1901.00001},
  year         = {2019}
}`;

const JOURNAL_DOI = `@article{lecun2015deep,
  title = "Deep learning",
  author = "LeCun, Yann and Bengio, Yoshua and Hinton, Geoffrey",
  journal = "Nature",
  volume = 521,
  number = 7553,
  pages = "436--444",
  year = 2015,
  doi = {https://doi.org/10.1038/NATURE14539},
  publisher = "Nature Publishing Group"
}`;

const TITLE_ONLY = `@book{knuth,
  title = {The {\\TeX}book},
  author = {Knuth, Donald E.},
  year = {1984}
}`;

const MACROS = `% Encoding: UTF-8
This line is not BibTeX and is ignored.
@preamble{ "\\newcommand{\\noopsort}[1]{}" }
@String{ CoRR = "Computing Research " # "Repository" }
@STRING(arxivpre = "arXiv preprint arXiv:")
@comment{ jabref-meta: databaseType:bibtex; }
@Comment{x-kbibtex-personnameformatting=<%l><, %f>}
@InProceedings( macro1,
  title = "Quoted " # {and {nested {braces}}} # " joined",
  journal = corr,
  note = arxivpre # "2101.00001",
  month = feb
)
`;

const MALFORMED_BETWEEN = `@article{first, title={First good}, eprint={2401.00001}, archivePrefix={arXiv}}

@article{broken,
  title = {An unclosed brace,
  author = {Nobody}
}

@article{second, title={Second good}, doi={10.1000/XYZ}}
`;

describe("parseBibtex: real exports", () => {
  it("reads Zotero's export (doi, url, eprint with archivePrefix, LaTeX title)", () => {
    expect(parseBibtex(ZOTERO)).toEqual({
      entries: [
        {
          citeKey: "vaswani_attention_2017",
          arxivId: "1706.03762",
          doi: "10.48550/arxiv.1706.03762",
          title: "Attention Is All You Need",
        },
        {
          citeKey: "muller_uber_2023",
          arxivId: "2311.01234",
          doi: null,
          title: "Über Müller's Theorem for O(n) graphs",
        },
      ],
      errors: [],
    });
  });

  it("reads Google Scholar's `journal={arXiv preprint arXiv:…}`, old-style ids too", () => {
    expect(parseBibtex(GOOGLE_SCHOLAR)).toEqual({
      entries: [
        {
          citeKey: "lovelace2024notes",
          arxivId: "2403.02545",
          doi: null,
          title: "Notes on the analytical engine",
        },
        {
          citeKey: "witten1998anti",
          arxivId: "hep-th/9802150",
          doi: null,
          title: "Anti de Sitter space and holography",
        },
      ],
      errors: [],
    });
  });

  it("reads arXiv's own export (@misc with eprint, archivePrefix, primaryClass, url)", () => {
    expect(parseBibtex(ARXIV)).toEqual({
      entries: [
        {
          citeKey: "lovelace2024engine",
          arxivId: "2403.02545",
          doi: null,
          title: "The Engine, Revisited: LLMs and the Bernoulli Numbers",
        },
      ],
      errors: [],
    });
  });

  it("reads DBLP's CoRR entries (eprint, ARXIV doi, and the bare abs/ volume)", () => {
    expect(parseBibtex(DBLP)).toEqual({
      entries: [
        {
          citeKey: "DBLP:journals/corr/abs-2403-02545",
          arxivId: "2403.02545",
          doi: "10.48550/arxiv.2403.02545",
          title: "The Engine, Revisited",
        },
        {
          citeKey: "DBLP:journals/corr/abs-1901-00001",
          arxivId: "1901.00001",
          doi: null,
          title: "Only the Volume Says It",
        },
      ],
      errors: [],
    });
  });

  it("normalises a journal article's DOI (resolver prefix gone, lower case)", () => {
    expect(parseBibtex(JOURNAL_DOI)).toEqual({
      entries: [
        { citeKey: "lecun2015deep", arxivId: null, doi: "10.1038/nature14539", title: "Deep learning" },
      ],
      errors: [],
    });
  });

  it("keeps a title-only entry", () => {
    expect(parseBibtex(TITLE_ONLY)).toEqual({
      entries: [{ citeKey: "knuth", arxivId: null, doi: null, title: "The TeXbook" }],
      errors: [],
    });
  });

  it("resolves @string macros and # concatenation, skips @preamble, @comment and loose text", () => {
    expect(parseBibtex(MACROS)).toEqual({
      entries: [
        { citeKey: "macro1", arxivId: "2101.00001", doi: null, title: "Quoted and nested braces joined" },
      ],
      errors: [],
    });
  });
});

describe("parseBibtex: bad input is reported, not thrown", () => {
  it("keeps the good entries around a malformed one and names the bad one", () => {
    expect(parseBibtex(MALFORMED_BETWEEN)).toEqual({
      entries: [
        { citeKey: "first", arxivId: "2401.00001", doi: null, title: "First good" },
        { citeKey: "second", arxivId: null, doi: "10.1000/xyz", title: "Second good" },
      ],
      errors: [
        {
          index: 2,
          citeKey: "broken",
          message:
            "The entry could not be read: it is not valid BibTeX (check its braces, quotes and commas).",
        },
      ],
    });
  });

  it("keeps @string macros defined before a malformed entry", () => {
    const input = `@string{j = "arXiv preprint arXiv:2402.00002"}\n@article{bad, title={x}\n@article{ok, title={Ok}, journal=j}\n`;
    const result = parseBibtex(input);
    expect(result.entries).toEqual([{ citeKey: "ok", arxivId: "2402.00002", doi: null, title: "Ok" }]);
    expect(result.errors.map((e) => [e.index, e.citeKey])).toEqual([[1, "bad"]]);
  });

  it("reports braces nested too deeply", () => {
    const deep = `@article{deep, title=${"{".repeat(50_000)}${"}".repeat(50_000)}}\n@article{fine, title={Fine}}`;
    expect(parseBibtex(deep)).toEqual({
      entries: [{ citeKey: "fine", arxivId: null, doi: null, title: "Fine" }],
      errors: [
        {
          index: 1,
          citeKey: "deep",
          message: "The entry could not be read: its braces are nested too deeply.",
        },
      ],
    });
  });

  it("reports an entry without a cite key", () => {
    expect(parseBibtex("@article{title={No key}}")).toEqual({
      entries: [],
      errors: [{ index: 1, message: "The entry has no cite key." }],
    });
  });

  it("returns nothing for empty or non-BibTeX input", () => {
    expect(parseBibtex("")).toEqual({ entries: [], errors: [] });
    expect(parseBibtex("  \n% only a comment\n")).toEqual({ entries: [], errors: [] });
  });

  it("refuses input over the character limit", () => {
    const result = parseBibtex(" ".repeat(MAX_BIBTEX_CHARS + 1));
    expect(result).toEqual({
      entries: [],
      errors: [{ message: "The BibTeX is 1,000,001 characters long; at most 1,000,000 are read." }],
    });
  });

  it("refuses more than 2,000 entries, and reads exactly 2,000", () => {
    const entries = (n: number) =>
      Array.from({ length: n }, (_, i) => `@misc{k${i}, title={T${i}}}`).join("\n");
    expect(parseBibtex(entries(MAX_BIBTEX_ENTRIES + 1))).toEqual({
      entries: [],
      errors: [{ message: "The BibTeX has 2,001 entries; at most 2,000 are read." }],
    });
    // Entries that do not start a line are counted while reading.
    expect(parseBibtex(entries(MAX_BIBTEX_ENTRIES + 1).replaceAll("\n", " "))).toEqual({
      entries: [],
      errors: [{ message: "The BibTeX has more than 2,000 entries; at most 2,000 are read." }],
    });
    const ok = parseBibtex(entries(MAX_BIBTEX_ENTRIES));
    expect(ok.errors).toEqual([]);
    expect(ok.entries).toHaveLength(2000);
    expect(ok.entries[1999]).toEqual({ citeKey: "k1999", arxivId: null, doi: null, title: "T1999" });
  });
});

describe("arXiv ids and DOIs", () => {
  it("does not take a non-arXiv eprint as an arXiv id", () => {
    const input = `@article{hal, title={X}, eprint={2403.02545}, eprinttype={hal}}`;
    expect(parseBibtex(input).entries[0]?.arxivId).toBeNull();
  });

  it("takes an eprint shaped like an arXiv id without archivePrefix, and versioned forms", () => {
    const input = `@article{a, eprint={arXiv:2403.02545v2}}\n@article{b, arxivId={1501.00001}}\n@article{c, howpublished={arXiv:0704.0001v3}}`;
    expect(parseBibtex(input).entries.map((e) => e.arxivId)).toEqual([
      "2403.02545",
      "1501.00001",
      "0704.0001",
    ]);
  });

  it.each([
    ["10.1038/NATURE14539", "10.1038/nature14539"],
    ["https://doi.org/10.1000/ABC", "10.1000/abc"],
    ["http://dx.doi.org/10.1000/abc", "10.1000/abc"],
    ["doi:10.1000/abc", "10.1000/abc"],
    ["{10.1000/a\\_b}", "10.1000/a_b"],
    ["not a doi", null],
  ])("normaliseDoi(%j) = %j", (raw, doi) => {
    expect(normaliseDoi(raw)).toBe(doi);
  });
});
