/**
 * Every `/paper` subcommand through POST /slack/commands, signed as Slack signs it: correct,
 * well-formed answers (Block Kit within Slack's limits), ephemeral except `share`; the slow ones
 * (`themes`, `digest`) acknowledged at once and completed through the response_url stand-in.
 *
 * Data: seed 000 (10 papers) and its id-less copies (seed 003) first seen last week, published by
 * the cron (themes assigned); seed 002 this week (the live preview).
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { searchPapers } from "../../src/db/queries/search";
import { isoWeekOf, publishDueWeeks } from "../../src/digest";
import { allTermsMatch, anyTermMatch, searchTerms } from "../../src/lookup/search-query";
import { fixtureText } from "../support/api";
import { db } from "../support/db";
import { ingestAt } from "../support/ingest-at";
import {
  expectWellFormed,
  newResponseUrl,
  replyText,
  type SlashReply,
  scriptResponseUrl,
  slash,
  waitForPosts,
} from "../support/slack";

const WEEK_MS = 7 * 86_400_000;
const lastWeek = isoWeekOf(Date.now() - WEEK_MS);
const thisWeek = isoWeekOf(Date.now());
const BASE = "https://digest.example.org";
let lastWeekPapers = 0;

beforeAll(async () => {
  const at = Date.now() - WEEK_MS;
  await ingestAt(await fixtureText("seeds/000_6a4379718c0c1abb.txt"), at);
  await ingestAt(await fixtureText("seeds/003_83750b29675ba264.txt"), at + 3_600_000);
  const report = await publishDueWeeks(db(), Date.now());
  expect(report.published.map((p) => p.week)).toEqual([lastWeek]);
  lastWeekPapers = report.published[0]!.newPapers;
  await ingestAt(await fixtureText("seeds/002_3a1a5da40a18a229.txt"), Date.now());
});

/** Runs a deferred command: the immediate answer, then what reached the response_url. */
async function deferred(text: string): Promise<{ ack: SlashReply; posted: SlashReply }> {
  // The Slack stand-in takes response_url posts within Block Kit's limits (400 otherwise).
  const url = newResponseUrl();
  const ack = await slash(text, { response_url: url });
  const [post] = await waitForPosts(url);
  expect(post!.method).toBe("POST");
  expect(post!.headers["content-type"]).toContain("application/json");
  expect(post!.answeredStatus).toBe(200);
  const posted = JSON.parse(post!.body) as SlashReply;
  expectWellFormed(posted);
  return { ack, posted };
}

describe("/paper <id | URL>", () => {
  it("answers a card for every reference form, only to the caller", async () => {
    for (const ref of [
      "2403.02545",
      "2403.02545v1",
      "arXiv:2403.02545",
      "https://arxiv.org/abs/2403.02545v1",
      "https://arxiv.org/pdf/2403.02545.pdf",
      "<https://arxiv.org/abs/2403.02545|arxiv.org/abs/2403.02545>",
      "10.48550/arXiv.2403.02545",
    ]) {
      const reply = await slash(ref);
      expect(reply.response_type, ref).toBe("ephemeral");
      expect(reply.blocks[0]?.type, ref).toBe("header");
      expect(replyText(reply), ref).toContain("arXiv:2403.02545");
      expect(replyText(reply), ref).toContain("<https://arxiv.org/pdf/2403.02545|PDF>");
    }
  });

  it("shows the theme and digest of a published paper, and its merged duplicates", async () => {
    // 2501.02173 (seed 000) has an id-less copy in seed 003, merged into it as a duplicate.
    const reply = await slash("2501.02173");
    const text = replyText(reply);
    expect(text).toContain(`${BASE}/digests/${lastWeek}#theme-`);
    expect(text).toContain(`in the <${BASE}/digests/${lastWeek}|${lastWeek} digest>`);
    expect(text).toMatch(/record(s)? merged in \((\d+ (near-)?duplicate(, )?)+/);
    expect(text).toContain("<https://arxiv.org/abs/2501.02173|arXiv abstract>");
    expect((reply.blocks[0] as { text: { text: string } }).text.text.length).toBeGreaterThan(10);
  });

  it("says when a paper of this week has no theme yet", async () => {
    const reply = await slash("2406.07056");
    const text = replyText(reply);
    expect(text).toContain(`decided when ${thisWeek} is published`);
    expect(text).toContain("(preview)");
  });

  it("answers an unknown paper ephemerally with what to do", async () => {
    const reply = await slash("2501.99999");
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.text).toContain("No paper is known");
    expect(reply.text).toContain("/paper search");
  });
});

describe("/paper share <id>", () => {
  it("posts the card in the channel", async () => {
    const reply = await slash("share 2403.02545");
    expect(reply.response_type).toBe("in_channel");
    expect(replyText(reply)).toContain("arXiv:2403.02545");
  });

  it("keeps a failed share to the caller", async () => {
    const unknown = await slash("share 2501.99999");
    expect(unknown.response_type).toBe("ephemeral");
    const missing = await slash("share");
    expect(missing.response_type).toBe("ephemeral");
    expect(missing.text).toContain("`share` needs a paper");
  });
});

