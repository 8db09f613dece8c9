/**
 * What the harvest follows: arXiv categories (`cs.LG`, `cond-mat.str-el`, `hep-th`) and search
 * queries in arXiv's own syntax (`abs:"retrieval augmented"`). Validated here, stored by
 * db/queries/harvest.ts, edited through `PUT /api/harvest/config`.
 */
import { z } from "zod";

/** An archive (`hep-th`, `astro-ph`) optionally followed by a subject class (`.LG`, `.str-el`). */
const CATEGORY = /^[a-z][a-z-]{1,15}(?:\.[A-Za-z][A-Za-z-]{0,15})?$/;

export const MAX_CATEGORIES = 30;
export const MAX_QUERIES = 10;

const Category = z
  .string()
  .trim()
  .regex(CATEGORY, "an arXiv category such as cs.LG, cond-mat.str-el or hep-th");

// Printable text only: the query goes into arXiv's `search_query` as written, inside parentheses.
const Query = z
  .string()
  .trim()
  .min(3)
  .max(200)
  .regex(/^[^\p{Cc}]+$/u, "printable text without control characters")
  .refine((q) => balancedParentheses(q), "parentheses must be balanced")
  .refine((q) => (q.match(/"/g) ?? []).length % 2 === 0, "quotes must be balanced");

function balancedParentheses(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === "(") depth++;
    else if (ch === ")" && --depth < 0) return false;
  }
  return depth === 0;
}

const unique = (items: string[]) => new Set(items).size === items.length;

export const FollowedBody = z
  .object({
    categories: z.array(Category).max(MAX_CATEGORIES).refine(unique, "each category once"),
    queries: z.array(Query).max(MAX_QUERIES).refine(unique, "each query once").default([]),
  })
  .strict();

export interface Followed {
  categories: string[];
  queries: string[];
}

/** The `HARVEST_CATEGORIES` default (comma- or space-separated); unreadable items are dropped. */
export function parseDefaultCategories(raw: string): string[] {
  const items = raw
    .split(/[\s,]+/)
    .map((c) => c.trim())
    .filter((c) => CATEGORY.test(c));
  return [...new Set(items)];
}

/** A followed source's stable name in the cursors and the audit. */
export type SourceKind = "category" | "query";
export interface HarvestSource {
  kind: SourceKind;
  /** `cs.LG`, or the query text. */
  value: string;
  /** Key of the cursor and audit rows: `cs.LG`, or `query:<text>`. */
  name: string;
}

export function sourcesOf(followed: Followed): HarvestSource[] {
  return [
    ...followed.categories.map((value) => ({ kind: "category" as const, value, name: value })),
    ...followed.queries.map((value) => ({ kind: "query" as const, value, name: `query:${value}` })),
  ];
}
