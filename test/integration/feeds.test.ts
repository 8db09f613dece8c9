/**
 * The Atom feeds (issue #14), fetched through the Worker and read with a real feed parser
 * (feedsmith, run here inside workerd) and checked for well-formedness with fast-xml-parser's
 * validator. Three imported weeks of papers on four topics (test/support/topical-papers.ts), one
 * of them with a title full of XML's special characters, all published.
 */
import { env } from "cloudflare:workers";
import { XMLValidator } from "fast-xml-parser";
import { type AtomFeed, parseAtomFeed } from "feedsmith";
import { beforeAll, describe, expect, it } from "vitest";
import { publishDueWeeks } from "../../src/digest";
import { readerTokenOf } from "../../src/security/reader-token";
import { call } from "../support/api";
import { db, wipeData } from "../support/db";
import { asSubscriber, importAt, jsonOf, type Subscriber, webhookSubscriber } from "../support/subscriber";
import { asJsonLines, type Topic, type TopicalPaper, topicalPapers } from "../support/topical-papers";

type Feed = AtomFeed.Feed<string>;

interface Pick {
  key: string;
  title: string;
  authors: string[];
  tldr: string;
  why: string;
  theme: { id: string; label: string };
  links: { abs: string } | null;
}
interface Brief {
  week: string;
  picks: Pick[];
}
interface DigestJson {
  week: string;
  themes: Array<{
    id: string;
    label: string;
    papers: Array<{ key: string; title: string; tldr: string; links: { abs: string } | null }>;
  }>;
}

const BASE = "https://digest.example.org";
const WEEKS = ["2025-W43", "2025-W42", "2025-W41"];
const TOPICS: Topic[] = ["retrieval", "robotics", "security", "audio"];
const weekPapers = (n: number) =>
  TOPICS.flatMap((t, i) => topicalPapers(t, 12, n * 1000 + i * 100, n * 10 + i));
// A bell character (U+0007) survives ingest but XML 1.0 cannot carry it: the feed drops it.
const TRICKY_TITLE =
  "Dense <retrieval> & reranking: \"quoted\" 'queries' ]]> </title> — Ünïcødé\u0007 検索 😀";
const tricky: TopicalPaper = {
  id: "2510.03999",
  title: TRICKY_TITLE,
  authors: ["Zoë Ångström", "Борис <Б.> Пастернак & Co"],
  summary: "We propose a dense retriever for reranking passages of queries with a search engine index.",
  topic: "retrieval",
};

const secret = () => (env as unknown as { TOKEN_SECRET: string }).TOKEN_SECRET;
const feedPath = async (sub: Subscriber, token?: string) =>
  `/feeds/subscriptions/${sub.id}.atom?token=${encodeURIComponent(token ?? (await readerTokenOf(sub.id, secret())))}`;

async function feedText(path: string, init?: RequestInit): Promise<{ res: Response; xml: string }> {
  const res = await call(path, init);
  return { res, xml: await res.text() };
}

/** A feed answer: 200 with the Atom type, well-formed XML, parsed as Atom. */
async function atomOf(path: string): Promise<{ feed: Feed; xml: string; res: Response }> {
  const { res, xml } = await feedText(path);
  expect(res.status, xml.slice(0, 300)).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
  expect(XMLValidator.validate(xml)).toBe(true);
  return { feed: parseAtomFeed(xml) as Feed, xml, res };
}

async function briefOf(sub: Subscriber, week: string): Promise<Brief> {
  return jsonOf(await asSubscriber(`/api/subscriptions/${sub.id}/digest?week=${week}`, sub.token));
}

const alternate = (links: Feed["links"]) => links?.find((l) => (l.rel ?? "alternate") === "alternate")?.href;
const withoutBell = (s: string) => s.replaceAll("\u0007", "");

