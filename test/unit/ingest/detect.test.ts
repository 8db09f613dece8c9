import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { decodeBytes } from "../../../src/ingest/clean-text";
import { detectFormat, looksLikeRawEmail } from "../../../src/ingest/detect";

async function fixtureText(path: string): Promise<string> {
  const response = await env.FIXTURES.fetch(`http://fixtures/${path}`);
  if (!response.ok) throw new Error(`missing fixture ${path}`);
  return decodeBytes(new Uint8Array(await response.arrayBuffer()));
}

async function listFolder(folder: string): Promise<string[]> {
  return (await (await env.FIXTURES.fetch(`http://fixtures/${folder}`)).json()) as string[];
}

describe("detectFormat on the fixtures", () => {
  it("recognises both seed layouts", async () => {
    expect(detectFormat(await fixtureText("seeds/000_6a4379718c0c1abb.txt"))).toBe("seed-listing");
    expect(detectFormat(await fixtureText("seeds/002_3a1a5da40a18a229.txt"))).toBe("seed-listing");
    expect(detectFormat(await fixtureText("seeds/003_83750b29675ba264.txt"))).toBe("seed-lines");
  });

  it("recognises every non-empty .abs file as abs, and the empty one as nothing", async () => {
    const files = (await listFolder("data/arxiv-abs/")).filter((path) => path.endsWith(".abs"));
    expect(files.length).toBe(1192);
    const verdicts = new Map<string, string[]>();
    for (const path of files) {
      const text = await fixtureText(`data/arxiv-abs/${path}`);
      const format = String(detectFormat(text, "text/plain"));
      verdicts.set(format, [...(verdicts.get(format) ?? []), path]);
    }
    expect(verdicts.get("abs")).toHaveLength(1191);
    expect(verdicts.get("null")).toEqual(["ftp/math-ph/papers/0509/0509037.abs"]);
  });

  it("recognises the listing e-mails, as a body and as a raw message", async () => {
    expect(detectFormat(await fixtureText("listing-email/cs-daily-2024-01-12.txt"))).toBe("listing-email");
    expect(detectFormat(await fixtureText("listing-email/math-daily-2024-01-12.eml"))).toBe("listing-email");
  });

  it("recognises every Atom response", async () => {
    const files = (await listFolder("data/arxiv-atom/")).filter((path) => path.endsWith(".xml"));
    expect(files.length).toBeGreaterThan(0);
    for (const path of files) {
      expect(detectFormat(await fixtureText(`data/arxiv-atom/${path}`)), path).toBe("atom");
    }
  });

  it("recognises every JSON-lines file", async () => {
    const daily = (await listFolder("data/daily-arxiv/")).map((path) => `data/daily-arxiv/${path}`);
    expect(daily.length).toBeGreaterThan(0);
    for (const path of [
      ...daily,
      "data/arxiv-metadata-oai-snapshot.head200.jsonl",
      "data/arxiv_browse_latest.jsonl",
      "data/revised_abstract_pairs.jsonl",
    ]) {
      expect(detectFormat(await fixtureText(path)), path).toBe("json");
    }
  });
});

describe("detectFormat on hand-made inputs", () => {
  const entry = (id: string) =>
    [
      "\\\\",
      `arXiv:${id}`,
      "Date: Mon, 15 Jan 2024 18:59:59 GMT   (15kb)",
      "",
      "Title: T",
      "\\\\",
      "  Abstract.",
      "\\\\",
    ].join("\n");

  it.each([
    ["RSS 2.0", '<?xml version="1.0"?>\n<rss version="2.0"><channel></channel></rss>', "rss"],
    ["RSS 1.0 (RDF)", '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF>', "rss"],
    [
      "Atom after BOM, comment and DOCTYPE",
      '\uFEFF \n<!-- hi -->\n<!DOCTYPE feed>\n<feed xmlns="x"/>',
      "atom",
    ],
    ["prefixed Atom root", '<atom:feed xmlns:atom="http://www.w3.org/2005/Atom"/>', "atom"],
    ["a JSON array", '  [{"abstract": "x"}]', "json"],
    ["JSON lines", '{"summary": "x"}\n{"summary": "y"}', "json"],
    ["one .abs record", entry("2401.12345"), "abs"],
    ["two records", `${entry("2401.12345")}\n${entry("2401.12346")}`, "listing-email"],
    [
      "a mail-style closing line",
      entry("2401.12345").replace(/\\\\$/, "\\\\ ( https://arxiv.org/abs/2401.12345 ,  15kb)"),
      "listing-email",
    ],
    ["a cross-listing marker", entry("2401.12345 (*cross-listing*)"), "listing-email"],
    ["seed lines", "Abstract: one\nAbstract: two", "seed-lines"],
    ["seed listing without dates", "An abstract.\n\narXiv:2401.12345\n", "seed-listing"],
  ])("%s", (_name, text, format) => {
    expect(detectFormat(text)).toBe(format);
  });

  it("uses the Content-Type only to break ties", () => {
    expect(detectFormat(entry("2401.12345"), "message/rfc822")).toBe("listing-email");
    expect(detectFormat('<?xml version="1.0"?>', "application/atom+xml")).toBe("atom");
    expect(detectFormat('<?xml version="1.0"?>', "application/rss+xml")).toBe("rss");
    // Content wins over a wrong hint.
    expect(detectFormat("Abstract: one", "application/json")).toBe("seed-lines");
    expect(detectFormat('<rss version="2.0"/>', "application/atom+xml")).toBe("rss");
  });

  it.each([
    ["empty", ""],
    ["whitespace", " \n\t\r\n"],
    ["prose", "Hello, this is just a note about arXiv papers.\nNothing to see."],
    ["an HTML page", "<!DOCTYPE html><html><body>arXiv</body></html>"],
    ["CSV", "id,title\n2401.12345,Something"],
    ["a bare list of ids", "arXiv:2401.12345\narXiv:2401.12346\n"],
    ["binary noise", "\u0000\u0001\u0002\uFFFD\uFFFD"],
    ["an unterminated XML comment", "<!-- never closed"],
  ])("answers null for %s", (_name, text) => {
    expect(detectFormat(text)).toBeNull();
  });
});

describe("looksLikeRawEmail", () => {
  it("accepts a mail header block and refuses look-alikes", () => {
    expect(looksLikeRawEmail("From: a@b.org\nTo: c@d.org\nSubject: x\n\nbody")).toBe(true);
    expect(looksLikeRawEmail("MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nbody")).toBe(true);
    expect(looksLikeRawEmail("Received: from x\n\tby y\nX-Foo: 1\n\nbody")).toBe(true);
    // arXiv's listing files start with Date/Subject but are not mail.
    expect(looksLikeRawEmail("Date: Tue, 20 Jul 21 00:51:12 GMT\nSubject: cs daily\n\nbody")).toBe(false);
    expect(looksLikeRawEmail("Subject: x\nFrom: a@b.org")).toBe(false); // no body
    expect(looksLikeRawEmail("Title: x\nAuthors: y\n\nbody")).toBe(false);
    expect(looksLikeRawEmail("The deployment: of models\n\nbody")).toBe(false);
  });
});
