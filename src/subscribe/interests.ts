/**
 * Setting a subscription's interests (issue #13): seed refs and BibTeX entries are normalised to
 * refs (`arxiv:<id>`, `doi:<doi>`, `title:<folded title>`), matched against the store, and saved
 * with the interest words in one D1 batch. Refs the bot does not have are kept (an arXiv or DOI
 * ref counts as soon as its paper arrives) and reported as `unmatched`; they are never an error.
 */
import type { Database } from "../db/client";
import {
  type InterestsRow,
  loadInterests,
  matchSeedRefs,
  type NewSeed,
  papersByTitleWords,
  type SeedRow,
  saveInterests,
} from "../db/queries/interests";
import { keyForArxivId } from "../ingest/arxiv-id";
import { parseBibtex } from "../interests/bibtex";
import type { Interests } from "../interests/interest-input";
import { resolvePaperRef } from "../lookup/resolve-ref";
import { allTermsMatch, searchTerms } from "../lookup/search-query";

/** Title-only BibTeX entries looked up per request (one FTS query each). */
const MAX_TITLE_LOOKUPS = 100;

export interface UnmatchedRef {
  /** As the subscriber gave it (a ref, or `bibtex:<cite key>`). */
  ref: string;
  reason: string;
}

export interface InterestsAnswer {
  interests: InterestsView;
  /** The refs the bot does not have (yet), as given: contract `unmatched`. */
  unmatched: string[];
  unmatchedDetail: UnmatchedRef[];
  /** BibTeX entries that could not be read at all (the rest are kept). */
  bibtexErrors: string[];
}

export interface InterestsView {
  papers: Array<{ ref: string; given: string; source: "papers" | "bibtex"; paper: string | null }>;
  authors: string[];
  keywords: string[];
  exclude: string[];
  updatedAt: string | null;
}

/** Case, accents and punctuation folded: how two spellings of one title compare. */
export function foldTitle(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

interface Candidate {
  ref: string;
  given: string;
  source: "papers" | "bibtex";
}

function candidatesOf(input: Interests): {
  candidates: Candidate[];
  unreadable: UnmatchedRef[];
  errors: string[];
} {
  const candidates: Candidate[] = [];
  const unreadable: UnmatchedRef[] = [];
  for (const given of input.papers) {
    const resolved = resolvePaperRef(given);
    if (resolved) candidates.push({ ref: resolved.key, given, source: "papers" });
    else unreadable.push({ ref: given, reason: "not an arXiv id, arXiv URL or paper key" });
  }
  const errors: string[] = [];
  if (input.bibtex) {
    const parsed = parseBibtex(input.bibtex);
    for (const e of parsed.errors) errors.push(e.citeKey ? `${e.citeKey}: ${e.message}` : e.message);
    for (const entry of parsed.entries) {
      const given = `bibtex:${entry.citeKey}`;
      if (entry.arxivId) candidates.push({ ref: keyForArxivId(entry.arxivId), given, source: "bibtex" });
      else if (entry.doi) candidates.push({ ref: `doi:${entry.doi.toLowerCase()}`, given, source: "bibtex" });
      else if (entry.title && foldTitle(entry.title))
        candidates.push({ ref: `title:${foldTitle(entry.title)}`, given, source: "bibtex" });
      else unreadable.push({ ref: given, reason: "the entry has no arXiv eprint, DOI or title" });
    }
  }
  // One seed per ref: the first spelling given wins.
  const seen = new Set<string>();
  return { candidates: candidates.filter((c) => !seen.has(c.ref) && seen.add(c.ref)), unreadable, errors };
}

/** A title-only entry: the stored paper whose folded headline equals the folded title. */
async function matchTitles(db: Database, refs: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const ref of refs.slice(0, MAX_TITLE_LOOKUPS)) {
    const folded = ref.slice("title:".length);
    const terms = searchTerms(folded);
    if (terms.length === 0) continue;
    const hits = await papersByTitleWords(db, allTermsMatch(terms), 5);
    const hit = hits.find((h) => foldTitle(h.headline) === folded);
    if (hit) found.set(ref, hit.key);
  }
  return found;
}

export async function setInterests(
  db: Database,
  subscriptionId: string,
  input: Interests,
  now: number,
): Promise<InterestsAnswer> {
  const { candidates, unreadable, errors } = candidatesOf(input);
  const byId = candidates.filter((c) => !c.ref.startsWith("title:")).map((c) => c.ref);
  const byTitle = candidates.filter((c) => c.ref.startsWith("title:")).map((c) => c.ref);
  const [idMatches, titleMatches] = await Promise.all([matchSeedRefs(db, byId), matchTitles(db, byTitle)]);
  const seeds: NewSeed[] = candidates.map((c) => ({
    ...c,
    paperKey: idMatches.get(c.ref) ?? titleMatches.get(c.ref) ?? null,
  }));
  await saveInterests(
    db,
    subscriptionId,
    { authors: input.authors, keywords: input.keywords, exclude: input.exclude },
    seeds,
    now,
  );
  const waiting: UnmatchedRef[] = seeds
    .filter((s) => s.paperKey === null)
    .map((s) => ({
      ref: s.given,
      reason: s.ref.startsWith("title:")
        ? "no stored paper has this title; save the interests again once it is in"
        : "not in the bot yet: it counts as soon as the paper arrives",
    }));
  const unmatchedDetail = [...unreadable, ...waiting];
  return {
    interests: await interestsView(db, subscriptionId),
    unmatched: unmatchedDetail.map((u) => u.ref),
    unmatchedDetail,
    bibtexErrors: errors,
  };
}

export function viewOf(interests: InterestsRow | null, seeds: readonly SeedRow[]): InterestsView {
  return {
    papers: seeds.map((s) => ({ ref: s.ref, given: s.given, source: s.source, paper: s.paperKey })),
    authors: interests?.authors ?? [],
    keywords: interests?.keywords ?? [],
    exclude: interests?.exclude ?? [],
    updatedAt: interests ? new Date(interests.updatedAt).toISOString() : null,
  };
}

/** As stored, with seeds that arrived since they were saved shown as matched. */
export async function interestsView(db: Database, subscriptionId: string): Promise<InterestsView> {
  const { interests, seeds } = await loadInterests(db, subscriptionId);
  const waiting = seeds.filter((s) => s.paperKey === null && !s.ref.startsWith("title:")).map((s) => s.ref);
  const arrived = waiting.length > 0 ? await matchSeedRefs(db, waiting) : new Map<string, string>();
  return viewOf(
    interests,
    seeds.map((s) => ({ ...s, paperKey: s.paperKey ?? arrived.get(s.ref) ?? null })),
  );
}
