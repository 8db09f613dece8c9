import { Hono } from "hono";
import { z } from "zod";
import { searchPapers } from "../../db/queries/search";
import type { AppEnv } from "../../env";
import { ApiError } from "../../errors";
import { allTermsMatch, anyTermMatch, searchTerms } from "../../lookup/search-query";

const SearchQuery = z.object({
  q: z.string().trim().min(1).max(500),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const searchRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const parsed = SearchQuery.safeParse(c.req.query());
  if (!parsed.success) {
    throw new ApiError(
      400,
      "invalid_query",
      "Give `q` (1 to 500 characters) and optionally `limit` (1 to 100).",
    );
  }
  const { q, limit } = parsed.data;
  const terms = searchTerms(q);
  if (terms.length === 0) throw new ApiError(400, "invalid_query", "`q` has no searchable words.");
  let mode: "all" | "any" = "all";
  let results = await searchPapers(c.var.db, allTermsMatch(terms), limit);
  if (results.length === 0 && terms.length > 1) {
    mode = "any";
    results = await searchPapers(c.var.db, anyTermMatch(terms), limit);
  }
  return c.json({ query: q, terms, mode, results });
});
