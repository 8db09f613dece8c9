import { extractCodeLinks } from "../ingest/text/code-links";
import { deriveHeadline } from "../ingest/text/headline";
import { latexToPlain } from "../ingest/text/latex";
import type { ParsedRecord } from "../ingest/types";
import { fingerprintAbstract } from "./fingerprint";
import { candidateKeys } from "./similarity/candidate-keys";
import { sketchPlainText } from "./similarity/shingles";
import type { PreparedRecord } from "./types";

/**
 * Adds what identity and display need: the exact fingerprint, the near-duplicate sketch
 * (shingles and LSH bands), a headline, the plain-text rendering and code links.
 */
export async function prepareRecord(record: ParsedRecord): Promise<PreparedRecord> {
  const abstractPlain = latexToPlain(record.abstract);
  const title = record.title === null ? null : latexToPlain(record.title);
  const sketch = sketchPlainText(abstractPlain);
  return {
    ...record,
    fingerprint: await fingerprintAbstract(record.abstract),
    headline: title ?? deriveHeadline(record.abstract),
    abstractPlain,
    codeLinks: extractCodeLinks(`${record.abstract}\n${record.comments ?? ""}`),
    sketch,
    bandKeys: candidateKeys(abstractPlain, sketch),
  };
}
