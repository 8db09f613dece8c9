/**
 * The channel's reading room through POST /slack/commands, signed as Slack signs it (issue #15):
 * `like`, `dislike`, `save`, `saved` (and `saved bib`), `follow`, `unfollow`, `following`,
 * `interests`, `why`, each against the channel's subscription made with `/paper subscribe`; and
 * GET /api/subscriptions/{id}/saved.bib, parsed back with the BibTeX library of interests.
 *
 * Data: six retrieval papers, a paper whose title holds every BibTeX special and one with a lone
 * brace, first seen this week (the live preview); one paper first seen three weeks ago.
 */
import { parse as parseRawBibtex } from "bibtex-parse";
import { beforeAll, describe, expect, it } from "vitest";
import { latexToPlain } from "../../src/ingest/text/latex/index";
import { parseBibtex } from "../../src/interests/bibtex";
import { call } from "../support/api";
import { wipeData } from "../support/db";
import { ingestAt } from "../support/ingest-at";
import {
  expectWellFormed,
  newResponseUrl,
  replyText,
  type SlashReply,
  slash,
  subscriptionRows,
  waitForPosts,
} from "../support/slack";
import { asAdmin, asSubscriber, jsonOf, webhookSubscriber } from "../support/subscriber";
import { topicalPapers } from "../support/topical-papers";

const DAY_MS = 86_400_000;
const retrieval = topicalPapers("retrieval", 6, 800, 15);
/** Older papers, enough to overflow `/paper saved`'s 20 lines. */
const audio = topicalPapers("audio", 22, 960, 16);
const TRICKY = {
  id: "2510.00900",
  title: "Braces {x} at 100% & more_stuff: $5 #1 with a \\ backslash ~ and ^",
  authors: ["Ada Lovelace", "Lin, Grace", "Tom and Jerry Smith"],
  summary: "We propose a retriever whose title tests the escaping of every BibTeX special character.",
  categories: ["cs.IR", "cs.LG"],
  doi: "10.1145/3626772.3657_001",
  published: "2025-10-01",
};
const LONE_BRACE = {
  id: "2510.00901",
  title: "A lone { brace in a title",
  authors: ["Grace Hopper"],
  summary: "We propose a dense passage retriever with one unmatched brace in its title, for export tests.",
};
const OLD = {
  id: "2510.00950",
  title: "An old paper about retrieval",
  authors: ["Old Author"],
  summary: "We propose an old retrieval method first seen three weeks ago.",
};

const CHANNEL = "C0READLIST1";
const OTHER_CHANNEL = "C0READLIST2";
const NO_SUB = "C0READNOSUB";
const [ADA, LIN, GRACE] = ["U0ADA00001", "U0LIN00001", "U0GRACE001"];

let subscriptionId = "";

const jsonLine = (p: object) => JSON.stringify(p);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A deferred command: the immediate acknowledgement and what reached the response_url. */
async function deferred(text: string, channel = CHANNEL): Promise<{ ack: SlashReply; posted: SlashReply }> {
  const url = newResponseUrl();
  const ack = await slash(text, { channel_id: channel, response_url: url, user_id: ADA });
  const [post] = await waitForPosts(url);
  expect(post!.answeredStatus).toBe(200);
  const posted = JSON.parse(post!.body) as SlashReply;
  expectWellFormed(posted);
  return { ack, posted };
}

/** The `saved bib` link of a channel, as the reply gives it. */
async function exportLink(channel: string): Promise<string> {
  const reply = await slash("saved bib", { channel_id: channel });
  const found = /<(https:\/\/digest\.example\.org\/api\/subscriptions\/[^|>]+)\|/.exec(reply.text);
  expect(found, reply.text).not.toBeNull();
  return found![1]!.replace("https://digest.example.org", "");
}

/** The body as UTF-8 (workerd warns on .text() of a type it does not know as text). */
async function bodyOf(res: Response): Promise<string> {
  return new TextDecoder().decode(await res.arrayBuffer());
}

/** BibTeX's own reading: every brace counts (backslash or not), and each entry's must balance. */
function bracesBalance(entryText: string): boolean {
  let depth = 0;
  for (const c of entryText) {
    if (c === "{") depth++;
    else if (c === "}" && --depth < 0) return false;
  }
  return depth === 0;
}

