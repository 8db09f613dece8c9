/**
 * arXiv identifier parsing. Accepts every form people paste: bare ids, `arXiv:` and
 * `oai:arXiv.org:` prefixes, abs/pdf/html URLs, and the arXiv DOI `10.48550/arXiv.<id>`.
 * Old-style ids keep their archive (`hep-th/9901001`); a subject class inside an old id
 * (`math.CA/0611800`) is dropped because arXiv files the paper under the archive alone.
 */

export interface ArxivRef {
  /** Id without version: `2401.12345` or `hep-th/9901001`. */
  id: string;
  /** Version number when the reference names one, else null. */
  version: number | null;
}

// New style (April 2007 on): YYMM.NNNN until 2014, YYMM.NNNNN from 1501.
const NEW_STYLE = /^(\d{2})(\d{2})\.(\d{4,5})(?:v(\d+))?$/i;
// Old style: archive[.SUBCLASS]/YYMMNNN.
const OLD_STYLE = /^([a-z]+(?:-[a-z]+)?)(?:\.[a-z]{1,3})?\/(\d{2})(\d{2})(\d{3})(?:v(\d+))?$/i;

const PREFIXES = [
  /^https?:\/\/(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html|format|ps)\//i,
  /^(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html)\//i,
  /^https?:\/\/(?:dx\.)?doi\.org\//i,
  /^doi:\s*/i,
  /^10\.48550\/arxiv\./i,
  /^oai:arxiv\.org:/i,
  /^arxiv:\s*/i,
];

function parseVersion(raw: string | undefined): number | null | undefined {
  if (raw === undefined) return null;
  const n = Number.parseInt(raw, 10);
  // v0 does not exist; an absurd number is a typo, not a version.
  return n >= 1 && n < 1000 ? n : undefined;
}

/** Parses one reference; returns null when it is not an arXiv identifier. */
export function parseArxivRef(input: string): ArxivRef | null {
  let s = input.trim();
  for (let changed = true; changed; ) {
    changed = false;
    for (const prefix of PREFIXES) {
      const next = s.replace(prefix, "");
      if (next !== s) {
        s = next.trim();
        changed = true;
      }
    }
  }
  // URL tails: `.pdf`, query strings, fragments, a trailing slash.
  s = s
    .replace(/[?#].*$/, "")
    .replace(/\/+$/, "")
    .replace(/\.pdf$/i, "");

  const modern = NEW_STYLE.exec(s);
  if (modern) {
    const [, yy, mm, num, v] = modern as unknown as [string, string, string, string, string | undefined];
    const month = Number(mm);
    if (month < 1 || month > 12) return null;
    const yymm = Number(yy + mm);
    // 4-digit numbers until 1412, 5-digit from 1501; the new scheme starts at 0704.
    if (yymm < 704) return null;
    if ((yymm < 1501 && num.length !== 4) || (yymm >= 1501 && num.length !== 5)) return null;
    const version = parseVersion(v);
    if (version === undefined) return null;
    return { id: `${yy}${mm}.${num}`, version };
  }

  const legacy = OLD_STYLE.exec(s);
  if (legacy) {
    const [, archive, yy, mm, num, v] = legacy as unknown as [
      string,
      string,
      string,
      string,
      string,
      string | undefined,
    ];
    const month = Number(mm);
    if (month < 1 || month > 12) return null;
    const version = parseVersion(v);
    if (version === undefined) return null;
    return { id: `${archive.toLowerCase()}/${yy}${mm}${num}`, version };
  }
  return null;
}

/** The stable paper key for an arXiv id (contract: `arxiv:<id without version>`). */
export function keyForArxivId(id: string): string {
  return `arxiv:${id}`;
}

/** Formats an id with its version, as arXiv writes it (`2401.12345v2`). */
export function formatArxivRef(ref: ArxivRef): string {
  return ref.version === null ? ref.id : `${ref.id}v${ref.version}`;
}