describe("Atom feeds", () => {
  let reader: Subscriber;
  let small: Subscriber;

  beforeAll(async () => {
    await wipeData();
    // Each week published on the Monday after it, as the cron does: three publication times.
    await importAt(asJsonLines(weekPapers(1)), "2025-10-07T10:00:00Z");
    await publishDueWeeks(db(), Date.parse("2025-10-13T06:00:00Z"));
    await importAt(asJsonLines(weekPapers(2)), "2025-10-14T10:00:00Z");
    await publishDueWeeks(db(), Date.parse("2025-10-20T06:00:00Z"));
    await importAt(asJsonLines([...weekPapers(3), tricky]), "2025-10-21T10:00:00Z");
    await publishDueWeeks(db(), Date.parse("2025-10-27T06:00:00Z"));
    const archive = await jsonOf<{ digests: Array<{ week: string; status: string }> }>(
      await call("/api/digests"),
    );
    expect(archive.digests.filter((w) => w.status === "published").map((w) => w.week)).toEqual(WEEKS);
    // Following the tricky paper's author puts it first in its week.
    reader = await webhookSubscriber("feed-reader", { authors: ["Ångström, Z."], keywords: ["retrieval"] });
    small = await webhookSubscriber("feed-small");
    const resized = await asSubscriber(`/api/subscriptions/${small.id}`, small.token, {
      method: "PATCH",
      body: { size: 4 },
    });
    expect(resized.status, await resized.text()).toBe(200);
  });

  it("lists a subscription's picks of its recent weeks, newest week first, as its digest API does", async () => {
    const { feed, res } = await atomOf(await feedPath(reader));
    expect(res.headers.get("cache-control")).toBe("private, max-age=3600");
    const briefs = await Promise.all(WEEKS.map((w) => briefOf(reader, w)));
    const picks = briefs.flatMap((b) => b.picks.map((p) => ({ ...p, week: b.week })));
    expect(picks).toHaveLength(30);
    const entries = feed.entries ?? [];
    expect(entries).toHaveLength(picks.length);
    entries.forEach((e, i) => {
      const p = picks[i]!;
      expect(e.id).toBe(
        `tag:digest.example.org,2025:subscriptions/${reader.id}/${p.week}/${encodeURIComponent(p.key)}`,
      );
      expect(e.title?.value).toBe(withoutBell(p.title));
      expect(alternate(e.links)).toBe(p.links?.abs);
      expect(e.authors?.map((a) => a.name)).toEqual(p.authors);
      expect(e.summary?.value).toBe(`${p.tldr}\n\nWhy this pick: ${p.why}`);
      expect(e.categories?.map((c) => c.term)).toEqual([p.theme.label]);
    });
    // Each week's entries carry its publication time; the feed is as new as its newest week.
    expect(new Set(entries.slice(0, 10).map((e) => e.updated)).size).toBe(1);
    expect(entries[0]!.updated).toBe("2025-10-27T06:00:00.000Z");
    expect(entries[10]!.updated).toBe("2025-10-20T06:00:00.000Z");
    expect(feed.updated).toBe(entries[0]!.updated);
    expect(feed.title?.value).toMatch(
      /^arXiv digest: your picks \(feed-reader-\w+\.receiver\.example\.com\)$/,
    );
    expect(feed.id).toBe(`tag:digest.example.org,2025:subscriptions/${reader.id}`);
    const token = await readerTokenOf(reader.id, secret());
    const self = feed.links?.find((l) => l.rel === "self");
    expect(self?.href).toBe(`${BASE}/feeds/subscriptions/${reader.id}.atom?token=${token}`);
    expect(alternate(feed.links)).toBe(`${BASE}/s/${reader.id}?token=${token}`);
  });

  it("keeps XML's special characters and any script intact, drops what XML cannot carry", async () => {
    const { feed, xml } = await atomOf(await feedPath(reader));
    const first = feed.entries![0]!;
    expect(first.title?.value).toBe(withoutBell(TRICKY_TITLE));
    expect(first.authors?.map((a) => a.name)).toEqual(tricky.authors);
    expect(xml).toContain(
      "Dense &lt;retrieval&gt; &amp; reranking: &quot;quoted&quot; &apos;queries&apos; ]]&gt; &lt;/title&gt;",
    );
    expect(xml).toContain("Ünïcødé 検索 😀");
    expect(xml).not.toContain("\u0007");
  });

  it("gives each entry the same id on every fetch, and answers 304 to a reader that has it", async () => {
    const path = await feedPath(reader);
    const a = await atomOf(path);
    const b = await atomOf(path);
    expect(b.feed.entries!.map((e) => e.id)).toEqual(a.feed.entries!.map((e) => e.id));
    expect(new Set(a.feed.entries!.map((e) => e.id)).size).toBe(a.feed.entries!.length);
    // The token is in the feed's own links, never in an id (ids outlive a changed secret).
    const token = await readerTokenOf(reader.id, secret());
    for (const id of [a.feed.id, ...a.feed.entries!.map((e) => e.id)]) expect(id).not.toContain(token);
    const etag = a.res.headers.get("etag");
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    const again = await call(path, { headers: { "if-none-match": etag! } });
    expect(again.status).toBe(304);
  });

  it("lists as many picks a week as the subscription's digest size", async () => {
    const { feed } = await atomOf(await feedPath(small));
    const briefs = await Promise.all(WEEKS.map((w) => briefOf(small, w)));
    const keys = briefs.flatMap((b) => b.picks.map((p) => `${b.week}/${encodeURIComponent(p.key)}`));
    expect(keys).toHaveLength(12);
    expect(feed.entries!.map((e) => e.id!.split(`${small.id}/`)[1])).toEqual(keys);
  });

  it("answers the same 404 to a wrong or missing token, another subscription's token and an unknown id", async () => {
    const otherToken = await readerTokenOf(small.id, secret());
    const unknown = crypto.randomUUID();
    const paths = [
      `/feeds/subscriptions/${reader.id}.atom`,
      `/feeds/subscriptions/${reader.id}.atom?token=`,
      `/feeds/subscriptions/${reader.id}.atom?token=rd_wrong`,
      await feedPath(reader, otherToken),
      await feedPath(reader, reader.token), // the management token does not open the feed
      `/feeds/subscriptions/${unknown}.atom?token=${await readerTokenOf(unknown, secret())}`,
      `/feeds/subscriptions/${reader.id}.rss?token=${await readerTokenOf(reader.id, secret())}`,
    ];
    const bodies = new Set<string>();
    for (const path of paths) {
      const { res, xml } = await feedText(path);
      expect(res.status, path).toBe(404);
      bodies.add(xml);
    }
    expect(bodies.size).toBe(1);
  });

  it("answers 410 Gone once the subscription has ended", async () => {
    const ending = await webhookSubscriber("feed-ending");
    const path = await feedPath(ending);
    expect((await call(path)).status).toBe(200);
    const deleted = await asSubscriber(`/api/subscriptions/${ending.id}`, ending.token, { method: "DELETE" });
    expect(deleted.status).toBe(204);
    const { res } = await feedText(path);
    expect(res.status).toBe(410);
    // A wrong token still gets the 404: an ended subscription is not revealed either.
    expect((await call(`/feeds/subscriptions/${ending.id}.atom?token=rd_wrong`)).status).toBe(404);
  });

  it("lists a theme's papers of the recent weeks, newest week first, in the theme's order", async () => {
    const digests = await Promise.all(
      WEEKS.map(async (w) => jsonOf<DigestJson>(await call(`/api/digests/${w}`))),
    );
    // The theme of the newest week that most weeks have.
    const newest = digests[0]!.themes.filter((t) => t.id !== "other");
    const theme = newest.sort(
      (a, b) =>
        digests.filter((d) => d.themes.some((t) => t.id === b.id)).length -
        digests.filter((d) => d.themes.some((t) => t.id === a.id)).length,
    )[0]!;
    const expected = digests.flatMap((d) =>
      (d.themes.find((t) => t.id === theme.id)?.papers ?? []).map((p) => ({ ...p, week: d.week })),
    );
    expect(expected.length).toBeGreaterThan(newest.find((t) => t.id === theme.id)!.papers.length);

    const { feed, res } = await atomOf(`/feeds/themes/${theme.id}.atom`);
    expect(res.headers.get("cache-control")).toBe("public, max-age=3600");
    expect(feed.title?.value).toBe(`arXiv digest: ${theme.label}`);
    expect(feed.id).toBe(`tag:digest.example.org,2025:themes/${theme.id}`);
    expect(alternate(feed.links)).toBe(`${BASE}/digests/2025-W43#theme-${theme.id}`);
    const entries = feed.entries ?? [];
    expect(entries.map((e) => e.id)).toEqual(
      expected.map(
        (p) => `tag:digest.example.org,2025:themes/${theme.id}/${p.week}/${encodeURIComponent(p.key)}`,
      ),
    );
    entries.forEach((e, i) => {
      const p = expected[i]!;
      expect(e.title?.value).toBe(withoutBell(p.title));
      expect(alternate(e.links)).toBe(p.links?.abs);
      expect(e.summary?.value).toBe(p.tldr);
      expect(e.categories?.map((c) => c.term)).toEqual([theme.label]);
    });
  });

  it("answers 404 to an unknown theme or a malformed address", async () => {
    for (const path of [
      "/feeds/themes/t9999.atom",
      "/feeds/themes/t1",
      "/feeds/themes/..%2Ft1.atom",
      `/feeds/themes/${"x".repeat(200)}.atom`,
      "/feeds/themes/.atom",
    ]) {
      const { res } = await feedText(path);
      expect(res.status, path).toBe(404);
    }
  });
});
