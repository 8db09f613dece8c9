/**
 * POST /slack/interactions (issue #15): clicks on the buttons of a digest the bot really posted
 * (delivered through the queue to the Slack stand-in, read back from it), sent as Slack sends them
 * (a `payload=` form field holding Slack's documented block_actions JSON, signed with the v0
 * scheme by test/support/slack.ts's own HMAC). The signal is recorded for the channel's
 * subscription with the member as `by`, a second click takes it back, and the message is redrawn
 * through the response_url stand-in (which holds its own copy of Slack's limits).
 *
 * One file = one database: the steps build on each other (the clicks' order matters).
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { publishAndFanOut } from "../../src/deliver/publish-and-fan-out";
import { isoWeekOf } from "../../src/digest";
import type { TakenMessage } from "../standins/slack";
import { ADMIN_TOKEN, call, fixtureText } from "../support/api";
import { db } from "../support/db";
import { subscribe, waitForDeliveries } from "../support/deliveries";
import { ingestAt } from "../support/ingest-at";
import { postsTo, slackSign, waitForPosts } from "../support/slack";
import {
  blockActions,
  button,
  type Click,
  click as clickAs,
  formOf,
  headersFor,
  type Json,
  newActionUrl,
  paperOf,
  postInteraction,
  redrawn,
  storedSignals,
} from "../support/slack-interactions";
import { messages, slackTargets } from "../support/slack-standin";

const WEEK_MS = 7 * 86_400_000;
const lastWeek = isoWeekOf(Date.now() - WEEK_MS);
const { channelId } = slackTargets();
const CHANNEL = channelId("CLICK");
const ENDED = channelId("ENDED");
const ids = new Map<string, string>();
const digests = new Map<string, TakenMessage>();

beforeAll(async () => {
  await ingestAt(await fixtureText("seeds/000_6a4379718c0c1abb.txt"), Date.now() - WEEK_MS);
  for (const target of [CHANNEL, ENDED]) {
    const created = await subscribe({ channel: "slack", target }, ADMIN_TOKEN);
    ids.set(target, created.id);
  }
  const report = await publishAndFanOut(db(), env.DELIVERY_QUEUE, Date.now());
  expect(report.published.map((p) => p.week)).toEqual([lastWeek]);
  const rows = await waitForDeliveries(lastWeek);
  expect(rows.map((r) => r.status)).toEqual(["sent", "sent"]);
  for (const target of [CHANNEL, ENDED]) {
    const [message] = await messages(target);
    expect(message).toBeDefined();
    digests.set(target, message!);
  }
  const ended = await call(`/api/subscriptions/${ids.get(ENDED)}`, {
    method: "DELETE",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  expect(ended.status, await ended.clone().text()).toBeLessThan(300);
});

/** A click in the test channel (or `channel`), acknowledged, and what reached its response_url. */
const click = (c: Omit<Click, "channel"> & { channel?: string }) =>
  clickAs({ ...c, channel: c.channel ?? CHANNEL });
const signals = (target = CHANNEL) => storedSignals(ids.get(target)!);

const signalsOn = async (paper: string) =>
  (await signals())
    .filter((s) => s.paper === paper)
    .map((s) => `${s.by}:${s.signal}`)
    .sort();

function marksLines(message: { blocks: unknown[] }): string[] {
  return (message.blocks as Json[])
    .filter((b) => b.type === "context" && String(b.block_id).startsWith("feedback-marks-"))
    .map((b) => String(((b.elements as Json[])[0] as Json).text));
}

/** The block right after a pick's buttons (its members' line, when there is one). */
function blockAfter(message: { blocks: unknown[] }, blockId: string): Json | undefined {
  const blocks = message.blocks as Json[];
  return blocks[blocks.findIndex((b) => b.block_id === blockId) + 1];
}

/** Waits a little, then says whether anything reached a response_url. */
async function postedAnything(url: string): Promise<number> {
  await new Promise((r) => setTimeout(r, 300));
  return (await postsTo(url)).length;
}

