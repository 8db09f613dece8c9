import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { decodeBytes } from "../../../src/ingest/clean-text";
import { parseAbsEntries } from "../../../src/ingest/formats/abs-entries";
import { parseInput } from "../../../src/ingest/parse-input";

async function fixtureText(path: string): Promise<string> {
  const response = await env.FIXTURES.fetch(`http://fixtures/${path}`);
  if (!response.ok) throw new Error(`missing fixture ${path}`);
  return decodeBytes(new Uint8Array(await response.arrayBuffer()));
}

const CS_BODY = "listing-email/cs-daily-2024-01-12.txt";
const MATH_EML = "listing-email/math-daily-2024-01-12.eml";

describe("cs daily listing body", () => {
  it("emits every entry in order: new, cross-lists, then replacements as errors", async () => {
    const result = parseAbsEntries(await fixtureText(CS_BODY), "listing-email");
    expect(result.format).toBe("listing-email");
    expect(result.records.map((r) => [r.index, r.arxivId])).toEqual([
      [0, "2401.06102"],
      [1, "2401.06117"],
      [2, "2401.06130"],
      [3, "2401.06188"],
      [4, "2401.05977"],
      [5, "2401.06001"],
    ]);
    expect(result.errors).toEqual([
      { index: 6, message: "arXiv:2310.11873: replacement notice without an abstract" },
      { index: 7, message: "arXiv:2312.00451: replacement notice without an abstract" },
      { index: 8, message: "arXiv:2401.05977: replacement notice without an abstract" },
    ]);
  });

  it("reads the fields of a new submission", async () => {
    const { records } = parseAbsEntries(await fixtureText(CS_BODY), "listing-email");
    expect(records[0]).toEqual({
      index: 0,
      format: "listing-email",
      arxivId: "2401.06102",
      version: 1,
      title: "Sparse Retrieval Heads for Long-Context Question Answering in Small Language Models",
      authors: ["Marta Kowalczyk", "Daniel Ferreira", "Hyun-woo Park", "Amira Haddad"],
      categories: ["cs.CL", "cs.IR", "cs.LG"],
      comments: "14 pages, 6 figures. Code at https://github.com/example/srh",
      doi: null,
      journalRef: null,
      createdAt: "2024-01-10T19:02:11Z",
      updatedAt: null,
      abstract:
        "Small language models struggle to answer questions whose evidence is spread over long documents. We identify a handful of attention heads that behave as sparse retrievers and show that routing the key-value cache through them cuts memory by 61\\% while keeping accuracy within one point of the full model on four long-context benchmarks. Our analysis suggests that retrieval behaviour emerges early in pre-training and is stable across model scales.",
    });
  });

  it("takes the version from a revision made before announcement and keeps inner `\\\\` lines", async () => {
    const { records } = parseAbsEntries(await fixtureText(CS_BODY), "listing-email");
    const revised = records.find((r) => r.arxivId === "2401.06117")!;
    expect(revised).toMatchObject({ version: 2, updatedAt: "2024-01-11T08:15:30Z" });
    expect(revised.abstract).toContain("logarithmic factors: \\\\ $$ m(\\epsilon, \\delta)");
    expect(revised.abstract.endsWith("Our results close a gap left open by prior work.")).toBe(true);
    expect(revised.abstract).not.toContain("https://arxiv.org/abs/");
  });

  it("reads wrapped Journal-ref, DOI, multi-line authors and cross-listed primaries", async () => {
    const { records } = parseAbsEntries(await fixtureText(CS_BODY), "listing-email");
    expect(records[3]).toMatchObject({
      journalRef:
        "Transactions on Machine Learning Research, January 2024, https://openreview.net/forum?id=abc123",
      doi: "10.5555/tmlr.2024.0117",
    });
    expect(records[2]!.authors).toEqual([
      "Lucía Ortega",
      "Tomasz Wi\\'sniewski",
      "Chen Yu-Ting",
      "Olusegun Bakare",
      "Ingrid Solberg",
    ]);
    expect(records[4]!.categories).toEqual(["stat.ML", "cs.LG", "q-bio.BM"]);
  });
});

