/**
 * The redrawn digest message (src/slack-interactions/marked-message.ts): button states and members'
 * lines from the stored signals, and Slack's limits kept by dropping lines (the stand-in's own copy
 * of the rules checks every result, not the bot's).
 */
import { describe, expect, it } from "vitest";
import { type MarkedSignal, markedMessage, marksLine } from "../../../src/slack-interactions/marked-message";
import type { MessageBlock } from "../../../src/slack-interactions/payload";
import { slackProblems } from "../../standins/slack-rules";

const SUB = "sub-1";
const value = (p: string, s = SUB) => JSON.stringify({ s, p });
const btn = (signal: string, p: string, suffix = "", s = SUB) => ({
  type: "button",
  text: { type: "plain_text", text: signal, emoji: true },
  action_id: `feedback_${signal}${suffix}`,
  value: value(p, s),
});
const card = (n: number, p: string): MessageBlock[] => [
  {
    type: "section",
    block_id: `pick-${n}`,
    text: { type: "mrkdwn", text: `*${n}.* paper ${p}`, verbatim: false },
  },
  { type: "actions", block_id: `pick-${n}-feedback`, elements: ["up", "down", "save"].map((s) => btn(s, p)) },
];
const signals = (entries: Record<string, MarkedSignal[]>) => new Map(Object.entries(entries));
type Json = Record<string, unknown>;
const elements = (b: MessageBlock) => b.elements as Json[];

describe("markedMessage", () => {
  it("styles the buttons from the channel's signals and adds the line under the pick", () => {
    const blocks = [...card(1, "arxiv:1"), ...card(2, "arxiv:2")];
    const out = markedMessage({
      text: "digest",
      blocks,
      subscriptionId: SUB,
      signals: signals({
        "arxiv:1": [
          { by: "U1", signal: "up" },
          { by: "U2", signal: "down" },
          { by: "", signal: "save" },
        ],
      }),
      clicked: { blockId: "pick-1-feedback", paperKey: "arxiv:1" },
    })!;
    expect(out.lines).toBe("all");
    expect(out.blocks.map((b) => b.block_id)).toEqual([
      "pick-1",
      "pick-1-feedback",
      "feedback-marks-1",
      "pick-2",
      "pick-2-feedback",
    ]);
    expect(elements(out.blocks[1]!).map((e) => e.style)).toEqual(["primary", "danger", "primary"]);
    expect(elements(out.blocks[4]!).map((e) => e.style)).toEqual([undefined, undefined, undefined]);
    expect(elements(out.blocks[2]!)[0]).toEqual({
      type: "mrkdwn",
      text: "👍 <@U1> · 👎 <@U2> · 🔖 a reader on the web",
    });
    // The input is not changed (Slack's copy is redrawn, not edited in place).
    expect(elements(blocks[1]!)[0]!.style).toBeUndefined();
    expect(slackProblems(out)).toEqual([]);
  });

  it("numbers the lines of the compact list, where one block holds two picks' buttons", () => {
    const blocks: MessageBlock[] = [
      { type: "section", block_id: "picks-11-12", text: { type: "mrkdwn", text: "rows" } },
      {
        type: "actions",
        block_id: "picks-11-12-feedback",
        elements: [
          ...["up", "down", "save"].map((s) => btn(s, "arxiv:11", "_11")),
          ...["up", "down", "save"].map((s) => btn(s, "arxiv:12", "_12")),
        ],
      },
    ];
    const out = markedMessage({
      text: "digest",
      blocks,
      subscriptionId: SUB,
      signals: signals({
        "arxiv:11": [{ by: "U1", signal: "up" }],
        "arxiv:12": [{ by: "U3", signal: "save" }],
      }),
      clicked: { blockId: "picks-11-12-feedback", paperKey: "arxiv:12" },
    })!;
    expect(out.blocks.slice(2).map((b) => [b.block_id, elements(b)[0]!.text])).toEqual([
      ["feedback-marks-11", "*11.* 👍 <@U1>"],
      ["feedback-marks-12", "*12.* 🔖 <@U3>"],
    ]);
    expect(elements(out.blocks[1]!).map((e) => e.style ?? "-")).toEqual([
      "primary",
      "-",
      "-",
      "-",
      "-",
      "primary",
    ]);
  });

  it("replaces its own earlier lines, drops them when nobody is left, leaves other buttons alone", () => {
    const foreign = { type: "actions", block_id: "other", elements: [btn("up", "arxiv:1", "", "sub-2")] };
    const blocks: MessageBlock[] = [
      ...card(1, "arxiv:1"),
      { type: "context", block_id: "feedback-marks-1", elements: [{ type: "mrkdwn", text: "👍 <@U1>" }] },
      foreign,
    ];
    const out = markedMessage({
      text: "digest",
      blocks,
      subscriptionId: SUB,
      signals: signals({}),
      clicked: { blockId: "pick-1-feedback", paperKey: "arxiv:1" },
    })!;
    expect(out.blocks.map((b) => b.block_id)).toEqual(["pick-1", "pick-1-feedback", "other"]);
    expect(out.blocks[2]).toEqual(foreign);
  });

  it("drops the other picks' lines, then the clicked one's, when the lines would break a limit", () => {
    const filler = (i: number): MessageBlock => ({ type: "divider", block_id: `d${i}` });
    const picks = [...card(1, "arxiv:1"), ...card(2, "arxiv:2")];
    const both = signals({
      "arxiv:1": [{ by: "U1", signal: "up" }],
      "arxiv:2": [{ by: "U2", signal: "up" }],
    });
    const input = (blocks: MessageBlock[]) => ({
      text: "digest",
      blocks,
      subscriptionId: SUB,
      signals: both,
      clicked: { blockId: "pick-2-feedback", paperKey: "arxiv:2" },
    });
    // 49 blocks: room for one line, the clicked pick's.
    const one = markedMessage(input([...picks, ...Array.from({ length: 45 }, (_, i) => filler(i))]))!;
    expect(one.lines).toBe("clicked");
    expect(one.blocks).toHaveLength(50);
    expect(
      one.blocks.filter((b) => String(b.block_id).startsWith("feedback-marks-")).map((b) => b.block_id),
    ).toEqual(["feedback-marks-2"]);
    expect(slackProblems(one)).toEqual([]);
    // 50 blocks: no room; the buttons alone show the state.
    const none = markedMessage(input([...picks, ...Array.from({ length: 46 }, (_, i) => filler(i))]))!;
    expect(none.lines).toBe("none");
    expect(none.blocks).toHaveLength(50);
    expect(elements(none.blocks[3]!)[0]!.style).toBe("primary");
    expect(slackProblems(none)).toEqual([]);
    // A message Slack would refuse anyway (51 blocks) is not sent back.
    expect(markedMessage(input([...picks, ...Array.from({ length: 47 }, (_, i) => filler(i))]))).toBeNull();
  });
});

describe("marksLine", () => {
  it("names members by mention only when the id is one Slack could send, and at most 15 a signal", () => {
    expect(marksLine([{ by: "<!channel>", signal: "up" }])).toBe("👍 a reader on the web");
    const many = Array.from({ length: 20 }, (_, i) => ({ by: `U${i + 10}`, signal: "up" as const }));
    const line = marksLine(many)!;
    expect(line.match(/<@U/g)).toHaveLength(15);
    expect(line).toMatch(/ and 5 more$/);
    expect(marksLine([])).toBeNull();
  });
});