describe("POST /slack/interactions: the digest's buttons", () => {
  let current: Click["message"];

  it("records 👍 with the member as `by`, and redraws the message with the pressed style and who", async () => {
    current = digests.get(CHANNEL)!;
    const up = button(current, 1, "up");
    const paper = paperOf(up);
    const { posted } = await click({ message: current, button: up, user: "U0ADA" });
    expect(await signalsOn(paper)).toEqual(["U0ADA:up"]);

    current = redrawn(posted, current);
    expect(button(current, 1, "up").element.style).toBe("primary");
    expect(button(current, 1, "down").element.style).toBeUndefined();
    expect(button(current, 1, "save").element.style).toBeUndefined();
    expect(button(current, 2, "up").element.style).toBeUndefined();
    // The line sits under the pick's buttons; every other block is as Slack handed it back.
    const line = blockAfter(current, "pick-1-feedback");
    expect(line).toMatchObject({ type: "context", elements: [{ type: "mrkdwn", text: "👍 <@U0ADA>" }] });
    expect(marksLines(current)).toEqual(["👍 <@U0ADA>"]);
    const original = digests.get(CHANNEL)!;
    expect(
      current.blocks.filter((b) => !String((b as Json).block_id).startsWith("feedback-marks-")).length,
    ).toBe(original.blocks.length);
    expect(posted.text).toBe(original.text);
  });

  it("lists every member who clicked, in order", async () => {
    const paper = paperOf(button(current, 1, "up"));
    const { posted } = await click({ message: current, button: button(current, 1, "up"), user: "U0LIN" });
    expect(await signalsOn(paper)).toEqual(["U0ADA:up", "U0LIN:up"]);
    current = redrawn(posted, current);
    expect(button(current, 1, "up").element.style).toBe("primary");
    expect(blockAfter(current, "pick-1-feedback")).toMatchObject({
      elements: [{ text: "👍 <@U0ADA>, <@U0LIN>" }],
    });
  });

  it("takes a signal back on a second click of the same button by the same member", async () => {
    const paper = paperOf(button(current, 1, "up"));
    const { posted } = await click({ message: current, button: button(current, 1, "up"), user: "U0ADA" });
    expect(await signalsOn(paper)).toEqual(["U0LIN:up"]);
    current = redrawn(posted, current);
    // Lin's 👍 stands: the button keeps its state, the line names Lin only.
    expect(button(current, 1, "up").element.style).toBe("primary");
    expect(marksLines(current)).toEqual(["👍 <@U0LIN>"]);

    const again = await click({ message: current, button: button(current, 1, "up"), user: "U0LIN" });
    expect(await signalsOn(paper)).toEqual([]);
    current = redrawn(again.posted, current);
    expect(button(current, 1, "up").element.style).toBeUndefined();
    expect(marksLines(current)).toEqual([]);
  });

  it("records 👎 (danger) and Save (🔖), one current signal per member and paper", async () => {
    const paper = paperOf(button(current, 2, "down"));
    let { posted } = await click({ message: current, button: button(current, 2, "down"), user: "U0ADA" });
    current = redrawn(posted, current);
    expect(button(current, 2, "down").element.style).toBe("danger");
    ({ posted } = await click({ message: current, button: button(current, 2, "save"), user: "U0LIN" }));
    current = redrawn(posted, current);
    expect(await signalsOn(paper)).toEqual(["U0ADA:down", "U0LIN:save"]);
    expect(button(current, 2, "save").element.style).toBe("primary");
    expect(blockAfter(current, "pick-2-feedback")).toMatchObject({
      elements: [{ text: "👎 <@U0ADA> · 🔖 <@U0LIN>" }],
    });
    // Ada changes her mind: her 👎 becomes a Save.
    ({ posted } = await click({ message: current, button: button(current, 2, "save"), user: "U0ADA" }));
    current = redrawn(posted, current);
    expect(await signalsOn(paper)).toEqual(["U0ADA:save", "U0LIN:save"]);
    expect(button(current, 2, "down").element.style).toBeUndefined();
    expect(blockAfter(current, "pick-2-feedback")).toMatchObject({
      elements: [{ text: "🔖 <@U0LIN>, <@U0ADA>" }],
    });
  });

  it("redraws every pick from the store, so a message clicked in an older copy loses no line", async () => {
    // Clicked in the digest as first posted (no lines): pick 2's savers are still listed.
    const original = digests.get(CHANNEL)!;
    const { posted } = await click({ message: original, button: button(original, 3, "up"), user: "U0KAI" });
    const now = redrawn(posted, original);
    expect(marksLines(now)).toEqual(["🔖 <@U0LIN>, <@U0ADA>", "👍 <@U0KAI>"]);
    expect(button(now, 2, "save").element.style).toBe("primary");
    current = now;
  });

  it("keeps a double click consistent: two requests at once toggle twice", async () => {
    const up = button(current, 4, "up");
    const paper = paperOf(up);
    const urls = [newActionUrl(), newActionUrl()];
    const bodies = urls.map((url) =>
      formOf(
        JSON.stringify(blockActions({ message: current, button: up, user: "U0MAX", channel: CHANNEL }, url)),
      ),
    );
    const answers = await Promise.all(bodies.map((body) => postInteraction(body)));
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    // Set then cleared, whichever ran first: never both "set".
    expect(await signalsOn(paper)).toEqual([]);
    for (const url of urls) await waitForPosts(url);
  });
});

