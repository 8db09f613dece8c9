/**
 * What one button click costs in D1 (issue #15, "the D1 statements per click"): the click's
 * handling run on a counting D1 binding (src/db/counting-d1.ts), before the acknowledgement and in
 * the redraw after it. The route adds the replay record (one batch of two statements, counted in
 * src/routes/slack.ts's path, not here).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client";
import { countingD1 } from "../../src/db/counting-d1";
import { answerInteraction, readInteraction } from "../../src/slack-interactions";
import { ADMIN_TOKEN, call, ingest, postSubscription } from "../support/api";

const PAPER = "2512.04242";

function clickBody(subscription: string, withMessage: boolean): Uint8Array {
  const payload = {
    type: "block_actions",
    user: { id: "U0COUNT01", username: "count", name: "count", team_id: "T0TEST" },
    api_app_id: "A0TESTAPP",
    container: {
      type: "message",
      message_ts: "1700000000.000100",
      channel_id: "C0COUNT01",
      is_ephemeral: false,
    },
    trigger_id: `${Date.now()}.1`,
    team: { id: "T0TEST", domain: "example" },
    channel: { id: "C0COUNT01", name: "papers" },
    ...(withMessage
      ? {
          message: {
            ts: "1700000000.000100",
            text: "digest",
            blocks: [
              {
                type: "actions",
                block_id: "pick-1-feedback",
                elements: ["up", "down", "save"].map((s) => ({
                  type: "button",
                  action_id: `feedback_${s}`,
                  text: { type: "plain_text", text: s },
                  value: JSON.stringify({ s: subscription, p: `arxiv:${PAPER}` }),
                })),
              },
            ],
          },
        }
      : {}),
    response_url: "https://hooks.slack.com/actions/T0TEST/1/count",
    actions: [
      {
        type: "button",
        action_id: "feedback_up",
        block_id: "pick-1-feedback",
        value: JSON.stringify({ s: subscription, p: `arxiv:${PAPER}` }),
        action_ts: "1700000001.000200",
      },
    ],
  };
  return new TextEncoder().encode(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
}

describe("a button click in D1", () => {
  it("is a constant, small number of statements before the acknowledgement and for the redraw", async () => {
    await ingest(
      JSON.stringify({ id: PAPER, title: "Counting statements", summary: "We count statements per click." }),
    );
    const res = await postSubscription(
      { channel: "slack", target: "https://hooks.slack.com/services/T0TEST/B0COUNT/statements" },
      ADMIN_TOKEN,
    );
    const { id } = (await res.json()) as { id: string };
    const posted: string[] = [];
    const fetcher = (async (input: RequestInfo | URL) => {
      posted.push(String(input));
      return new Response("ok");
    }) as typeof fetch;
    for (const withMessage of [false, true]) {
      const counting = countingD1(env.DB);
      const answer = await answerInteraction({
        db: openDatabase(counting.d1),
        now: Date.now(),
        read: readInteraction(clickBody(id, withMessage)),
        fetcher,
      });
      const beforeAck = counting.statements();
      expect(answer.outcome).toMatch(/^(set|cleared)$/);
      await answer.later;
      const total = counting.statements();
      console.info(
        `click ${withMessage ? "with" : "without"} a message to redraw: ${beforeAck} D1 statements before the acknowledgement, ${total - beforeAck} after`,
      );
      expect(beforeAck).toBeLessThanOrEqual(6);
      expect(total - beforeAck).toBeLessThanOrEqual(withMessage ? 2 : 0);
    }
    const signals = await call(`/api/subscriptions/${id}/feedback`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    // Two clicks of the same button: set, then undone.
    expect(((await signals.json()) as { signals: unknown[] }).signals).toEqual([]);
    expect(posted.length).toBeGreaterThanOrEqual(1);
  });
});
