import type { RecordOutcome } from "./types";

/** The outcome of an entry that could not be read (it is listed in `errors` too). */
export function invalidOutcome(index: number): RecordOutcome {
  return { index, key: null, arxivId: null, version: null, title: null, verdict: "invalid" };
}