describe("math daily listing as a raw CRLF e-mail", () => {
  it("is unwrapped from its RFC 822 envelope and parsed", async () => {
    const raw = await fixtureText(MATH_EML);
    expect(raw).toContain("\r\n");
    const result = await parseInput(raw, "message/rfc822");
    if (!result) throw new Error("the e-mail was not recognised");
    expect(result.format).toBe("listing-email");
    expect(result.records.map((r) => r.arxivId)).toEqual([
      "2401.06033",
      "2401.06059",
      "2401.06151",
      "2401.06001",
    ]);
    expect(result.errors.map((e) => e.index)).toEqual([4, 5]);
    expect(result.errors[1]!.message).toBe("arXiv:math/0611800: replacement notice without an abstract");
    expect(result.records[0]!.authors).toEqual(["Jürgen Möller", "Ségolène Dubois"]);
    expect(result.records[0]!.abstract).toContain("Erdős-type");
  });

  it("parses the same without a Content-Type hint, and the body alone the same way", async () => {
    const raw = await fixtureText(MATH_EML);
    const fromMail = await parseInput(raw, null);
    const body = raw.slice(raw.indexOf("\r\n\r\n") + 4);
    const fromBody = await parseInput(body, "text/plain");
    expect(fromMail?.records).toEqual(fromBody?.records);
    expect(fromMail?.records).toHaveLength(4);
  });
});

/** Quoted-printable encoding (RFC 2045) with soft line breaks, as mail gateways apply it. */
function quotedPrintable(text: string): string {
  const bytes = new TextEncoder().encode(text.replace(/\r\n/g, "\n"));
  const lines: string[] = [];
  let line = "";
  const push = (token: string) => {
    if (line.length + token.length > 75) {
      lines.push(`${line}=`);
      line = "";
    }
    line += token;
  };
  for (const byte of bytes) {
    if (byte === 0x0a) {
      lines.push(line);
      line = "";
    } else if ((byte >= 33 && byte <= 126 && byte !== 61) || byte === 32) {
      push(String.fromCharCode(byte));
    } else {
      push(`=${byte.toString(16).toUpperCase().padStart(2, "0")}`);
    }
  }
  lines.push(line);
  // A space right before a line break must be encoded, or transport may strip it.
  return lines.map((l) => l.replace(/ (=?)$/, "=20$1")).join("\r\n");
}

describe("a forwarded multipart, quoted-printable listing", () => {
  it("is decoded by postal-mime before parsing", async () => {
    const body = await fixtureText(CS_BODY);
    const mail = [
      "From: Reader <reader@example.org>",
      "To: digest@example.org",
      "Subject: Fwd: cs daily Subj-class mailing 3a3 1",
      "MIME-Version: 1.0",
      'Content-Type: multipart/alternative; boundary="b1"',
      "",
      "--b1",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: quoted-printable",
      "",
      quotedPrintable(body),
      "--b1",
      "Content-Type: text/html; charset=utf-8",
      "",
      "<p>HTML version</p>",
      "--b1--",
      "",
    ].join("\r\n");
    expect(mail).toContain("=\r\n"); // soft breaks really occur
    const result = await parseInput(mail);
    const direct = parseAbsEntries(body, "listing-email");
    expect(result?.format).toBe("listing-email");
    expect(result?.records).toEqual(direct.records);
    expect(result?.errors).toEqual(direct.errors);
  });

  it("answers null for a mail whose text is not a listing", async () => {
    const mail = "From: a@example.org\r\nTo: b@example.org\r\nSubject: hello\r\n\r\nJust saying hi.\r\n";
    expect(await parseInput(mail)).toBeNull();
  });
});

describe("a listing mail with only an HTML part", () => {
  /** The plain listing as a sloppy HTML mail: a head with styles, lines in <pre>, `<` left unescaped in TeX. */
  async function htmlOnlyMail(): Promise<{ plain: string; eml: string }> {
    const plain = (await fixtureText(CS_BODY)).replace("within one point", "within $\\epsilon<1$ point");
    const html = [
      "<!DOCTYPE html><html><head><title>cs daily</title><style>pre { font: 12px monospace; }</style></head>",
      `<body><!-- generated --><pre>${plain.replaceAll("&", "&amp;").replaceAll(">", "&gt;")}</pre></body></html>`,
    ].join("\n");
    const eml = [
      "From: no-reply@arxiv.org",
      "To: reader@example.org",
      "Subject: cs daily Subj-class mailing 1",
      "MIME-Version: 1.0",
      "Content-Type: text/html; charset=utf-8",
      "Content-Transfer-Encoding: 8bit",
      "",
      html,
    ].join("\r\n");
    return { plain, eml };
  }

  it("reads the same entries as the plain listing, TeX with `<` intact", async () => {
    const { plain, eml } = await htmlOnlyMail();
    const fromHtml = await parseInput(eml);
    const fromPlain = parseAbsEntries(plain, "listing-email");
    expect(fromHtml?.format).toBe("listing-email");
    expect(fromHtml?.records.map((r) => [r.arxivId, r.title, r.abstract])).toEqual(
      fromPlain.records.map((r) => [r.arxivId, r.title, r.abstract]),
    );
    expect(fromHtml?.records[0]?.abstract).toContain("within $\\epsilon<1$ point");
    expect(JSON.stringify(fromHtml?.records)).not.toMatch(/font: 12px|generated|cs daily</);
  });
});
