/**
 * The reader's pages (issue #14): the feedback links of a digest mail (`GET /feedback?…` shows a
 * page and records nothing, its button's `POST /feedback` records) and a subscription's own page
 * (`/s/{id}?token=…`). Two imported weeks on four topics (test/support/topical-papers.ts), published;
 * the reader token is derived here as deliveries derive it, the routes check it.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { publishDueWeeks } from "../../src/digest";
import { type FeedbackSignal, feedbackUrl, readerLinks } from "../../src/digest/reader-links";
import { pickAnchor } from "../../src/pages/reader-addresses";
import { readerTokenOf } from "../../src/security/reader-token";
import { call } from "../support/api";
import { db, wipeData } from "../support/db";
import { asSubscriber, importAt, jsonOf, type Subscriber, webhookSubscriber } from "../support/subscriber";
import { asJsonLines, type Topic, topicalPapers } from "../support/topical-papers";

const TOPICS: Topic[] = ["retrieval", "robotics", "security", "audio"];
const week41 = TOPICS.flatMap((t, i) => topicalPapers(t, 12, 1000 + i * 100, 21 + i));
const week42 = TOPICS.flatMap((t, i) => topicalPapers(t, 15, 2000 + i * 100, 41 + i));
const WEEK = "2025-W42";
const SECRET = env.TOKEN_SECRET ?? env.ADMIN_TOKEN;

interface Signals {
  signals: Array<{ paper: string; signal: string; by: string | null; at: string }>;
}
interface Picks {
  picks: Array<{ key: string; title: string }>;
}

const readerToken = (id: string) => readerTokenOf(id, SECRET);

/** The links a delivery of `week` would carry, relative (call() adds the test origin). */
async function linksOf(sub: Subscriber) {
  return readerLinks({
    publicBaseUrl: "",
    subscriptionId: sub.id,
    readerToken: await readerToken(sub.id),
    week: WEEK,
    unsubscribe: "",
  });
}

async function signalsOf(sub: Subscriber): Promise<Signals["signals"]> {
  return (await jsonOf<Signals>(await asSubscriber(`/api/subscriptions/${sub.id}/feedback`, sub.token)))
    .signals;
}

async function picksOf(sub: Subscriber, limit?: number): Promise<Picks["picks"]> {
  const query = `week=${WEEK}${limit ? `&limit=${limit}` : ""}`;
  return (await jsonOf<Picks>(await asSubscriber(`/api/subscriptions/${sub.id}/digest?${query}`, sub.token)))
    .picks;
}

/** POST /feedback as the page's form sends it (application/x-www-form-urlencoded). */
function postForm(fields: Record<string, string>): Promise<Response> {
  return call("/feedback", { method: "POST", body: new URLSearchParams(fields), redirect: "manual" });
}

async function form(sub: Subscriber, paper: string, signal: string, extra: Record<string, string> = {}) {
  return postForm({ s: sub.id, token: await readerToken(sub.id), paper, signal, ...extra });
}

async function pageOf(sub: Subscriber, query = `week=${WEEK}`): Promise<Response> {
  return call(`/s/${sub.id}?token=${await readerToken(sub.id)}${query ? `&${query}` : ""}`);
}

/** The picks' fragment ids on the page, in order. */
function pickIds(html: string): string[] {
  const list = /<ol class="papers picks">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? "";
  return [...list.matchAll(/<li id="([^"]+)"/g)].map((m) => m[1]!);
}

/** The page's `<li>` of one pick (or of a paper marked outside the picks). */
function pickItem(html: string, key: string): string {
  const start = html.indexOf(`<li id="${pickAnchor(key)}"`);
  expect(start, `no item for ${key}`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf("</li>", start));
}

const pressed = (item: string) =>
  [...item.matchAll(/<button[^>]*aria-pressed="true"[^>]*>([^<]+)<\/button>/g)].map((m) => m[1]);

function expectReaderHeaders(res: Response) {
  expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  expect(res.headers.get("cache-control")).toBe("no-store");
}

