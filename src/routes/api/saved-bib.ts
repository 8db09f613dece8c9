/**
 * `GET /api/subscriptions/{id}/saved.bib` (issue #15): the subscription's reading list (papers its
 * readers saved) as BibTeX. Opened by a bearer (its management token or the admin token, as the
 * other subscription routes) or by `?token=rd_…`, its reader token, so the link `/paper saved bib`
 * answers with opens without a login. A reader token that does not belong to the id, and an
 * unknown id, are the same 404: ids cannot be probed. An ended subscription's list is still
 * served: what a team read is worth keeping after it stopped the digest.
 */
import { Hono } from "hono";
import { findSubscription } from "../../db/queries/subscriptions";
import type { AppEnv } from "../../env";
import { ApiError } from "../../errors";
import { isReaderToken } from "../../security/reader-token";
import { savedBibtex } from "../../subscribe/reading-list";
import { authoriseSubscription } from "../subscription-auth";

const notFound = () =>
  new ApiError(404, "subscription_not_found", "No subscription with this id belongs to the token.");

export const savedBibRoutes = new Hono<AppEnv>().get("/:id/saved.bib", async (c) => {
  const id = c.req.param("id");
  const token = c.req.query("token");
  const { db, config } = c.var;
  if (token !== undefined) {
    // The token is checked before the database is read: an unknown id and a wrong token look alike.
    if (!(await isReaderToken(id, token, config.delivery.tokenSecret))) throw notFound();
    if (!(await findSubscription(db, id))) throw notFound();
  } else {
    await authoriseSubscription(c.req.header("authorization"), c.var, id);
  }
  const { bibtex, papers, total } = await savedBibtex(db, id);
  const safeId = id.replace(/[^A-Za-z0-9_-]/g, "");
  return c.body(bibtex, 200, {
    "content-type": "application/x-bibtex; charset=utf-8",
    "content-disposition": `attachment; filename="saved-${safeId}.bib"`,
    "cache-control": "private, no-store",
    "x-saved-papers": String(total),
    "x-exported-papers": String(papers),
  });
});