beforeAll(async () => {
  await wipeData();
  await ingestAt([OLD, ...audio].map((p) => jsonLine(p)).join("\n"), Date.now() - 21 * DAY_MS);
  await ingestAt(
    [...retrieval.map((p) => jsonLine(p)), jsonLine(TRICKY), jsonLine(LONE_BRACE)].join("\n"),
    Date.now() - 1000,
  );
  await slash("subscribe", { channel_id: CHANNEL });
  await slash('subscribe "robot grasping"', { channel_id: OTHER_CHANNEL });
  subscriptionId = (await subscriptionRows(CHANNEL))[0]!.id;
});

describe("/paper like, dislike, save", () => {
  it("records the signal with the Slack user as `by`, shown by GET …/feedback", async () => {
    const like = await slash(`like ${retrieval[0]!.id}`, { channel_id: CHANNEL, user_id: ADA });
    expect(like.response_type).toBe("ephemeral");
    expect(like.text).toContain("👍");
    expect(like.text).toContain(`<https://arxiv.org/abs/${retrieval[0]!.id}|`);
    // Every reference form of GET /api/papers/{ref}.
    await slash(`dislike https://arxiv.org/abs/${retrieval[1]!.id}v1`, { channel_id: CHANNEL, user_id: LIN });
    await slash(`like arxiv:${retrieval[2]!.id}`, { channel_id: CHANNEL, user_id: LIN });

    const { signals } = await jsonOf<{
      signals: Array<{ paper: string; signal: string; by: string | null }>;
    }>(await asAdmin(`/api/subscriptions/${subscriptionId}/feedback`));
    expect(signals).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ paper: `arxiv:${retrieval[0]!.id}`, signal: "up", by: ADA }),
        expect.objectContaining({ paper: `arxiv:${retrieval[1]!.id}`, signal: "down", by: LIN }),
        expect.objectContaining({ paper: `arxiv:${retrieval[2]!.id}`, signal: "up", by: LIN }),
      ]),
    );
    expect(signals).toHaveLength(3);
  });

  it("posts a save in the channel for the team", async () => {
    const save = await slash(`save ${TRICKY.id}`, { channel_id: CHANNEL, user_id: GRACE });
    expect(save.response_type).toBe("in_channel");
    expect(save.text).toContain(`🔖 <@${GRACE}> saved <https://arxiv.org/abs/${TRICKY.id}|`);
  });

  it("answers an unknown paper, a non-reference and a missing one with help, storing nothing", async () => {
    const before = await jsonOf<{ signals: unknown[] }>(
      await asAdmin(`/api/subscriptions/${subscriptionId}/feedback`),
    );
    const unknown = await slash("like 2510.99999", { channel_id: CHANNEL, user_id: ADA });
    expect(unknown.response_type).toBe("ephemeral");
    expect(unknown.text).toContain("No paper is known for *2510.99999*");
    expect(unknown.text).toContain("/paper search");
    const notRef = await slash("save graph networks", { channel_id: CHANNEL, user_id: ADA });
    expect(notRef.text).toContain('"graph networks" is not an arXiv id or URL');
    for (const word of ["like", "dislike", "save"]) {
      const empty = await slash(word, { channel_id: CHANNEL, user_id: ADA });
      expect(empty.response_type).toBe("ephemeral");
      expect(empty.text).toContain(`\`${word}\` needs a paper`);
    }
    const after = await jsonOf<{ signals: unknown[] }>(
      await asAdmin(`/api/subscriptions/${subscriptionId}/feedback`),
    );
    expect(after.signals).toHaveLength(before.signals.length);
  });

  it("tells a channel without a subscription how to subscribe", async () => {
    for (const text of [
      `like ${retrieval[0]!.id}`,
      `save ${retrieval[0]!.id}`,
      "saved",
      "saved bib",
      "following",
      "interests",
      "follow Ada Lovelace",
      "unfollow Ada Lovelace",
    ]) {
      const reply = await slash(text, { channel_id: NO_SUB, user_id: ADA });
      expect(reply.response_type, text).toBe("ephemeral");
      expect(reply.text, text).toContain(`<#${NO_SUB}> has no subscription`);
      expect(reply.text, text).toContain("`/paper subscribe`");
    }
    expect(await subscriptionRows(NO_SUB)).toEqual([]);
  });
});

