import { Hono } from "hono";
import { loadPaperDetail } from "../../db/queries/paper-detail";
import type { AppEnv } from "../../env";
import { ApiError } from "../../errors";
import { paperView } from "../../lookup/paper-view";
import { resolvePaperRef } from "../../lookup/resolve-ref";

// `{.+}` so old-style ids (`hep-th/9901001`) and unencoded URLs may contain slashes.
export const paperRoutes = new Hono<AppEnv>().get("/:ref{.+}", async (c) => {
  const ref = c.req.param("ref");
  const resolved = resolvePaperRef(ref);
  const detail = resolved ? await loadPaperDetail(c.var.db, resolved.key) : null;
  if (!resolved || !detail) {
    throw new ApiError(404, "paper_not_found", `No paper is known for "${ref.slice(0, 200)}".`);
  }
  return c.json(paperView(detail, resolved.version));
});
