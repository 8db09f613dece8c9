/**
 * Atom feeds (issue #14): `GET /feeds/subscriptions/{id}.atom?token=rd_…`, a subscription's picks
 * of its recent weeks, opened by its reader token; `GET /feeds/themes/{themeId}.atom`, a theme's
 * papers, public. Errors are plain text (a feed reader shows the status, not a page): a wrong or
 * missing token and an unknown id are the same 404, so ids cannot be probed; an ended
 * subscription is 410 Gone, which tells feed readers to stop polling.
 */
import { type Context, Hono } from "hono";
import { etag } from "hono/etag";
import { findSubscription } from "../db/queries/subscriptions";
import { subscriberFeedWeeks, themeFeedSource } from "../digest/feed-weeks";
import type { AppEnv } from "../env";
import { renderAtomFeed } from "../pages/atom-feed";
import { subscriptionFeed, themeFeed } from "../pages/feed-entries";
import { isReaderToken } from "../security/reader-token";

/** `{id}.atom`, an id of letters, digits, `-` and `_` (subscription ids are UUIDs; theme ids slugs). */
const FEED_FILE = /^([A-Za-z0-9_-]{1,100})\.atom$/;

/** Weekly content: an hour keeps readers polling every few minutes off D1 and still fresh on Monday. */
const MAX_AGE_SECONDS = 3600;

function idOf(file: string): string | null {
  return FEED_FILE.exec(file)?.[1] ?? null;
}

function atom(c: Context<AppEnv>, xml: string, updated: string, visibility: "public" | "private") {
  return c.body(xml, 200, {
    "content-type": "application/atom+xml; charset=utf-8",
    "cache-control": `${visibility}, max-age=${MAX_AGE_SECONDS}`,
    "last-modified": new Date(updated).toUTCString(),
  });
}

const notFound = (c: Context<AppEnv>, what: string) =>
  c.text(`There is no ${what} at this address: the link is incomplete or was never issued.\n`, 404, {
    "cache-control": "no-store",
  });

export const feedRoutes = new Hono<AppEnv>()
  // A reader polling an unchanged feed gets 304 Not Modified (the ETag is the body's hash).
  .use("*", etag())
  .get("/subscriptions/:file", async (c) => {
    const id = idOf(c.req.param("file"));
    const token = c.req.query("token");
    const { config, db } = c.var;
    // The token is checked before the database is read: an unknown id and a wrong token look alike.
    if (id === null || !token || !(await isReaderToken(id, token, config.delivery.tokenSecret))) {
      return notFound(c, "feed");
    }
    const s = await findSubscription(db, id);
    if (!s) return notFound(c, "feed");
    if (s.status === "unsubscribed" || s.status === "disabled") {
      return c.text("This subscription has ended, and so has its feed.\n", 410, {
        "cache-control": "no-store",
      });
    }
    const base = config.delivery.publicBaseUrl;
    const feed = subscriptionFeed({
      publicBaseUrl: base,
      subscription: s,
      readerToken: token,
      weeks: await subscriberFeedWeeks(db, s, base),
    });
    return atom(c, renderAtomFeed(feed), feed.updated, "private");
  })
  .get("/themes/:file", async (c) => {
    const id = idOf(c.req.param("file"));
    const source = id === null ? null : await themeFeedSource(c.var.db, id);
    if (!source) return notFound(c, "theme feed");
    const feed = themeFeed({ publicBaseUrl: c.var.config.delivery.publicBaseUrl, source });
    return atom(c, renderAtomFeed(feed), feed.updated, "public");
  });
