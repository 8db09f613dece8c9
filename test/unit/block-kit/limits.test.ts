/** The Block Kit validator the renderer's tests and the Slack stand-in share. */
import { describe, expect, it } from "vitest";
import { checkBlockKitLimits } from "../../../src/block-kit/limits";

const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });
const errors = (message: unknown) => checkBlockKitLimits(message).map((p) => `${p.error} ${p.path}`);

describe("checkBlockKitLimits", () => {
  it("takes a message within every limit", () => {
    expect(
      checkBlockKitLimits({
        text: "fallback",
        blocks: [
          { type: "header", text: { type: "plain_text", text: "h".repeat(150) } },
          section("s".repeat(3000)),
          { type: "divider" },
          { type: "context", elements: Array.from({ length: 10 }, () => ({ type: "mrkdwn", text: "c" })) },
          ...Array.from({ length: 46 }, () => section("x")),
        ],
      }),
    ).toEqual([]);
  });

  it("names each broken limit with the error Slack gives", () => {
    expect(errors({ text: "t", blocks: Array.from({ length: 51 }, () => section("x")) })).toEqual([
      "invalid_blocks blocks",
    ]);
    expect(errors({ text: "t", blocks: [section("s".repeat(3001))] })).toEqual([
      "invalid_blocks blocks[0].text.text",
    ]);
    expect(
      errors({
        text: "t",
        blocks: [{ type: "header", text: { type: "plain_text", text: "h".repeat(151) } }],
      }),
    ).toEqual(["invalid_blocks blocks[0].text.text"]);
    expect(
      errors({ text: "t", blocks: [{ type: "header", text: { type: "mrkdwn", text: "*h*" } }] }),
    ).toEqual(["invalid_blocks blocks[0].text.type"]);
    expect(
      errors({
        text: "t",
        blocks: [
          { type: "context", elements: Array.from({ length: 11 }, () => ({ type: "mrkdwn", text: "c" })) },
        ],
      }),
    ).toEqual(["invalid_blocks blocks[0].elements"]);
    expect(errors({ text: "t", blocks: [{ type: "context", elements: [] }] })).toEqual([
      "invalid_blocks blocks[0].elements",
    ]);
    expect(errors({ text: "t", blocks: [section("")] })).toEqual(["invalid_blocks blocks[0].text.text"]);
    expect(errors({ text: "t", blocks: [{ type: "section" }] })).toEqual(["invalid_blocks blocks[0]"]);
    expect(errors({ text: "t", blocks: [{ type: "image" }] })).toEqual(["invalid_blocks blocks[0].type"]);
    expect(
      errors({
        text: "t",
        blocks: [
          { ...section("a"), block_id: "x" },
          { ...section("b"), block_id: "x" },
        ],
      }),
    ).toEqual(["invalid_blocks blocks[1].block_id"]);
  });

  it("wants a fallback text, not too long, and block text under Slack's cumulative limit", () => {
    expect(errors({ blocks: [section("x")] })).toEqual(["no_text text"]);
    expect(errors({ text: " ", blocks: [section("x")] })).toEqual(["no_text text"]);
    expect(errors({ text: "t".repeat(4001) })).toEqual(["msg_too_long text"]);
    expect(errors({ text: "t", blocks: Array.from({ length: 5 }, () => section("s".repeat(2500))) })).toEqual(
      ["msg_blocks_too_long blocks"],
    );
    expect(errors("not an object")).toEqual(["invalid_blocks "]);
    expect(errors({ text: "t", blocks: "nope" })).toEqual(["invalid_blocks blocks"]);
  });
});
