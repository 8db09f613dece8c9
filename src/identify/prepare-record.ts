import { extractCodeLinks } from "../ingest/text/code-links";
import { deriveHeadline } from "../ingest/text/headline";
import { latexToPlain } from "../ingest/text/latex-plain";
import type { ParsedRecord } from "../ingest/types";
import { fingerprintAbstract } from "./fingerprint";
import type { PreparedRecord } from "./types";

/** Adds what identity and display need: the fingerprint, a headline, plain text and code links. */
export async function prepareRecord(record: ParsedRecord): Promise<PreparedRecord> {
  const abstractPlain = latexToPlain(record.abstract);
  const title = record.title === null ? null : latexToPlain(record.title);
  return {
    ...record,
    fingerprint: await fingerprintAbstract(record.abstract),
    headline: title ?? deriveHeadline(record.abstract),
    abstractPlain,
    codeLinks: extractCodeLinks(`${record.abstract}\n${record.comments ?? ""}`),
  };
}
