/**
 * The body that sets a subscription's interests: seed papers (refs, and/or a BibTeX export),
 * followed authors, keywords, and words to exclude. Strict (an unknown field is refused), every
 * string trimmed, and each list de-duplicated keeping the first spelling given: papers and words
 * case-insensitively (and with runs of spaces as one), authors by `authorKey` ("A. Lovelace" after
 * "Ada Lovelace" is dropped). Limits apply to the lists as sent, before de-duplication.
 */
import { z } from "zod";
import { authorKey } from "./author-names";
import { MAX_BIBTEX_CHARS } from "./bibtex";

export const MAX_PAPERS = 500;
export const MAX_PAPER_REF_CHARS = 300;
export const MAX_AUTHORS = 200;
export const MAX_AUTHOR_CHARS = 200;
export const MAX_WORDS = 100;
export const MAX_WORD_CHARS = 200;

/** Trimmed, runs of whitespace as one space. */
const squashed = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => s.replace(/\s+/g, " "))
    .pipe(z.string().min(1, "must not be empty"));

/** First occurrence of each key kept, in order. */
function uniqueBy(values: string[], key: (value: string) => string): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const k = key(value);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const caseless = (s: string) => s.normalize("NFC").toLowerCase();

const words = z
  .array(squashed(MAX_WORD_CHARS))
  .max(MAX_WORDS)
  .transform((list) => uniqueBy(list, caseless));

// An empty name already has its issue from `squashed`.
const Author = squashed(MAX_AUTHOR_CHARS).refine((name) => name === "" || authorKey(name) !== null, {
  message: "is not a person's name",
});

export const InterestsBody = z.strictObject({
  papers: z
    .array(squashed(MAX_PAPER_REF_CHARS))
    .max(MAX_PAPERS)
    .default([])
    .transform((list) => uniqueBy(list, caseless)),
  bibtex: z
    .string()
    .max(MAX_BIBTEX_CHARS)
    .transform((s) => (s.trim() === "" ? undefined : s.trim()))
    .optional(),
  authors: z
    .array(Author)
    .max(MAX_AUTHORS)
    .default([])
    .transform((list) => uniqueBy(list, (name) => authorKey(name) ?? name)),
  keywords: words.default([]),
  exclude: words.default([]),
});

/** The interests as sent (before trimming and de-duplication). */
export type InterestsInput = z.input<typeof InterestsBody>;

/** The interests, normalised: lists always present, trimmed and de-duplicated; `bibtex` absent when blank. */
export type Interests = z.output<typeof InterestsBody>;
