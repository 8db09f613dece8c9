/**
 * GET /api/subscriptions/{id}/digest: the week ranked for one subscription, reacting to what it
 * said. Two imported weeks of papers on four topics (test/support/topical-papers.ts); week 41 is
 * history, week 42 is ranked.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { publishDueWeeks } from "../../src/digest";
import { postSubscription } from "../support/api";
import { db, wipeData } from "../support/db";
import { asSubscriber, importAt, jsonOf, type Subscriber, webhookSubscriber } from "../support/subscriber";
import { asJsonLines, type Topic, type TopicalPaper, topicalPapers } from "../support/topical-papers";

interface Pick {
  key: string;
  title: string;
  tldr: string;
  score: number;
  why: string;
  theme: { id: string; label: string };
}
interface SubscriberDigest {
  week: string;
  ranking: "profile" | "default";
  picks: Pick[];
  themes: Array<{ id: string; label: string; papers: number; top: Array<{ key: string }>; url: string }>;
  more: { papers: number; url: string };
}

const TOPICS: Topic[] = ["retrieval", "robotics", "security", "audio"];
const week41 = TOPICS.flatMap((t, i) => topicalPapers(t, 12, 1000 + i * 100, 21 + i));
const week42 = TOPICS.flatMap((t, i) => topicalPapers(t, 15, 2000 + i * 100, 41 + i));
const ada: TopicalPaper = {
  id: "2510.02999",
  title: "A study of dexterous torque control",
  authors: ["Ada Lovelace", "Charles Babbage"],
  summary: "We propose a controller for dexterous hands with torque sensing on legged robots.",
  topic: "robotics",
};
const topicOf = new Map([...week41, ...week42, ada].map((p) => [`arxiv:${p.id}`, p.topic]));

async function digestOf(sub: Subscriber, limit = 10): Promise<SubscriberDigest> {
  return jsonOf(
    await asSubscriber(`/api/subscriptions/${sub.id}/digest?week=2025-W42&limit=${limit}`, sub.token),
  );
}

const topicsOf = (d: SubscriberDigest) => d.picks.map((p) => topicOf.get(p.key));
const countOf = (d: SubscriberDigest, topic: Topic) => topicsOf(d).filter((t) => t === topic).length;

describe("a subscriber's digest", () => {
  beforeAll(async () => {
    await wipeData();
    await importAt(asJsonLines(week41), "2025-10-07T10:00:00Z");
    await importAt(asJsonLines([...week42, ada]), "2025-10-14T10:00:00Z");
    const report = await publishDueWeeks(db(), Date.now());
    expect(report.published.map((p) => p.week)).toEqual(["2025-W41", "2025-W42"]);
  });

  it("without interests: the week's most representative papers, spread across its themes", async () => {
    const sub = await webhookSubscriber("default");
    const d = await digestOf(sub);
    expect(d.ranking).toBe("default");
    expect(d.picks).toHaveLength(10);
    expect(new Set(d.picks.map((p) => p.theme.id)).size).toBeGreaterThanOrEqual(3);
    for (const p of d.picks) {
      expect(p.why).toMatch(/most representative|outside the named themes/);
      expect(p.tldr.length).toBeGreaterThan(10);
    }
    expect(d.more).toEqual({ papers: 61 - 10, url: "https://digest.example.org/digests/2025-W42" });
    expect(d.themes.reduce((n, t) => n + t.papers, 0)).toBe(61);
  });

  it("with seed papers: similar papers first, each saying which seed it is close to", async () => {
    const seeds = week41.filter((p) => p.topic === "security").slice(0, 3);
    const sub = await webhookSubscriber("seeds", { papers: seeds.map((p) => p.id) });
    const d = await digestOf(sub);
    expect(d.ranking).toBe("profile");
    expect(countOf(d, "security")).toBeGreaterThanOrEqual(9);
    expect(d.picks[0]!.why).toMatch(/close to/);
    expect(seeds.map((s) => s.title).some((t) => d.picks[0]!.why.includes(t.slice(0, 20)))).toBe(true);
    // Scores are best first.
    const scores = d.picks.map((p) => p.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it("learns from up and down: liked papers pull theirs up, disliked push theirs down", async () => {
    const seeds = week41.filter((p) => p.topic === "retrieval").slice(0, 2);
    const sub = await webhookSubscriber("learns", { papers: seeds.map((p) => p.id) });
    const before = await digestOf(sub);
    expect(countOf(before, "retrieval")).toBeGreaterThanOrEqual(8);
    const give = (id: string, signal: string) =>
      asSubscriber(`/api/subscriptions/${sub.id}/feedback`, sub.token, {
        method: "POST",
        body: { paper: id, signal },
      });
    for (const p of week41.filter((q) => q.topic === "retrieval")) await give(p.id, "down");
    for (const p of week41.filter((q) => q.topic === "audio").slice(0, 4)) await give(p.id, "up");
    const after = await digestOf(sub);
    expect(countOf(after, "audio")).toBeGreaterThanOrEqual(7);
    expect(countOf(after, "retrieval")).toBeLessThan(countOf(before, "retrieval"));
  });

  it("puts a followed author's papers first, however the name is written", async () => {
    const sub = await webhookSubscriber("author", {
      papers: week41
        .filter((p) => p.topic === "audio")
        .slice(0, 3)
        .map((p) => p.id),
      authors: ["Lovelace, A."],
    });
    const d = await digestOf(sub);
    expect(d.picks[0]!.key).toBe("arxiv:2510.02999");
    expect(d.picks[0]!.why).toContain("Ada Lovelace");
  });

  it("removes every paper with an excluded word, in the default ranking too", async () => {
    const hasMalware = (key: string) =>
      [...week42, ada].find((p) => `arxiv:${p.id}` === key)!.summary.includes("malware");
    expect([...week42].filter((p) => p.summary.includes("malware")).length).toBeGreaterThan(3);
    for (const interests of [{ exclude: ["Malware"] }, { exclude: ["malware"], keywords: ["privacy"] }]) {
      const sub = await webhookSubscriber(`exclude-${interests.keywords ? "kw" : "plain"}`, interests);
      const d = await digestOf(sub, 1000);
      expect(d.picks.length).toBeGreaterThan(40);
      expect(d.picks.filter((p) => hasMalware(p.key))).toEqual([]);
    }
  });

  it("gives every paper a TL;DR: in the digest, the picks and GET /api/papers, never the background opener", async () => {
    const opener = "Large language models have shown remarkable abilities across many tasks.";
    const text = `${opener} We propose a reranker that reads each passage once and scores queries in one pass.`;
    await importAt(
      JSON.stringify({ id: "2510.02998", title: "One-pass reranking", summary: text }),
      "2025-10-21T10:00:00Z",
    );
    const paper = (await jsonOf(await asSubscriber("/api/papers/2510.02998", null))) as { tldr: string };
    expect(paper.tldr).toBe(
      "We propose a reranker that reads each passage once and scores queries in one pass.",
    );
    const published = (await jsonOf(await asSubscriber("/api/digests/2025-W42", null))) as {
      themes: Array<{ papers: Array<{ tldr: string }> }>;
    };
    for (const t of published.themes) for (const p of t.papers) expect(p.tldr.length).toBeGreaterThan(10);
  });

  it("answers 400 for a bad week or limit and 404 for a week with no digest", async () => {
    const sub = await webhookSubscriber("errors");
    const get = (query: string) => asSubscriber(`/api/subscriptions/${sub.id}/digest?${query}`, sub.token);
    for (const [query, status, code] of [
      ["week=2025-W99", 400, "invalid_week"],
      ["week=2025-W42&limit=0", 400, "invalid_limit"],
      ["week=2025-W42&limit=ten", 400, "invalid_limit"],
      ["week=2025-W30", 404, "digest_not_found"],
    ] as const) {
      const res = await get(query);
      expect(res.status, query).toBe(status);
      expect(await res.json()).toEqual({ error: { code, message: expect.any(String) } });
    }
  });

  it("has the subscription's size (3–50, default 10): set when subscribing or with PATCH, refused outside", async () => {
    const sub = await webhookSubscriber("sized");
    expect(sub.created.size).toBe(10);
    const get = async () =>
      jsonOf<SubscriberDigest>(
        await asSubscriber(`/api/subscriptions/${sub.id}/digest?week=2025-W42`, sub.token),
      );
    expect((await get()).picks).toHaveLength(10);
    const patched = await jsonOf<{ size: number }>(
      await asSubscriber(`/api/subscriptions/${sub.id}`, sub.token, { method: "PATCH", body: { size: 25 } }),
    );
    expect(patched.size).toBe(25);
    const d = await get();
    expect(d.picks).toHaveLength(25);
    expect(d.more.papers).toBe(61 - 25);
    // An explicit limit still wins.
    expect((await digestOf(sub, 4)).picks).toHaveLength(4);
    for (const body of [
      { size: 2 },
      { size: 51 },
      { size: 7.5 },
      { size: "10" },
      {},
      { size: 10, extra: 1 },
    ]) {
      const res = await asSubscriber(`/api/subscriptions/${sub.id}`, sub.token, { method: "PATCH", body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_subscription");
    }
    expect((await get()).picks).toHaveLength(25);
    // Another subscription's token cannot change it.
    const other = await webhookSubscriber("sized-other");
    const res = await asSubscriber(`/api/subscriptions/${sub.id}`, other.token, {
      method: "PATCH",
      body: { size: 3 },
    });
    expect(res.status).toBe(404);
    // Given when subscribing; a bad one refuses the whole subscription.
    const small = await webhookSubscriber("sized-small", undefined, 3);
    expect(small.created.size).toBe(3);
    const bad = await postSubscription({
      channel: "webhook",
      target: "https://sized-bad.receiver.example.com/h",
      size: 60,
    });
    expect(bad.status).toBe(400);
  });

  it("opens with the team's picks: what its readers liked and saved during that week, with who", async () => {
    const sub = await webhookSubscriber("team");
    const [liked, saved, disliked] = week41.filter((p) => p.topic === "audio");
    const mark = (paper: string, signal: string) =>
      asSubscriber(`/api/subscriptions/${sub.id}/feedback`, sub.token, {
        method: "POST",
        body: { paper, signal },
      });
    for (const [paper, signal] of [
      [liked!.id, "up"],
      [saved!.id, "save"],
      [disliked!.id, "down"],
    ] as const) {
      expect((await mark(paper, signal)).status).toBe(200);
    }
    // The signals were given now: they are this week's team picks (the current week's digest) …
    const current = await jsonOf<
      SubscriberDigest & { teamPicks: Array<{ key: string; title: string; up: unknown[]; save: unknown[] }> }
    >(await asSubscriber(`/api/subscriptions/${sub.id}/digest`, sub.token));
    expect(current.teamPicks.map((t) => t.key).sort()).toEqual(
      [`arxiv:${liked!.id}`, `arxiv:${saved!.id}`].sort(),
    );
    const up = current.teamPicks.find((t) => t.key === `arxiv:${liked!.id}`)!;
    expect(up).toMatchObject({ title: liked!.title, up: [null], save: [] });
    expect(current.teamPicks.find((t) => t.key === `arxiv:${saved!.id}`)).toMatchObject({
      up: [],
      save: [null],
    });
    // … and not 2025-W42's, whose week they were not given in.
    const past = await jsonOf<{ teamPicks: unknown[] }>(
      await asSubscriber(`/api/subscriptions/${sub.id}/digest?week=2025-W42`, sub.token),
    );
    expect(past.teamPicks).toEqual([]);
  });
  it("ranks by seeds stored before their vectors were tagged, or before vectors were stored", async () => {
    const [untagged, unstored] = [0, 3].map((at) =>
      week41.filter((p) => p.topic === "audio").slice(at, at + 3),
    );
    const keys = (papers: TopicalPaper[]) => JSON.stringify(papers.map((p) => `arxiv:${p.id}`));
    await env.DB.batch([
      env.DB.prepare(
        "UPDATE papers SET rank_vector_tag = NULL WHERE key IN (SELECT value FROM json_each(?1))",
      ).bind(keys(untagged!)),
      env.DB.prepare(
        "UPDATE papers SET rank_vector = NULL, rank_vector_tag = NULL WHERE key IN (SELECT value FROM json_each(?1))",
      ).bind(keys(unstored!)),
    ]);
    for (const seeds of [untagged!, unstored!]) {
      const sub = await webhookSubscriber(`old-rows-${seeds[0]!.id}`, { papers: seeds.map((p) => p.id) });
      expect(countOf(await digestOf(sub), "audio")).toBeGreaterThanOrEqual(8);
    }
  });

  // Last: it rewrites a week-41 paper. The first ranking decodes the seed's vector and the isolate
  // keeps it; a new version of the paper must be used from the next request on.
  it("ranks by a seed's new text once its paper has a new version, not by the copy it decoded", async () => {
    const seed = week41.find((p) => p.topic === "robotics")!;
    const sub = await webhookSubscriber("revised-seed", { papers: [seed.id] });
    expect(countOf(await digestOf(sub), "robotics")).toBeGreaterThanOrEqual(8);
    const [audio] = topicalPapers("audio", 1, 9000, 77);
    await importAt(
      asJsonLines([{ ...audio!, id: `${seed.id}v2`, title: audio!.title.replace(/ \d+$/, "") }]),
      "2025-10-16T10:00:00Z",
    );
    const after = await digestOf(sub);
    expect(countOf(after, "audio")).toBeGreaterThanOrEqual(8);
    expect(after.picks[0]!.why).toContain(audio!.title.replace(/ \d+$/, "").slice(0, 20));
  });
});
