/**
 * Actions blocks and buttons (the digest's feedback buttons), in the bot's checker
 * (block-kit/limits.ts) and in the stand-in's own copy of Slack's rules: both take what Slack
 * takes and name the same broken limits.
 */
import { describe, expect, it } from "vitest";
import { blockTextLength, checkBlockKitLimits } from "../../../src/block-kit/limits";
import { slackProblems } from "../../standins/slack-rules";

const button = (overrides: Record<string, unknown> = {}) => ({
  type: "button",
  text: { type: "plain_text", text: "👍 More like this" },
  action_id: "feedback_up",
  value: '{"s":"sub","p":"arxiv:2602.00001"}',
  ...overrides,
});
const actions = (elements: unknown[], blockId = "a") => ({ type: "actions", block_id: blockId, elements });
const message = (...blocks: unknown[]) => ({ text: "fallback", blocks });

const bot = (m: unknown) => checkBlockKitLimits(m).map((p) => p.path);
const standIn = (m: unknown) => slackProblems(m).map((p) => p.pointer);

describe("actions blocks and buttons", () => {
  it("take buttons at every limit", () => {
    const atLimits = message(
      actions(
        Array.from({ length: 25 }, (_, i) =>
          button({
            text: { type: "plain_text", text: "b".repeat(75) },
            action_id: `${"a".repeat(250)}${String(i).padStart(5, "0")}`,
            value: "v".repeat(2_000),
            url: `https://x.example/${"u".repeat(2_982)}`,
            accessibility_label: "l".repeat(75),
            style: "primary",
          }),
        ),
      ),
    );
    expect(bot(atLimits)).toEqual([]);
    expect(standIn(atLimits)).toEqual([]);
  });

  it("name each broken limit", () => {
    const cases: Array<[unknown, string, string]> = [
      [actions([]), "blocks[0].elements", "/blocks/0/elements"],
      [
        actions(Array.from({ length: 26 }, (_, i) => button({ action_id: `b${i}` }))),
        "blocks[0].elements",
        "/blocks/0/elements",
      ],
      [
        actions([button({ text: { type: "plain_text", text: "b".repeat(76) } })]),
        "blocks[0].elements[0].text.text",
        "/blocks/0/elements/0/text/text",
      ],
      [
        actions([button({ text: { type: "mrkdwn", text: "*b*" } })]),
        "blocks[0].elements[0].text.type",
        "/blocks/0/elements/0/text/type",
      ],
      [
        actions([button({ action_id: "a".repeat(256) })]),
        "blocks[0].elements[0].action_id",
        "/blocks/0/elements/0/action_id",
      ],
      [actions([button(), button()]), "blocks[0].elements[1].action_id", "/blocks/0/elements/1/action_id"],
      [
        actions([button({ value: "v".repeat(2_001) })]),
        "blocks[0].elements[0].value",
        "/blocks/0/elements/0/value",
      ],
      [
        actions([button({ url: `https://x.example/${"u".repeat(2_983)}` })]),
        "blocks[0].elements[0].url",
        "/blocks/0/elements/0/url",
      ],
      [
        actions([button({ accessibility_label: "l".repeat(76) })]),
        "blocks[0].elements[0].accessibility_label",
        "/blocks/0/elements/0/accessibility_label",
      ],
      [actions([button({ style: "loud" })]), "blocks[0].elements[0].style", "/blocks/0/elements/0/style"],
    ];
    for (const [block, path, pointer] of cases) {
      expect(bot(message(block)), path).toEqual([path]);
      expect(standIn(message(block)), pointer).toEqual([pointer]);
    }
  });

  it("allow the same action_id in two blocks, not the same block_id", () => {
    expect(bot(message(actions([button()], "a"), actions([button()], "b")))).toEqual([]);
    expect(standIn(message(actions([button()], "a"), actions([button()], "b")))).toEqual([]);
    expect(bot(message(actions([button()], "a"), actions([button()], "a")))).toEqual(["blocks[1].block_id"]);
    expect(standIn(message(actions([button()], "a"), actions([button()], "a")))).toEqual([
      "/blocks/1/block_id",
    ]);
  });

  it("count button labels in the block text, as both checkers do", () => {
    const blocks = [actions([button({ text: { type: "plain_text", text: "x".repeat(70) } })])];
    expect(blockTextLength(blocks as never)).toBe(70);
    const many = Array.from({ length: 7 }, (_, i) =>
      actions(
        Array.from({ length: 25 }, (_, j) =>
          button({ action_id: `b${j}`, text: { type: "plain_text", text: "x".repeat(70) } }),
        ),
        `a${i}`,
      ),
    );
    // 7 × 25 × 70 = 12,250 characters of labels: past Slack's cumulative limit.
    expect(checkBlockKitLimits(message(...many)).map((p) => p.error)).toEqual(["msg_blocks_too_long"]);
    expect(slackProblems(message(...many)).map((p) => p.error)).toEqual(["msg_blocks_too_long"]);
  });

  it("the bot's checker accepts only buttons in an actions block unless told otherwise", () => {
    const select = message(actions([{ type: "static_select", action_id: "s", options: [] }]));
    expect(bot(select)).toEqual(["blocks[0].elements[0].type"]);
    expect(checkBlockKitLimits(select, { allowOtherBlocks: true })).toEqual([]);
    expect(standIn(select)).toEqual([]);
    expect(standIn(message(actions([{ type: "magic" }])))).toEqual(["/blocks/0/elements/0/type"]);
  });
});
