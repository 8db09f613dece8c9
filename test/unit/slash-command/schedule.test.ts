import { describe, expect, it } from "vitest";
import { notice } from "../../../src/slash-command/blocks/help";
import { ephemeral, inChannel, type SlackReply } from "../../../src/slash-command/reply";
import { type Plan, schedule } from "../../../src/slash-command/schedule";

const reply = (text: string) => ephemeral(notice(text));
const ACK = reply("working…");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function recorder() {
  const posted: SlackReply[] = [];
  return { posted, deliver: async (r: SlackReply) => void posted.push(r) };
}

describe("schedule: three seconds, always", () => {
  it("answers a fast inline command directly, with nothing left to do", async () => {
    const { posted, deliver } = recorder();
    const plan: Plan = { mode: "inline", ack: ACK, run: async () => inChannel(notice("card")) };
    const answer = await schedule(plan, { deliver, budgetMs: 200 });
    expect(answer.reply).toMatchObject({ response_type: "in_channel", text: "card" });
    expect(answer.later).toBeNull();
    expect(posted).toEqual([]);
  });

  it("acknowledges an inline command that misses its budget and posts the result later", async () => {
    const { posted, deliver } = recorder();
    const plan: Plan = {
      mode: "inline",
      ack: ACK,
      run: async () => {
        await sleep(150);
        return inChannel(notice("late card"));
      },
    };
    const started = Date.now();
    const answer = await schedule(plan, { deliver, budgetMs: 30 });
    expect(Date.now() - started).toBeLessThan(140);
    expect(answer.reply).toBe(ACK);
    await answer.later;
    expect(posted).toEqual([expect.objectContaining({ response_type: "in_channel", text: "late card" })]);
  });

  it("acknowledges a deferred command at once, whatever its speed", async () => {
    const { posted, deliver } = recorder();
    const answer = await schedule(
      { mode: "deferred", ack: ACK, run: async () => reply("themes") },
      { deliver },
    );
    expect(answer.reply).toBe(ACK);
    await answer.later;
    expect(posted.map((p) => p.text)).toEqual(["themes"]);
  });

  it("turns a failure into an apology, inline or later, and never rejects", async () => {
    const { posted, deliver } = recorder();
    const boom = async (): Promise<SlackReply> => {
      throw new Error("D1 down");
    };
    const inline = await schedule({ mode: "inline", ack: ACK, run: boom }, { deliver });
    expect(inline.reply.text).toContain("went wrong");
    const deferred = await schedule({ mode: "deferred", ack: ACK, run: boom }, { deliver });
    await deferred.later;
    expect(posted[0]?.text).toContain("went wrong");
    expect(posted[0]?.response_type).toBe("ephemeral");
  });

  it("gives up on deferred work past its limit and says so", async () => {
    const { posted, deliver } = recorder();
    const answer = await schedule(
      { mode: "deferred", ack: ACK, run: () => sleep(500).then(() => reply("too late")) },
      { deliver, limitMs: 40 },
    );
    await answer.later;
    expect(posted.map((p) => p.text)).toEqual([expect.stringContaining("took too long")]);
  });

  it("survives a delivery that throws", async () => {
    const answer = await schedule(
      { mode: "deferred", ack: ACK, run: async () => reply("x") },
      {
        deliver: async () => {
          throw new Error("network");
        },
      },
    );
    await expect(answer.later).resolves.toBeUndefined();
  });
});
