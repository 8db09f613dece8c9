/**
 * What every format parser produces: one `ParsedRecord` per abstract found, or a
 * `RecordError` for an entry that could not be read. Parsers are pure and never throw.
 */

export const SOURCE_FORMATS = [
  "seed-listing", // paragraphs: abstract, optional comments line, `arXiv:ID`, `Created:` line
  "seed-lines", // one `Abstract:` line per record, no ids
  "abs", // arXiv `.abs` record(s)
  "listing-email", // arXiv daily listing e-mail (same entry shape as .abs, many per body)
  "atom", // arXiv API Atom feed
  "rss", // arXiv RSS 2.0 or RSS 1.0 (RDF) feed
  "json", // JSON array or JSON lines (Kaggle/OAI, arxiv-browse, daily-arxiv field names)
] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

export interface ParsedRecord {
  /** Position of the entry in the input, counting every entry (valid or not) from 0. */
  index: number;
  format: SourceFormat;
  /** Normalised arXiv id without version (`2401.12345`, `hep-th/9901001`), or null. */
  arxivId: string | null;
  /** Version number when the source states it (`v3` -> 3), else null. */
  version: number | null;
  title: string | null;
  authors: string[];
  /** Primary category first when the source says which one it is. */
  categories: string[];
  comments: string | null;
  doi: string | null;
  journalRef: string | null;
  /** ISO-8601 date or date-time of the first version, when known. */
  createdAt: string | null;
  /** ISO-8601 date or date-time of the latest version the source mentions, when known. */
  updatedAt: string | null;
  /** The abstract as written (LaTeX kept); hard line wraps joined, paragraphs kept, trimmed. Never empty. */
  abstract: string;
}

export interface RecordError {
  index: number;
  message: string;
}

export interface ParseResult {
  format: SourceFormat;
  records: ParsedRecord[];
  errors: RecordError[];
  /**
   * Set when the body as a whole cannot be read in its format (truncated JSON, XML that is not
   * well-formed or declares a DOCTYPE): what is wrong and where. Then there are no records and
   * this is also the one error; the ingest route answers 400 `invalid_body` and stores nothing.
   */
  unreadable?: string;
}

/** The result for a body that cannot be read at all (see `unreadable`). */
export function unreadableBody(format: SourceFormat, message: string): ParseResult {
  return { format, records: [], errors: [{ index: 0, message }], unreadable: message };
}