describe("POST /slack/interactions: refused and ignored clicks", () => {
  it("refuses a replayed request, a bad signature and a stale timestamp with 401, storing nothing", async () => {
    const message = digests.get(CHANNEL)!;
    const b = button(message, 5, "up");
    const paper = paperOf(b);
    const body = formOf(
      JSON.stringify(blockActions({ message, button: b, user: "U0EVE", channel: CHANNEL }, newActionUrl())),
    );
    const headers = await headersFor(body);
    const first = await call("/slack/interactions", { method: "POST", headers, body });
    expect(first.status).toBe(200);
    const replay = await call("/slack/interactions", { method: "POST", headers, body });
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ error: { code: "replayed_request" } });
    // The replay did not toggle the signal back.
    expect(await signalsOn(paper)).toEqual(["U0EVE:up"]);

    const other = button(message, 6, "up");
    const forged = formOf(
      JSON.stringify(
        blockActions({ message, button: other, user: "U0EVE", channel: CHANNEL }, newActionUrl()),
      ),
    );
    const bad = await postInteraction(forged, {
      signature: await slackSign("not-the-secret", String(Math.floor(Date.now() / 1000)), forged),
    });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid_signature" } });
    const stale = await postInteraction(forged, { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(stale.status).toBe(401);
    expect(await stale.json()).toMatchObject({ error: { code: "stale_request" } });
    const unsigned = await call("/slack/interactions", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: forged,
    });
    expect(unsigned.status).toBe(401);
    expect(await signalsOn(paperOf(other))).toEqual([]);
  });

  it("answers a click on an ended subscription's digest with a note only the member sees", async () => {
    const message = digests.get(ENDED)!;
    const { posted } = await click({
      message,
      button: button(message, 1, "up"),
      user: "U0ADA",
      channel: ENDED,
    });
    expect(posted).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(posted.text).toBe("This channel's subscription has ended; `/paper subscribe` to start again.");
    expect(await signals(ENDED)).toEqual([]);
  });

  it("refuses a button clicked in another channel than its subscription's", async () => {
    const message = digests.get(CHANNEL)!;
    const b = button(message, 7, "up");
    const { posted } = await click({ message, button: b, user: "U0ADA", channel: channelId("ELSEWHERE") });
    expect(posted).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(String(posted.text)).toContain("another channel");
    expect(await signalsOn(paperOf(b))).toEqual([]);
  });

  it("answers 200 with a note, storing nothing, for an unknown paper, an unknown action or a value not ours", async () => {
    const message = digests.get(CHANNEL)!;
    const base = button(message, 8, "up");
    const before = await signals();
    const cases: Array<[Json, string]> = [
      [
        { ...base.element, value: JSON.stringify({ s: ids.get(CHANNEL), p: "arxiv:2112.99999" }) },
        "no longer has this paper",
      ],
      [{ ...base.element, action_id: "feedback_maybe" }, "does not know this button"],
      [{ ...base.element, value: "{not json" }, "could not read"],
      [
        { ...base.element, value: JSON.stringify({ s: "sub_unknown", p: paperOf(base) }) },
        "not known to the bot",
      ],
    ];
    for (const [element, note] of cases) {
      const { posted } = await click({ message, button: { blockId: base.blockId, element }, user: "U0ADA" });
      expect(posted, note).toMatchObject({ response_type: "ephemeral", replace_original: false });
      expect(String(posted.text), note).toContain(note);
    }
    expect(await signals()).toEqual(before);
  });

  it("answers a malformed payload with 200: a note when it names a response_url, else nothing", async () => {
    const before = await signals();
    for (const body of [
      "payload=%7Bnot%20json",
      "text=hello",
      formOf(JSON.stringify({ type: "block_actions" })),
    ]) {
      const res = await postInteraction(body);
      expect(res.status, body).toBe(200);
    }
    // A block_actions payload with a Slack response_url but no user: a note.
    const url = newActionUrl();
    const message = digests.get(CHANNEL)!;
    const payload = blockActions(
      { message, button: button(message, 9, "up"), user: "U0ADA", channel: CHANNEL },
      url,
    );
    delete payload.user;
    const res = await postInteraction(formOf(JSON.stringify(payload)));
    expect(res.status).toBe(200);
    const [post] = await waitForPosts(url);
    expect(JSON.parse(post!.body)).toMatchObject({ response_type: "ephemeral", replace_original: false });
    // A response_url that is not Slack's (here: not https) is never posted to.
    const foreign = newActionUrl().replace("https://", "http://");
    const elsewhere = await postInteraction(formOf(JSON.stringify({ ...payload, response_url: foreign })));
    expect(elsewhere.status).toBe(200);
    expect(await postedAnything(foreign)).toBe(0);
    expect(await signals()).toEqual(before);
  });

  it("refuses a body larger than any click with 413, before reading it", async () => {
    const body = formOf("x".repeat(600 * 1024));
    const res = await postInteraction(body);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: "payload_too_large" } });
  });
});

describe("POST /slack/interactions: a button in a message Slack does not send back", () => {
  it("records the click from an ephemeral message (no `message` in the payload) and redraws nothing", async () => {
    const message = digests.get(CHANNEL)!;
    const b = button(message, 10, "save");
    const url = newActionUrl();
    const payload = blockActions({ message, button: b, user: "U0ZOE", channel: CHANNEL }, url);
    delete payload.message;
    payload.container = { type: "message", message_ts: message.ts, channel_id: CHANNEL, is_ephemeral: true };
    const res = await postInteraction(formOf(JSON.stringify(payload)));
    expect(res.status).toBe(200);
    expect(await signalsOn(paperOf(b))).toEqual(["U0ZOE:save"]);
    expect(await postedAnything(url)).toBe(0);
  });
});
