/**
 * Turns what a user pastes into a paper key: an arXiv id with or without version (new or
 * old style), an abs/pdf URL, or a key (`arxiv:…`, `fp:…`). Pure; null when it is none of these.
 */
import { keyForArxivId, parseArxivRef } from "../ingest/arxiv-id";

export interface ResolvedRef {
  key: string;
  /** The version the reference named, if any. */
  version: number | null;
}

const FINGERPRINT_KEY = /^fp:[0-9a-f]{16}$/;

export function resolvePaperRef(raw: string): ResolvedRef | null {
  let ref = raw.trim();
  try {
    // Path parameters arrive decoded once; a URL pasted URL-encoded twice still resolves.
    if (/%[0-9a-f]{2}/i.test(ref)) ref = decodeURIComponent(ref);
  } catch {
    return null;
  }
  if (FINGERPRINT_KEY.test(ref.toLowerCase())) return { key: ref.toLowerCase(), version: null };
  const arxiv = parseArxivRef(ref);
  return arxiv ? { key: keyForArxivId(arxiv.id), version: arxiv.version } : null;
}
