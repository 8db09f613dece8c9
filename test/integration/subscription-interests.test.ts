/**
 * Interests and feedback through the API (contract "Interests, feedback and each subscriber's
 * digest"): refs in every form, BibTeX matched by eprint, DOI and title, unknown refs reported
 * and counted once they arrive, signals recorded and listed, and all of it private to the
 * subscription's token and the admin.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, ingest } from "../support/api";
import { wipeData } from "../support/db";
import {
  asAdmin,
  asSubscriber,
  importAt,
  jsonOf,
  type Subscriber,
  webhookSubscriber,
} from "../support/subscriber";
import { asJsonLines, topicalPapers } from "../support/topical-papers";

interface InterestsView {
  papers: Array<{ ref: string; given: string; source: string; paper: string | null }>;
  authors: string[];
  keywords: string[];
  exclude: string[];
}
interface InterestsAnswer {
  interests: InterestsView;
  unmatched: string[];
  bibtexErrors: string[];
}

const papers = topicalPapers("retrieval", 4, 700, 11);
const withDoi = {
  id: "2510.00710",
  title: "Dense Passage Retrieval with Learned Sparse Terms",
  authors: ["José Müller"],
  summary: "We propose a retriever that learns sparse terms for dense passage retrieval over large corpora.",
  doi: "10.1145/3626772.3657000",
};

const BIBTEX = `
@misc{seed2024eprint,
  title = {Whatever the title says},
  author = {Someone, A.},
  year = {2025},
  eprint = {2510.00700v2},
  archivePrefix = {arXiv},
  primaryClass = {cs.IR}
}
@inproceedings{seed-doi,
  title = {A journal version},
  author = {M{\\"u}ller, Jos{\\'e}},
  booktitle = {SIGIR},
  doi = {10.1145/3626772.3657000}
}
@article{seed-title,
  title = {{${papers[2]!.title}}},
  author = {Nobody, N.},
  journal = {Somewhere}
}
@article{seed-unknown,
  title = {A paper this bot has never seen at all},
  author = {Nobody, N.},
  eprint = {2510.09999},
  archivePrefix = {arXiv}
}`;

describe("interests", () => {
  let sub: Subscriber;
  let other: Subscriber;

  beforeAll(async () => {
    await wipeData();
    await importAt(`${asJsonLines(papers)}\n${JSON.stringify(withDoi)}`, "2025-10-07T10:00:00Z");
    sub = await webhookSubscriber("interests", {
      papers: [
        "2510.00701",
        "https://arxiv.org/abs/2510.00703v1",
        "arxiv:2510.00703",
        "2510.08888",
        "not a ref",
      ],
      authors: ["Lovelace, A.", "Ada Lovelace", "Lin Chen"],
      keywords: ["retrieval augmented", "Retrieval  augmented"],
      exclude: ["survey"],
    });
    other = await webhookSubscriber("other");
  });

  it("are saved on create, with every ref form matched and the unknown ones reported, not fatal", () => {
    const answer = sub.created as unknown as InterestsAnswer;
    const seeds = Object.fromEntries(answer.interests.papers.map((p) => [p.given, p.paper]));
    expect(seeds).toEqual({
      "2510.00701": "arxiv:2510.00701",
      "https://arxiv.org/abs/2510.00703v1": "arxiv:2510.00703",
      "2510.08888": null,
    });
    expect(answer.unmatched).toEqual(["not a ref", "2510.08888"]);
    // De-duplicated: one spelling of each author (by name key) and keyword.
    expect(answer.interests.authors).toEqual(["Lovelace, A.", "Lin Chen"]);
    expect(answer.interests.keywords).toEqual(["retrieval augmented"]);
    expect(answer.interests.exclude).toEqual(["survey"]);
  });

  it("match a BibTeX export by arXiv eprint, then DOI, then title, and list the rest as unmatched", async () => {
    const answer = await jsonOf<InterestsAnswer>(
      await asSubscriber(`/api/subscriptions/${sub.id}/interests`, sub.token, {
        method: "PUT",
        body: { bibtex: BIBTEX, authors: ["José Müller"] },
      }),
    );
    const seeds = Object.fromEntries(answer.interests.papers.map((p) => [p.given, p.paper]));
    expect(seeds).toEqual({
      "bibtex:seed2024eprint": "arxiv:2510.00700",
      "bibtex:seed-doi": "arxiv:2510.00710",
      "bibtex:seed-title": "arxiv:2510.00702",
      "bibtex:seed-unknown": null,
    });
    expect(answer.unmatched).toEqual(["bibtex:seed-unknown"]);
    // PUT replaces: the earlier papers, authors and words are gone.
    expect(answer.interests.authors).toEqual(["José Müller"]);
    expect(answer.interests.keywords).toEqual([]);
  });

  it("count a seed the bot did not have once its paper arrives", async () => {
    await ingest(
      JSON.stringify({
        id: "2510.09999",
        title: "Now it is here",
        summary: "We present a late paper about retrieval.",
      }),
    );
    const view = await jsonOf<{ interests: InterestsView }>(
      await asSubscriber(`/api/subscriptions/${sub.id}/interests`, sub.token),
    );
    expect(view.interests.papers.find((p) => p.given === "bibtex:seed-unknown")?.paper).toBe(
      "arxiv:2510.09999",
    );
  });

  it("refuse a body that is not valid with 400 invalid_interests and keep what was stored", async () => {
    const before = await env.DB.prepare("SELECT count(*) AS n FROM subscription_seeds").first<{
      n: number;
    }>();
    for (const body of [
      { papers: "2510.00701" },
      { colour: "blue" },
      { authors: [""] },
      { keywords: ["x".repeat(201)] },
    ]) {
      const res = await asSubscriber(`/api/subscriptions/${sub.id}/interests`, sub.token, {
        method: "PUT",
        body,
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: { code: "invalid_interests", message: expect.any(String) } });
    }
    const after = await env.DB.prepare("SELECT count(*) AS n FROM subscription_seeds").first<{ n: number }>();
    expect(after).toEqual(before);
  });

  it("are private to the subscription's token and the admin", async () => {
    const paths = [
      ["GET", `/api/subscriptions/${sub.id}/interests`],
      ["PUT", `/api/subscriptions/${sub.id}/interests`],
      ["GET", `/api/subscriptions/${sub.id}/feedback`],
      ["POST", `/api/subscriptions/${sub.id}/feedback`],
      ["GET", `/api/subscriptions/${sub.id}/digest?week=2025-W41`],
    ] as const;
    for (const [method, path] of paths) {
      const body =
        method === "GET" ? undefined : method === "PUT" ? {} : { paper: "2510.00701", signal: "up" };
      expect((await asSubscriber(path, null, { method, body })).status, `${method} ${path}`).toBe(401);
      expect((await asSubscriber(path, "sub_not-a-real-token", { method, body })).status).toBe(401);
      // Another subscription's token cannot tell this one exists.
      const res = await asSubscriber(path, other.token, { method, body });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(await res.json()).toEqual({
        error: { code: "subscription_not_found", message: expect.any(String) },
      });
    }
    expect((await asAdmin(`/api/subscriptions/${sub.id}/interests`)).status).toBe(200);
    // Nothing of it leaks into the subscription listings.
    const listed = JSON.stringify(await jsonOf(await asAdmin("/api/subscriptions")));
    expect(listed).not.toContain("José");
  });
});

describe("feedback", () => {
  let sub: Subscriber;

  beforeAll(async () => {
    sub = await webhookSubscriber("feedback");
  });

  const give = (paper: string, signal: string) =>
    asSubscriber(`/api/subscriptions/${sub.id}/feedback`, sub.token, {
      method: "POST",
      body: { paper, signal },
    });
  const list = async () =>
    (
      await jsonOf<{ signals: Array<{ paper: string; signal: string; by: string | null; at: string }> }>(
        await asSubscriber(`/api/subscriptions/${sub.id}/feedback`, sub.token),
      )
    ).signals;

  it("records a signal with who gave it (null from the API), and repeating it changes nothing", async () => {
    expect(await jsonOf(await give("https://arxiv.org/abs/2510.00701v1", "up"))).toEqual({
      paper: "arxiv:2510.00701",
      signal: "up",
      by: null,
    });
    const first = await list();
    expect(first).toEqual([{ paper: "arxiv:2510.00701", signal: "up", by: null, at: expect.any(String) }]);
    await new Promise((r) => setTimeout(r, 5));
    expect(await jsonOf(await give("2510.00701", "up"))).toMatchObject({ signal: "up" });
    expect(await list()).toEqual(first);
  });

  it("changes a signal, keeps signals per paper, and clears one", async () => {
    expect(await jsonOf(await give("2510.00701", "down"))).toMatchObject({ signal: "down" });
    expect(await jsonOf(await give("2510.00702", "save"))).toMatchObject({ signal: "save" });
    expect((await list()).map((s) => [s.paper, s.signal]).sort()).toEqual([
      ["arxiv:2510.00701", "down"],
      ["arxiv:2510.00702", "save"],
    ]);
    expect(await jsonOf(await give("arxiv:2510.00701", "clear"))).toEqual({
      paper: "arxiv:2510.00701",
      signal: null,
      by: null,
    });
    expect((await list()).map((s) => s.paper)).toEqual(["arxiv:2510.00702"]);
  });

  it("answers 400 for a bad body or ref and 404 for a paper the bot does not have, storing nothing", async () => {
    const before = await list();
    const cases: Array<[unknown, number, string]> = [
      [{ paper: "2510.00701", signal: "love" }, 400, "invalid_feedback"],
      [{ paper: "2510.00701" }, 400, "invalid_feedback"],
      [{ paper: "2510.00701", signal: "up", extra: 1 }, 400, "invalid_feedback"],
      [{ paper: "the best one", signal: "up" }, 400, "invalid_paper_ref"],
      [{ paper: "2510.07777", signal: "up" }, 404, "paper_not_found"],
    ];
    for (const [body, status, code] of cases) {
      const res = await asSubscriber(`/api/subscriptions/${sub.id}/feedback`, sub.token, {
        method: "POST",
        body,
      });
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(await res.json()).toEqual({ error: { code, message: expect.any(String) } });
    }
    expect(await list()).toEqual(before);
  });
});

describe("the /subscribe page", () => {
  it("takes interests too: pasted ids, a .bib file, authors and words, in a multipart form", async () => {
    const form = new FormData();
    form.set("email", "reader@example.org");
    form.set("papers", "2510.00701\nhttps://arxiv.org/abs/2510.00703v1 2510.08888");
    form.set("bibtex_file", new File([BIBTEX], "library.bib", { type: "text/x-bibtex" }));
    form.set("authors", "Lovelace, A.\nLin Chen");
    form.set("keywords", "retrieval augmented, reranking");
    form.set("exclude", "survey");
    const res = await call("/subscribe", {
      method: "POST",
      body: form,
      headers: { "cf-connecting-ip": "2001:db8:77::1" },
    });
    const html = await res.text();
    expect(res.status, html).toBe(200);
    expect(html).toContain("Check your inbox");
    // 2510.08888 is waiting for its paper (the BibTeX's 2510.09999 arrived in an earlier test).
    expect(html).toMatch(
      /One of your papers is\s+not in\s+the bot yet \(<span class="meta">2510\.08888<\/span>\)/,
    );
    const row = await env.DB.prepare(
      "SELECT id FROM subscriptions WHERE target = 'reader@example.org'",
    ).first<{ id: string }>();
    const view = await jsonOf<{ interests: InterestsView }>(
      await asAdmin(`/api/subscriptions/${row!.id}/interests`),
    );
    expect(view.interests.papers.map((p) => p.given).sort()).toEqual(
      [
        "2510.00701",
        "https://arxiv.org/abs/2510.00703v1",
        "2510.08888",
        "bibtex:seed2024eprint",
        "bibtex:seed-doi",
        "bibtex:seed-title",
        "bibtex:seed-unknown",
      ].sort(),
    );
    expect(view.interests.authors).toEqual(["Lovelace, A.", "Lin Chen"]);
    expect(view.interests.keywords).toEqual(["retrieval augmented", "reranking"]);
    expect(view.interests.exclude).toEqual(["survey"]);
  });

  it("shows a problem with the interests on the form, subscribing no one", async () => {
    const form = new FormData();
    form.set("email", "reader2@example.org");
    form.set("authors", "et al.");
    const res = await call("/subscribe", {
      method: "POST",
      body: form,
      headers: { "cf-connecting-ip": "2001:db8:77::2" },
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Your interests");
    const row = await env.DB.prepare(
      "SELECT id FROM subscriptions WHERE target = 'reader2@example.org'",
    ).first();
    expect(row).toBeNull();
  });
});