describe("the reader's pages", () => {
  beforeAll(async () => {
    await wipeData();
    await importAt(asJsonLines(week41), "2025-10-07T10:00:00Z");
    await importAt(asJsonLines(week42), "2025-10-14T10:00:00Z");
    const report = await publishDueWeeks(db(), Date.now());
    expect(report.published.map((p) => p.week)).toEqual(["2025-W41", WEEK]);
  });

  it("GET of every feedback link of a digest shows the paper and one button, and records nothing", async () => {
    const sub = await webhookSubscriber("get-only");
    const links = await linksOf(sub);
    const picks = await picksOf(sub);
    expect(picks).toHaveLength(10);
    for (const pick of picks) {
      for (const signal of ["up", "down", "save"] as FeedbackSignal[]) {
        const res = await call(feedbackUrl(links, pick.key, signal));
        const html = await res.text();
        expect(res.status, html).toBe(200);
        expectReaderHeaders(res);
        expect(html).toContain('<meta name="robots" content="noindex"/>');
        expect(html).toContain(pick.title);
        // One form, POSTing the credential, the paper and the signal.
        expect(html.match(/<form /g)).toHaveLength(1);
        expect(html).toContain('<form method="post" action="/feedback">');
        expect(html).toContain(`<input type="hidden" name="s" value="${sub.id}"/>`);
        expect(html).toContain(`<input type="hidden" name="paper" value="${pick.key}"/>`);
        expect(html).toContain(`<input type="hidden" name="signal" value="${signal}"/>`);
        // And the way to the subscription's interests.
        expect(html).toContain(`/s/${sub.id}?token=${await readerToken(sub.id)}#interests`);
      }
    }
    expect(await signalsOf(sub)).toEqual([]);
  });

  it("POST records the signal, repeating it changes nothing, another replaces it, clear takes it back", async () => {
    const sub = await webhookSubscriber("post");
    const [pick] = await picksOf(sub);
    const res = await form(sub, pick!.key, "up");
    const html = await res.text();
    expect(res.status, html).toBe(200);
    expectReaderHeaders(res);
    expect(html).toContain("<h1>Recorded</h1>");
    const once = await signalsOf(sub);
    expect(once).toEqual([{ paper: pick!.key, signal: "up", by: null, at: expect.any(String) }]);

    expect((await form(sub, pick!.key, "up")).status).toBe(200);
    expect(await signalsOf(sub)).toEqual(once);

    // The feedback page now says it is marked.
    const page = await (await call(feedbackUrl(await linksOf(sub), pick!.key, "up"))).text();
    expect(page).toContain("already marked");

    expect((await form(sub, pick!.key, "save")).status).toBe(200);
    expect((await signalsOf(sub)).map((s) => s.signal)).toEqual(["save"]);

    for (let i = 0; i < 2; i++) {
      const cleared = await form(sub, pick!.key, "clear");
      expect(cleared.status).toBe(200);
      expect(await cleared.text()).toContain("<h1>Taken back</h1>");
      expect(await signalsOf(sub)).toEqual([]);
    }
  });

  it("a wrong token, another subscription's token or an unknown subscription: 404, nothing recorded", async () => {
    const mine = await webhookSubscriber("mine");
    const theirs = await webhookSubscriber("theirs");
    const [pick] = await picksOf(mine);
    const paper = pick!.key;
    const attempts: Array<{ s: string; token: string }> = [
      { s: mine.id, token: await readerToken(theirs.id) },
      { s: mine.id, token: mine.token },
      { s: mine.id, token: `rd_${"A".repeat(43)}` },
      { s: mine.id, token: "" },
      { s: mine.id, token: (await readerToken(mine.id)).slice(0, -1) },
      { s: "no-such-subscription", token: await readerToken("no-such-subscription") },
      { s: "", token: await readerToken(mine.id) },
    ];
    for (const { s, token } of attempts) {
      const get = await call(
        `/feedback?s=${encodeURIComponent(s)}&token=${encodeURIComponent(token)}&paper=${paper}&signal=up`,
      );
      expect(get.status).toBe(404);
      expect(await get.text()).toContain("This link is not valid");
      const post = await postForm({ s, token, paper, signal: "up" });
      expect(post.status).toBe(404);
      const page = await call(`/s/${encodeURIComponent(s || "x")}?token=${encodeURIComponent(token)}`);
      expect(page.status).toBe(404);
      expectReaderHeaders(page);
    }
    // Fields missing altogether.
    expect((await call(`/feedback?paper=${paper}&signal=up`)).status).toBe(404);
    expect((await postForm({ paper, signal: "up" })).status).toBe(404);
    expect((await call(`/s/${mine.id}`)).status).toBe(404);
    expect(await signalsOf(mine)).toEqual([]);
    expect(await signalsOf(theirs)).toEqual([]);
  });

  it("an unknown paper is a 404 page and a bad signal a 400 page, on GET and POST; nothing recorded", async () => {
    const sub = await webhookSubscriber("bad-input");
    const links = await linksOf(sub);
    const [pick] = await picksOf(sub);
    for (const paper of ["arxiv:2510.99999", "2510.99999", "not a paper", "x".repeat(400)]) {
      const get = await call(`${links.feedback}&paper=${encodeURIComponent(paper)}&signal=up`);
      expect(get.status).toBe(404);
      expect(await get.text()).toContain("No such paper");
      expect((await form(sub, paper, "up")).status).toBe(404);
    }
    expect((await call(`${links.feedback}&signal=up`)).status).toBe(404);
    // GET links only carry up, down and save; clear is the page's button.
    for (const signal of ["love", "", "clear", "UP"]) {
      const get = await call(`${links.feedback}&paper=${pick!.key}&signal=${signal}`);
      expect(get.status).toBe(400);
      expect(await get.text()).toContain("That is not a signal");
      if (signal !== "clear") expect((await form(sub, pick!.key, signal)).status).toBe(400);
    }
    expect((await call(`${links.feedback}&paper=${pick!.key}`)).status).toBe(400);
    // A body that is not a form at all, and one far too large.
    const junk = await call("/feedback", {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=nope" },
      body: "garbage",
    });
    expect([400, 404]).toContain(junk.status);
    const large = await form(sub, pick!.key, "up", { pad: "x".repeat(20_000) });
    expect(large.status).toBe(413);
    expect(await signalsOf(sub)).toEqual([]);
  });

  it("an ended subscription: its links answer 410 and record nothing", async () => {
    const sub = await webhookSubscriber("ended");
    const [pick] = await picksOf(sub);
    const del = await asSubscriber(`/api/subscriptions/${sub.id}`, sub.token, { method: "DELETE" });
    expect(del.status).toBe(204);
    const get = await call(feedbackUrl(await linksOf(sub), pick!.key, "up"));
    expect(get.status).toBe(410);
    expect(await get.text()).toContain("This subscription has ended");
    expect((await form(sub, pick!.key, "up")).status).toBe(410);
    expect((await pageOf(sub)).status).toBe(410);
    const rows = await env.DB.prepare(
      "SELECT count(*) AS n FROM subscription_feedback WHERE subscription_id = ?",
    )
      .bind(sub.id)
      .first<{ n: number }>();
    expect(rows!.n).toBe(0);
  });

  it("the subscriber's page: the picks in the API's order, the interests, the themes and the week", async () => {
    const seeds = week41.filter((p) => p.topic === "security").slice(0, 3);
    const sub = await webhookSubscriber("page", {
      papers: seeds.map((p) => p.id),
      authors: ["Lovelace, A."],
      keywords: ["privacy"],
      exclude: ["phishing"],
    });
    const picks = await picksOf(sub);
    const res = await pageOf(sub);
    const html = await res.text();
    expect(res.status, html).toBe(200);
    expectReaderHeaders(res);
    expect(html).toContain('<meta name="robots" content="noindex"/>');
    expect(pickIds(html)).toEqual(picks.map((p) => pickAnchor(p.key)));
    for (const p of picks) expect(pickItem(html, p.key)).toContain(p.title);
    // Each pick: its buttons, none pressed yet.
    expect(html.match(/aria-pressed="true"/g)).toBeNull();
    expect(pickItem(html, picks[0]!.key)).toContain(">👍 More like this</button>");

    expect(html).toContain('<h2 id="interests">Interests</h2>');
    for (const said of [seeds[0]!.id, "Lovelace, A.", "“privacy”", "“phishing”"])
      expect(html).toContain(said);
    expect(html).toContain('<h2 id="themes">');
    expect(html).toContain('<h2 id="week">The whole week for you</h2>');
    // The whole week links each paper's feedback page, with the token.
    const token = await readerToken(sub.id);
    expect(html).toContain(`/feedback?s=${sub.id}&amp;token=${token}&amp;paper=`);
    // The previous published week, token kept; the feed.
    expect(html).toContain(`href="/s/${sub.id}?token=${token}&amp;week=2025-W41"`);
    expect(html).toContain(`href="/feeds/subscriptions/${sub.id}.atom?token=${token}"`);
  });

  it("a button on the page records, comes back to the page, and shows as pressed; pressed again, it clears", async () => {
    const sub = await webhookSubscriber("press");
    const picks = await picksOf(sub);
    const key = picks[2]!.key;
    const res = await form(sub, key, "up", { return: "page", week: WEEK });
    expect(res.status).toBe(303);
    expectReaderHeaders(res);
    const location = res.headers.get("location")!;
    expect(location).toBe(`/s/${sub.id}?token=${await readerToken(sub.id)}&week=${WEEK}#${pickAnchor(key)}`);
    expect((await signalsOf(sub)).map((s) => [s.paper, s.signal])).toEqual([[key, "up"]]);

    const html = await (await call(location)).text();
    const item = pickItem(html, key);
    expect(pressed(item)).toEqual(["👍 More like this"]);
    // The pressed button sends clear: pressing it again takes the signal back.
    expect(item).toMatch(/<button type="submit" name="signal" value="clear" aria-pressed="true">👍/);
    expect(html.match(/aria-pressed="true"/g)).toHaveLength(1);

    expect((await form(sub, key, "clear", { return: "page", week: WEEK })).status).toBe(303);
    expect(await signalsOf(sub)).toEqual([]);
    expect((await (await call(location)).text()).match(/aria-pressed="true"/g)).toBeNull();
  });

  it("a 👎 that pushes a paper out of the picks keeps it on the page, pressed, to take back", async () => {
    const seeds = week41.filter((p) => p.topic === "audio").slice(0, 3);
    const sub = await webhookSubscriber("pushed-out", { papers: seeds.map((p) => p.id) });
    const picks = await picksOf(sub);
    // The whole audio side of the picks, disliked: the ranking moves away from them.
    const disliked = picks.slice(0, 5).map((p) => p.key);
    for (const key of disliked) expect((await form(sub, key, "down")).status).toBe(200);
    const html = await (await pageOf(sub)).text();
    for (const key of disliked) expect(pressed(pickItem(html, key))).toEqual(["👎 Less like this"]);
  });

  it("the week: the latest published by default, 400 for a bad week, 404 for a week without a digest", async () => {
    const sub = await webhookSubscriber("weeks");
    const latest = await (await pageOf(sub, "")).text();
    expect(latest).toMatch(/<h1>Week 2025-W42/);
    const older = await (await pageOf(sub, "week=2025-W41")).text();
    expect(older).toMatch(/<h1>Week 2025-W41/);
    expect(older).toContain(`week=${WEEK}"`);
    for (const bad of ["2025-W99", "last", "2025-13"]) {
      const res = await pageOf(sub, `week=${bad}`);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain("That is not a week");
    }
    const none = await pageOf(sub, "week=2001-W01");
    expect(none.status).toBe(404);
    expect(await none.text()).toContain("No digest for 2001-W01");
  });

  it("stays small for a 1,500-paper week with 50 picks", async () => {
    const big = TOPICS.flatMap((t, i) => topicalPapers(t, 375, 10_000 + i * 1000, 81 + i));
    await importAt(asJsonLines(big), "2025-10-21T10:00:00Z");
    const report = await publishDueWeeks(db(), Date.now());
    expect(report.published.map((p) => p.week)).toEqual(["2025-W43"]);
    const sub = await webhookSubscriber("large", { keywords: ["robot"] });
    const patched = await asSubscriber(`/api/subscriptions/${sub.id}`, sub.token, {
      method: "PATCH",
      body: { size: 50 },
    });
    expect(patched.status).toBe(200);
    const res = await pageOf(sub, "week=2025-W43");
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(pickIds(html)).toHaveLength(50);
    const listed = html.match(/<a class="mark" /g)?.length ?? 0;
    expect(listed).toBeGreaterThan(100);
    expect(listed).toBeLessThanOrEqual(200);
    const bytes = new TextEncoder().encode(html).length;
    console.info(`subscriber page, 1,500-paper week, 50 picks: ${bytes} bytes, ${listed} papers listed`);
    expect(bytes).toBeLessThan(300_000);
  });
});
