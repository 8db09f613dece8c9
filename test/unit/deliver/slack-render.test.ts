/**
 * The Slack digest (deliver/slack/digest-blocks.ts): at most two messages from the subscriber's
 * model, the picks with their feedback buttons first, within Slack's limits for any week (checked
 * by the bot's checker and by the stand-in's own copy of Slack's rules), escaping, and what is
 * shown to a filtered subscription.
 */
import type { KnownBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import {
  blockTextLength,
  checkBlockKitLimits,
  MESSAGE_TEXT_BUDGET,
  SLACK_LIMITS,
  type SlackMessage,
} from "../../../src/block-kit/limits";
import { escapedClip, linkUrl, mrkdwnLink } from "../../../src/block-kit/mrkdwn";
import { renderSlackDigest } from "../../../src/deliver/slack/digest-blocks";
import { readFeedbackAction, readFeedbackValue } from "../../../src/deliver/slack/feedback-buttons";
import { pickBlocks, SHORT_ROW_MAX } from "../../../src/deliver/slack/pick-blocks";
import { filterDigest } from "../../../src/digest/filter-digest";
import { readerLinks } from "../../../src/digest/reader-links";
import { briefOf, type SubscriberDigest } from "../../../src/digest/subscriber-digest";
import { representativeOrder } from "../../../src/digest/subscriber-ranking";
import type { Digest } from "../../../src/digest/types";
import { slackProblems } from "../../standins/slack-rules";
import { sampleDigest, samplePaper, sampleTheme } from "../../support/sample-digest";
import { blocksText, expectSlackDigest, linkedArxivIds } from "../../support/slack-digest";
import { largeDigest } from "../pages/large-digest";

const SUBSCRIPTION = "0b7e6c2a-3f7d-4d59-9f39-2a1f5d0c8e11";
const BASE = "https://digest.example.org";

function linksFor(week: string, subscriptionId = SUBSCRIPTION) {
  return readerLinks({
    publicBaseUrl: BASE,
    subscriptionId,
    readerToken: `rd_${"x".repeat(43)}`,
    week,
    unsubscribe: `${BASE}/unsubscribe?token=unsub_${"y".repeat(40)}`,
  });
}

/** The subscriber's model as a delivery builds it, ranked without a profile (no database needed). */
function briefFor(
  week: Digest,
  options: { size?: number; themes?: string[]; query?: string; ranking?: "profile" | "default" } = {},
): SubscriberDigest {
  const filtered = filterDigest(week, { themes: options.themes ?? [], query: options.query ?? null });
  return briefOf(
    {
      subscriptionId: SUBSCRIPTION,
      week,
      filtered,
      ranked: representativeOrder(filtered),
      ranking: options.ranking ?? "default",
      teamSignals: [],
      exclude: [],
    },
    options.size ?? 10,
    BASE,
  );
}

function render(brief: SubscriberDigest, threaded = true): SlackMessage[] {
  return renderSlackDigest(brief, linksFor(brief.week), { threaded });
}

function expectWithinLimits(parts: SlackMessage[]) {
  expect(parts.length).toBeGreaterThanOrEqual(1);
  expect(parts.length).toBeLessThanOrEqual(2);
  for (const [i, part] of parts.entries()) {
    expect(checkBlockKitLimits(part), `part ${i + 1}`).toEqual([]);
    expect(slackProblems(part), `part ${i + 1}`).toEqual([]);
    expect(part.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
    expect(blockTextLength(part.blocks)).toBeLessThanOrEqual(MESSAGE_TEXT_BUDGET);
    expect(part.text.length).toBeGreaterThan(10);
  }
}

/** Themes named in message 2's brief plus the "N more themes" it links to (0 without a brief). */
function themesAccountedFor(message: SlackMessage): number {
  const text = blocksText({
    text: "",
    blocks: message.blocks.filter((b) => (b as { block_id?: string }).block_id?.startsWith("themes-")),
  });
  const named = text.match(/^\*<[^|]+\|[^>]+>\* · \d+ papers?$/gm)?.length ?? 0;
  const more = Number(/\|(\d+) more themes? on the web>/.exec(text)?.[1] ?? 0);
  return text.includes("|All of them on the web>") ? -1 : named + more;
}

const blockIds = (message: SlackMessage) =>
  message.blocks.map((b) => (b as { block_id?: string }).block_id ?? "");
const headers = (message: SlackMessage) =>
  message.blocks
    .filter((b): b is Extract<KnownBlock, { type: "header" }> => b.type === "header")
    .map((b) => b.text.text);

describe("the Slack digest of a small week", () => {
  const brief = briefFor(sampleDigest());
  const parts = render(brief);

  it("message 1: the week, its figures, every pick with its text and buttons, the reader's links", () => {
    expectWithinLimits(parts);
    expect(parts).toHaveLength(2);
    const [first] = parts as [SlackMessage, SlackMessage];
    expect(first.text).toBe("arXiv digest, week 2026-W07: 4 picks of 4 new papers");
    expect(headers(first)).toEqual(["arXiv digest · week 2026-W07"]);
    const text = blocksText(first);
    expect(text).toContain("*9–15 February 2026*\n*4 new papers* in 2 themes · 1 updated · 1 seen before");
    expect(text).toContain("The week’s 4 most representative papers.");
    // A pick: number, linked title, authors, TL;DR; then why, theme (linked) and PDF; then buttons.
    expect(text).toContain(
      "*1.* *<https://arxiv.org/abs/2602.01234|Sparse mixtures of experts for long-context retrieval>*\n" +
        "Ada Lovelace, Alan Turing\n" +
        "We route tokens to a few experts and keep retrieval quality at a tenth of the cost.",
    );
    expect(text).toContain(
      '_Why:_ among the most representative of "Mixture of experts" (2 papers this week) · ' +
        "<https://digest.example.org/digests/2026-W07#theme-t1|Mixture of experts> · " +
        "<https://arxiv.org/pdf/2602.01234|PDF>",
    );
    // The id-less paper: bold, unlinked.
    expect(text).toMatch(/\*\d\.\* \*An id-less paper whose title comes from its abstract\*/);
    expect(blockIds(first).slice(0, 5)).toEqual([
      "week",
      "figures",
      "pick-1",
      "pick-1-why",
      "pick-1-feedback",
    ]);
    const footer = first.blocks.at(-1)!;
    expect(footer).toMatchObject({ type: "context", block_id: "links" });
    const links = linksFor("2026-W07");
    expect(blocksText({ text: "", blocks: [footer] })).toBe(
      `<${links.page.replace("&", "&amp;")}|All 4 papers and your picks on the web> · ` +
        `<${links.feed}|Your feed> · <${links.unsubscribe}|Unsubscribe>\n` +
        "The week’s themes, updates and more in the thread 🧵",
    );
  });

  it("message 2: what was updated and seen before, the full week; no themes when every paper is a pick", () => {
    const second = parts[1]!;
    expect(second.text).toBe("arXiv digest, week 2026-W07: the week’s themes and more");
    const text = blocksText(second);
    expect(text).toContain(
      "*Updated this week* · 1\n• <https://arxiv.org/abs/2511.00042|Routing revisited> · v3",
    );
    expect(text).toContain(
      "*Seen before* · 1\n• <https://arxiv.org/abs/2512.00001|An old favourite> · near-duplicate, 93% similar" +
        " · first seen in <https://digest.example.org/digests/2026-W01|2026-W01>",
    );
    expect(headers(second)).toEqual([]);
    expect(text).toContain(
      "<https://digest.example.org/digests/2026-W07|The full week on the web> (4 new papers)",
    );
  });

  it("every pick has 👍, 👎 and Save, whose value names the subscription and the paper", () => {
    const keys = expectSlackDigest(parts, SUBSCRIPTION, 4);
    expect(keys).toEqual(brief.picks.map((p) => p.key));
    const actions = parts[0]!.blocks.filter((b) => b.type === "actions") as Array<{
      elements: Array<{ action_id: string; value: string; text: { text: string } }>;
    }>;
    expect(actions).toHaveLength(4);
    for (const [i, block] of actions.entries()) {
      expect(block.elements.map((e) => e.action_id)).toEqual([
        "feedback_up",
        "feedback_down",
        "feedback_save",
      ]);
      expect(block.elements.map((e) => e.text.text)).toEqual([
        "👍 More like this",
        "👎 Less like this",
        "Save",
      ]);
      for (const element of block.elements) {
        expect(readFeedbackValue(element.value)).toEqual({
          subscriptionId: SUBSCRIPTION,
          paperKey: brief.picks[i]!.key,
        });
      }
    }
  });

  it("with an incoming webhook message 2 follows below; a profile's picks say so", () => {
    const [first] = render(briefFor(sampleDigest(), { ranking: "profile" }), false);
    const text = blocksText(first!);
    expect(text).toContain("Your 4 picks, ranked for your interests:");
    expect(text).toContain("The week’s themes, updates and more below ⬇️");
  });

  it("one message when there is nothing more to say", () => {
    const digest = sampleDigest({ seenBefore: [] });
    for (const theme of digest.themes) theme.updated = [];
    const parts = render(briefFor(digest));
    expect(parts).toHaveLength(1);
    expectWithinLimits(parts);
    expect(blocksText(parts[0]!)).not.toContain("in the thread");
  });
});

describe("escaping", () => {
  it("no title, author, TL;DR, reason or label can link, mention or break out", () => {
    const hostile = "<!channel> Fish & chips <https://evil.example|click here> a > b";
    const digest = sampleDigest({
      themes: [
        sampleTheme({
          label: "Label with <b> & <!here>",
          papers: [
            samplePaper({
              title: hostile,
              tldr: "TL;DR with <@U123> and &amp; literally.",
              authors: ["<script>"],
            }),
            samplePaper({ arxivId: "2602.00002", title: "Second" }),
          ],
        }),
      ],
      seenBefore: [],
    });
    const brief = briefFor(digest, { size: 3 });
    brief.picks[0]!.why = "close to <!everyone>";
    const parts = render(brief);
    expectWithinLimits(parts);
    const text = parts.map(blocksText).join("\n");
    for (const bad of [
      "<!channel>",
      "<!here>",
      "<!everyone>",
      "<@U123>",
      "<https://evil.example",
      "<script>",
    ]) {
      expect(text).not.toContain(bad);
    }
    expect(text).toContain(
      "<https://arxiv.org/abs/2602.01234|&lt;!channel&gt; Fish &amp; chips &lt;https://evil.example|click here&gt; a &gt; b>",
    );
    expect(text).toContain("TL;DR with &lt;@U123&gt; and &amp;amp; literally.");
    expect(text).toContain("|Label with &lt;b&gt; &amp; &lt;!here&gt;>");
  });
});

describe("a week of 1,500 papers", () => {
  const normal = largeDigest({ papers: 1_500, themes: 20, other: 100, updated: 60, seenBefore: 40 });
  const full = largeDigest({
    papers: 1_500,
    themes: 20,
    other: 100,
    updated: 60,
    seenBefore: 40,
    full: true,
  });

  for (const [name, week] of [
    ["typical text", normal],
    ["every field at its longest", full],
  ] as const) {
    for (const size of [3, 10, 25, 50]) {
      it(`${name}, ${size} picks: at most two messages within the limits, every pick with its buttons`, () => {
        const brief = briefFor(week, { size });
        for (const threaded of [true, false]) {
          const parts = render(brief, threaded);
          expect(parts).toHaveLength(2);
          expectWithinLimits(parts);
          const keys = expectSlackDigest(parts, SUBSCRIPTION, size);
          expect(keys).toEqual(brief.picks.map((p) => p.key));
          // Numbered in order across both messages.
          const numbers = parts
            .map(blocksText)
            .join("\n")
            .matchAll(/^\*(\d+)\.\* /gm);
          expect([...numbers].map((m) => Number(m[1]))).toEqual(brief.picks.map((_, i) => i + 1));
          // The themes in brief, when there is room for them, account for every theme of the week.
          if (headers(parts[1]!).includes("The week’s themes (21)")) {
            expect([21, -1]).toContain(themesAccountedFor(parts[1]!));
          }
        }
      });
    }
  }

  it("ten picks of typical text: full cards in message 1, the themes, updates and seen before in message 2", () => {
    const parts = render(briefFor(normal, { size: 10 }));
    expect(parts[0]!.blocks.filter((b) => b.type === "context")).toHaveLength(11);
    expect(parts[0]!.blocks.filter((b) => b.type === "actions")).toHaveLength(10);
    const second = blocksText(parts[1]!);
    expect(headers(parts[1]!)).toEqual(["The week’s themes (21)"]);
    expect(themesAccountedFor(parts[1]!)).toBe(21);
    expect(second).toMatch(/\|\d+ more in this theme>/);
    expect(second).toMatch(/\|\d+ more themes on the web>/);
    expect(second).toContain("*Updated this week* · 60");
    expect(second).toContain("|55 more on the web>");
    expect(second).toContain("*Seen before* · 40");
    expect(second).toContain(
      "<https://digest.example.org/digests/2026-W07?list=seen-before|35 more on the web>",
    );
  });

  it("fifty picks of typical text: the themes one line each when their top papers do not fit", () => {
    const parts = render(briefFor(normal, { size: 50 }));
    expect(headers(parts[1]!)).toEqual(["Your picks, continued (17–50)", "The week’s themes (21)"]);
    expect(themesAccountedFor(parts[1]!)).toBe(21);
    expect(blocksText(parts[1]!)).not.toContain("more in this theme");
  });

  it("fifty picks: cards while message 1 has room, the rest as numbered rows in message 2", () => {
    const parts = render(briefFor(full, { size: 50 }));
    const ids = parts.map(blockIds);
    expect(ids[0]).toContain("pick-1-feedback");
    expect(headers(parts[1]!)[0]).toMatch(/^Your picks, continued \(\d+–50\)$/);
    expect(ids[1]!.some((id) => /^picks-\d+-\d+-feedback$/.test(id))).toBe(true);
    expect(blocksText(parts[0]!)).toMatch(/Picks \d+–50, the week’s themes and more in the thread/);
    const rowButtons = parts[1]!.blocks
      .filter((b) => b.type === "actions")
      .flatMap((b) => (b as { elements: Array<{ action_id: string }> }).elements.map((e) => e.action_id));
    for (const id of rowButtons) expect(readFeedbackAction(id)?.pick).toBeGreaterThan(1);
  });

  it("a subscription filtered to one theme sees only that theme's papers", () => {
    const theme = normal.themes[4]!;
    const brief = briefFor(normal, { themes: [theme.id], size: 10 });
    expect(brief.figures.newPapers).toBe(theme.papers.length);
    const parts = render(brief);
    expectWithinLimits(parts);
    const own = new Set([...theme.papers, ...theme.updated].map((p) => p.arxivId));
    const shown = linkedArxivIds(parts);
    expect(shown.length).toBeGreaterThanOrEqual(10);
    for (const id of shown) expect(own.has(id), id).toBe(true);
    const keys = expectSlackDigest(parts, SUBSCRIPTION, 10);
    for (const key of keys) expect(theme.papers.some((p) => p.key === key)).toBe(true);
    expect(blocksText(parts[0]!)).toContain(
      `*${theme.papers.length} new papers* pass your filters (of 1500 this week) in 1 theme`,
    );
  });
});

describe("the bounds the packing relies on", () => {
  it("a short row costs at most SHORT_ROW_MAX characters a pick, whatever its text", () => {
    const huge = "Wörds & <symbols> ".repeat(500);
    const brief = briefFor(sampleDigest(), { size: 3 });
    const worst = {
      ...brief.picks[0]!,
      title: huge,
      authors: Array.from({ length: 500 }, () => huge),
      tldr: huge,
      why: huge,
      theme: { id: "x", label: huge },
      links: { abs: `https://arxiv.org/abs/${"&".repeat(400)}`, pdf: "https://arxiv.org/pdf/x" },
    };
    const ctx = { subscriptionId: SUBSCRIPTION, themeUrl: () => `${BASE}/${"t".repeat(2_000)}` };
    const blocks = pickBlocks(
      [
        { pick: worst, n: 49 },
        { pick: { ...worst, links: { abs: "https://arxiv.org/abs/2602.00001", pdf: "" } }, n: 50 },
      ],
      "short-row",
      ctx,
    );
    expect(blockTextLength(blocks)).toBeLessThanOrEqual(2 * SHORT_ROW_MAX);
    expect(blocks.map((b) => b.type)).toEqual(["section", "actions"]);
  });

  it("reads back only the action ids and values of the contract", () => {
    expect(readFeedbackAction("feedback_up")).toEqual({ signal: "up", pick: null });
    expect(readFeedbackAction("feedback_save_23")).toEqual({ signal: "save", pick: 23 });
    for (const bad of ["feedback_clear", "feedback_up_", "xfeedback_up", "feedback_up_1234", 3, null]) {
      expect(readFeedbackAction(bad)).toBeNull();
    }
    expect(readFeedbackValue('{"s":"sub","p":"arxiv:2602.00001"}')).toEqual({
      subscriptionId: "sub",
      paperKey: "arxiv:2602.00001",
    });
    for (const bad of ["", "{", '{"s":"sub"}', '{"s":"","p":"x"}', '{"s":1,"p":"x"}', "[]", 5]) {
      expect(readFeedbackValue(bad)).toBeNull();
    }
  });
});

describe("Slack mrkdwn helpers", () => {
  it("escapes &, < and > and clips after escaping, never inside an entity", () => {
    expect(escapedClip("a & b < c > d", 100)).toBe("a &amp; b &lt; c &gt; d");
    const clipped = escapedClip("&&&&&&&&&&", 12);
    expect(clipped.length).toBeLessThanOrEqual(12);
    expect(clipped).toMatch(/^(&amp;)+…$/);
    expect(escapedClip("one two three four five six", 15)).toBe("one two three…");
    expect(escapedClip("line\nbreaks\tand  spaces", 100)).toBe("line breaks and spaces");
  });

  it("links only http(s) URLs, with & as an entity and | encoded, and not past maxUrl", () => {
    expect(linkUrl("https://x.example/a?b=1&c=2")).toBe("https://x.example/a?b=1&amp;c=2");
    expect(linkUrl("https://x.example/a|b")).toBe("https://x.example/a%7Cb");
    expect(linkUrl("javascript:alert(1)")).toBeNull();
    expect(linkUrl("not a url")).toBeNull();
    expect(mrkdwnLink("ftp://x.example/", "text & more")).toBe("text &amp; more");
    expect(mrkdwnLink("https://x.example/", "text & more")).toBe("<https://x.example/|text &amp; more>");
    expect(mrkdwnLink("https://x.example/long", "text", 100, 22)).toBe("<https://x.example/long|text>");
    expect(mrkdwnLink("https://x.example/longer", "text", 100, 22)).toBe("text");
  });
});