describe("/paper saved", () => {
  it("lists the reading list newest first, each with who saved it", async () => {
    // TRICKY was saved by Grace above; then two more, the first of them by two members.
    await pause(5);
    await slash(`save ${retrieval[3]!.id}`, { channel_id: CHANNEL, user_id: ADA });
    await pause(5);
    await slash(`save ${retrieval[3]!.id}`, { channel_id: CHANNEL, user_id: LIN });
    await pause(5);
    await slash(`save ${LONE_BRACE.id}`, { channel_id: CHANNEL, user_id: ADA });

    const reply = await slash("saved", { channel_id: CHANNEL, user_id: LIN });
    expect(reply.response_type).toBe("ephemeral");
    const text = replyText(reply);
    expect(text).toContain("3 papers, newest first");
    const order = [LONE_BRACE.id, retrieval[3]!.id, TRICKY.id].map((id) =>
      text.indexOf(`arxiv.org/abs/${id}|`),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // Who saved each, newest saver first.
    expect(text).toMatch(new RegExp(`abs/${retrieval[3]!.id}\\|[^\\n]*saved by <@${LIN}>, <@${ADA}>`));
    expect(text).toMatch(new RegExp(`abs/${TRICKY.id}\\|[^\\n]*saved by <@${GRACE}>`));
    expect(text).toContain("saved.bib?token=rd_");
  });

  it("shows 20 and says how many more, with the export link", async () => {
    const channel = "C0READLIST3";
    await slash("subscribe", { channel_id: channel });
    for (const p of audio) {
      await slash(`save ${p.id}`, { channel_id: channel, user_id: ADA });
      await pause(2); // distinct save times: the order under test is theirs
    }
    const reply = await slash("saved", { channel_id: channel });
    const text = replyText(reply);
    expect(text).toContain("22 papers, newest first");
    expect(text.match(/arxiv\.org\/abs\//g)).toHaveLength(20);
    // The newest save is listed, the oldest is not.
    expect(text).toContain(`abs/${audio[21]!.id}|`);
    expect(text).not.toContain(`abs/${audio[0]!.id}|`);
    expect(text).toMatch(
      /…and 2 more: <https:\/\/digest\.example\.org\/api\/subscriptions\/[^|]+\/saved\.bib\?token=rd_[^|]+\|the whole list as BibTeX>/,
    );
  });

  it("says when the list is empty, and refuses words after `saved`", async () => {
    const empty = await slash("saved", { channel_id: OTHER_CHANNEL });
    expect(empty.text).toContain("reading list is empty");
    const wrong = await slash("saved everything", { channel_id: CHANNEL });
    expect(wrong.text).toContain("`saved` takes nothing after it");
  });
});

describe("GET /api/subscriptions/{id}/saved.bib", () => {
  it("is valid BibTeX of every saved paper, parsed back by the interests' reader", async () => {
    const res = await call(await exportLink(CHANNEL));
    const body = await bodyOf(res);
    expect(res.status, body).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-bibtex; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="saved-${subscriptionId}.bib"`);

    const parsed = parseBibtex(body);
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries.map((e) => e.arxivId).sort()).toEqual(
      [TRICKY.id, retrieval[3]!.id, LONE_BRACE.id].sort(),
    );
    expect(new Set(parsed.entries.map((e) => e.citeKey)).size).toBe(3);
    expect(parsed.entries.find((e) => e.arxivId === TRICKY.id)!.doi).toBe(TRICKY.doi);
    // Each entry balances its braces as BibTeX counts them (escaped ones included).
    const entries = body.split(/\n(?=@)/);
    expect(entries).toHaveLength(3);
    for (const entry of entries) expect(bracesBalance(entry), entry).toBe(true);
  });

  it("escapes a title with { } % & _ $ # \\ ~ ^ so that it reads back as stored", async () => {
    const stored = await jsonOf<{ title: string; authors: string[] }>(await call(`/api/papers/${TRICKY.id}`));
    expect(stored.title).toMatch(/[{}%&_$#\\]/);
    const body = await bodyOf(await call(await exportLink(CHANNEL)));
    const items = parseRawBibtex(body);
    const tricky = items.find(
      (i): i is Extract<typeof i, { itemtype: "entry" }> =>
        i.itemtype === "entry" && i.fields.some((f) => f.name === "eprint" && f.value === TRICKY.id),
    )!;
    expect(tricky.type).toBe("misc");
    const field = (name: string) => tricky.fields.find((f) => f.name === name)?.value;
    expect(latexToPlain(String(field("title")))).toBe(stored.title);
    expect(field("author")).toBe("Ada Lovelace and Lin, Grace and {Tom and Jerry Smith}");
    expect(field("archivePrefix")).toBe("arXiv");
    expect(field("primaryClass")).toBe("cs.IR");
    expect(field("year")).toBe("2025");
    expect(field("url")).toBe(`https://arxiv.org/abs/${TRICKY.id}`);
    // The interests' reader (braces removed from titles) sees the same words.
    const entry = parseBibtex(body).entries.find((e) => e.arxivId === TRICKY.id)!;
    expect(entry.title).toBe(stored.title.replace(/[{}]/g, "").replace(/\s+/g, " ").trim());
  });

  it("opens with the management or admin bearer too, and to no one else", async () => {
    const path = `/api/subscriptions/${subscriptionId}/saved.bib`;
    expect((await asAdmin(path)).status).toBe(200);
    expect((await call(path)).status).toBe(401);
    expect((await asSubscriber(path, "not-a-token")).status).toBe(401);
    const stranger = await webhookSubscriber("reading-list-stranger");
    expect((await asSubscriber(path, stranger.token)).status).toBe(404);
    const wrong = await call(`${path}?token=rd_${"x".repeat(43)}`);
    expect(wrong.status).toBe(404);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe("subscription_not_found");
    // Another subscription's reader token opens its own export, not this one.
    const otherLink = await exportLink(OTHER_CHANNEL);
    const otherToken = new URL(`https://x${otherLink}`).searchParams.get("token")!;
    expect((await call(`${path}?token=${encodeURIComponent(otherToken)}`)).status).toBe(404);
    const own = await call(otherLink);
    expect(own.status).toBe(200);
    expect(await bodyOf(own)).toBe("");
    expect(
      (await call(`/api/subscriptions/no-such-id/saved.bib?token=${encodeURIComponent(otherToken)}`)).status,
    ).toBe(404);
  });
});

describe("/paper follow, unfollow, following", () => {
  it("round-trips a followed author with folded names, keeping the other interests", async () => {
    const put = await asAdmin(`/api/subscriptions/${subscriptionId}/interests`, {
      method: "PUT",
      body: { papers: [retrieval[4]!.id], keywords: ["dense retrieval"], exclude: ["malware"] },
    });
    expect(put.status, await put.clone().text()).toBe(200);

    const followed = await slash("follow Ada Lovelace", { channel_id: CHANNEL, user_id: LIN });
    expect(followed.response_type).toBe("in_channel");
    expect(followed.text).toContain(`<@${LIN}> followed *Ada Lovelace* for <#${CHANNEL}>`);
    const again = await slash("follow Lovelace, A.", { channel_id: CHANNEL, user_id: ADA });
    expect(again.response_type).toBe("ephemeral");
    expect(again.text).toContain("already follows *Ada Lovelace*");
    await slash("follow Grace Hopper", { channel_id: CHANNEL, user_id: ADA });

    const listed = await slash("following", { channel_id: CHANNEL });
    expect(listed.text).toContain("follows 2 authors: *Ada Lovelace*, *Grace Hopper*");

    const view = async () =>
      (
        await jsonOf<{
          interests: { authors: string[]; keywords: string[]; exclude: string[]; papers: unknown[] };
        }>(await asAdmin(`/api/subscriptions/${subscriptionId}/interests`))
      ).interests;
    expect(await view()).toMatchObject({
      authors: ["Ada Lovelace", "Grace Hopper"],
      keywords: ["dense retrieval"],
      exclude: ["malware"],
      papers: [expect.objectContaining({ given: retrieval[4]!.id })],
    });

    const unfollowed = await slash("unfollow Lovelace, A.", { channel_id: CHANNEL, user_id: ADA });
    expect(unfollowed.response_type).toBe("in_channel");
    expect(unfollowed.text).toContain("unfollowed *Ada Lovelace*");
    expect(await view()).toMatchObject({
      authors: ["Grace Hopper"],
      keywords: ["dense retrieval"],
      exclude: ["malware"],
      papers: [expect.objectContaining({ given: retrieval[4]!.id })],
    });
    const twice = await slash("unfollow ADA LOVELACE", { channel_id: CHANNEL });
    expect(twice.text).toContain("does not follow");
  });

  it("refuses a missing or impossible name", async () => {
    for (const word of ["follow", "unfollow"]) {
      const empty = await slash(word, { channel_id: CHANNEL });
      expect(empty.text).toContain(`\`${word}\` needs an author's name`);
    }
    const junk = await slash("follow --- ...", { channel_id: CHANNEL });
    expect(junk.response_type).toBe("ephemeral");
    expect(junk.text).toContain("is not a person's name");
    const none = await slash("following", { channel_id: OTHER_CHANNEL });
    expect(none.text).toContain("follows no authors");
    expect((await slash("following everyone", { channel_id: CHANNEL })).text).toContain(
      "takes nothing after it",
    );
  });
});

describe("/paper interests", () => {
  it("says what the ranking is built from and how to change it", async () => {
    const reply = await slash("interests", { channel_id: CHANNEL });
    expect(reply.response_type).toBe("ephemeral");
    const text = replyText(reply);
    expect(text).toContain("Seed papers: 1 (1 in the bot so far)");
    expect(text).toContain("Followed authors (1): Grace Hopper");
    expect(text).toContain("Keywords: dense retrieval");
    expect(text).toContain("Excluded words: malware");
    expect(text).toContain("👍 2 on 2 papers, 👎 1 on 1, 🔖 4 on 3");
    expect(text).toContain(`PUT https://digest.example.org/api/subscriptions/${subscriptionId}/interests`);
    expect(text).toContain("/paper follow");
    expect(text).toContain(`/s/${subscriptionId}?token=rd_`);

    const bare = replyText(await slash("interests", { channel_id: OTHER_CHANNEL }));
    expect(bare).toContain("papers with every word of *robot grasping*");
    expect(bare).toContain("most representative papers");
  });
});

describe("/paper why", () => {
  it("answers through the response_url with the paper's place, score and why", async () => {
    const { ack, posted } = await deferred(`why ${retrieval[5]!.id}`);
    expect(ack.text).toContain("Ranking this week's papers");
    const text = replyText(posted);
    expect(text).toMatch(
      new RegExp(`abs/${retrieval[5]!.id}\\|[^>]*> is \\*#\\d+ of 8\\* in <#${CHANNEL}>'s ranking`),
    );
    expect(text).toMatch(/Score \d\.\d{3}: /);
    expect(text).toContain("Ranked by the channel's interests");
  });

  it("matches what GET …/digest ranks for the subscription", async () => {
    const digest = await jsonOf<{ picks: Array<{ key: string; why: string }> }>(
      await asAdmin(`/api/subscriptions/${subscriptionId}/digest?limit=50`),
    );
    const index = digest.picks.findIndex((p) => p.key === `arxiv:${TRICKY.id}`);
    expect(index).toBeGreaterThanOrEqual(0);
    const { posted } = await deferred(`why ${TRICKY.id}`);
    expect(replyText(posted)).toContain(`is *#${index + 1} of ${digest.picks.length}*`);
  });

  it("says so for a paper not in this week, one outside the channel's filter, and an unknown one", async () => {
    const old = replyText((await deferred(`why ${OLD.id}`)).posted);
    expect(old).toContain("is not a new paper of this week");
    const outside = replyText((await deferred(`why ${retrieval[0]!.id}`, OTHER_CHANNEL)).posted);
    expect(outside).toContain("outside what");
    expect(outside).toContain("robot grasping");
    const unknown = (await deferred("why 2510.99999")).posted;
    expect(unknown.text).toContain("No paper is known");
    const none = (await deferred(`why ${retrieval[0]!.id}`, NO_SUB)).posted;
    expect(none.text).toContain("has no subscription");
    const empty = await slash("why", { channel_id: CHANNEL });
    expect(empty.text).toContain("`why` needs a paper");
  });
});

describe("/paper help", () => {
  it("lists the reading room's commands", async () => {
    const text = replyText(await slash("help"));
    for (const sub of [
      "like",
      "dislike",
      "save",
      "saved",
      "saved bib",
      "follow",
      "unfollow",
      "following",
      "interests",
      "why",
    ]) {
      expect(text).toContain(`/paper ${sub}`);
    }
  });
});