describe("/paper search <words>", () => {
  it("answers the best five matches in FTS5 order, each with a one-line summary", async () => {
    const reply = await slash("search models");
    expect(reply.response_type).toBe("ephemeral");
    const text = replyText(reply);
    const numbered = text.match(/\\n?\d\. \*/g) ?? [];
    expect(numbered.length).toBe(5);
    expect(text).toContain("*model");
    // The same ranking as the search API.
    const { call } = await import("../support/api");
    const api = (await (await call("/api/search?q=models&limit=5")).json()) as {
      results: Array<{ arxivId: string | null; key: string }>;
    };
    expect(api.results).toHaveLength(5);
    const order = api.results.map((r) => text.indexOf(r.arxivId ? `arXiv:${r.arxivId}` : r.key));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("ranks exactly as joining every match and sorting (the search query only reads the winners' rows)", async () => {
    for (const q of ["models", "language models", "graph OR networks", "recommendation", "zyxwvut"]) {
      const terms = searchTerms(q);
      for (const match of [allTermsMatch(terms), anyTermMatch(terms)]) {
        const top = await searchPapers(db(), match, 5);
        const all = await db().all<{ key: string; score: number; snippet: string }>(sql`
          SELECT p.key, snippet(papers_fts, 1, '«', '»', '…', 24) AS snippet,
            bm25(papers_fts, 5.0, 1.0, 3.0) AS score
          FROM papers_fts JOIN papers p ON p.id = papers_fts.rowid
          WHERE papers_fts MATCH ${match}
          ORDER BY score, p.id
          LIMIT 5`);
        expect(
          top.map((h) => [h.key, h.score, h.snippet]),
          match,
        ).toEqual(all.map((h) => [h.key, Math.round(-h.score * 1000) / 1000, h.snippet]));
      }
    }
  });

  it("ranks the paper that matches every word first, and says when nothing matches", async () => {
    const reply = await slash("search modality-aware mixture of experts");
    expect(replyText(reply).indexOf("arXiv:2407.21770")).toBeGreaterThan(0);
    expect(replyText(reply).match(/arXiv:\d{4}\.\d{5}/)?.[0]).toBe("arXiv:2407.21770");
    const none = await slash("search zyxwvut");
    expect(none.text).toContain("No paper matches");
    const operators = await slash('search "unbalanced AND NEAR(a b) col:umn*');
    expect(operators.response_type).toBe("ephemeral");
  });
});

describe("/paper themes and /paper digest (deferred)", () => {
  it("acknowledges themes at once and posts this week's themes with sizes to the response_url", async () => {
    const { ack, posted } = await deferred("themes");
    expect(ack.response_type).toBe("ephemeral");
    expect(ack.text).toContain("this week's themes");
    expect(posted.response_type).toBe("ephemeral");
    expect(posted.text).toContain(thisWeek);
    expect(replyText(posted)).toMatch(/\d+ papers? this week/);
    expect(replyText(posted)).toContain("subscribe");
  });

  it("acknowledges digest at once and posts the latest digest in brief", async () => {
    const { ack, posted } = await deferred("digest");
    expect(ack.text).toContain("latest digest");
    // This week has new papers, so the latest digest is its preview.
    expect(posted.text).toContain(`Digest ${thisWeek}`);
    expect(replyText(posted)).toContain(`${BASE}/digests/${thisWeek}`);
    expect(replyText(posted)).toMatch(/new papers?\*/);
  });

  it("posts a named week's published digest, or says there is none", async () => {
    const { posted } = await deferred(`digest ${lastWeek}`);
    expect(posted.text).toContain(`Digest ${lastWeek}:`);
    expect(posted.text).toContain(`${lastWeekPapers} new papers`);
    const none = await deferred("digest 2001-W01");
    expect(none.posted.text).toContain("There is no digest for 2001-W01");
  });

  it("retries the response_url once when Slack answers 5xx", async () => {
    const url = newResponseUrl();
    await scriptResponseUrl(url, [
      { status: 503, body: "busy" },
      { status: 200, body: "ok" },
    ]);
    await slash("themes", { response_url: url });
    const posts = await waitForPosts(url, 2);
    expect(posts.map((p) => p.answeredStatus)).toEqual([503, 200]);
    expect(posts[0]!.body).toBe(posts[1]!.body);
  });
});

describe("/paper help and anything else", () => {
  it("lists every subcommand under the command's own name", async () => {
    for (const text of ["", "help"]) {
      const reply = await slash(text, { command: "/arxiv" });
      expect(reply.response_type).toBe("ephemeral");
      for (const sub of ["search", "share", "themes", "digest", "subscribe", "unsubscribe"]) {
        expect(replyText(reply)).toContain(`/arxiv ${sub}`);
      }
    }
  });

  it("answers a helpful usage line for anything unrecognised", async () => {
    const reply = await slash("graph neural networks");
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.text).toContain("neither a subcommand");
    expect(reply.text).toContain("/paper search graph neural networks");
    expect(reply.text).toContain("/paper help");
    const hostile = await slash("<!channel> & <@U123>");
    expect(JSON.stringify(hostile)).not.toContain("<!channel>");
  });
});
