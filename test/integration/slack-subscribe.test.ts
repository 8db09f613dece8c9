/**
 * `/paper subscribe` and `/paper unsubscribe` change the subscriptions table: the channel id from
 * the payload is the target (posted to with SLACK_BOT_TOKEN), themes by id or label words, other
 * words a keyword query; one live subscription per channel; unsubscribe ends them all.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { isoWeekOf, publishDueWeeks } from "../../src/digest";
import { ADMIN_TOKEN, call, fixtureText } from "../support/api";
import { db } from "../support/db";
import { ingestAt } from "../support/ingest-at";
import { postSigned, slash, slashBody, subscriptionRows } from "../support/slack";

let foundThemes: Array<{ id: string; label: string }> = [];

beforeAll(async () => {
  await ingestAt(await fixtureText("seeds/000_6a4379718c0c1abb.txt"), Date.now() - 7 * 86_400_000);
  await publishDueWeeks(db(), Date.now());
  const res = await call("/api/themes/graph-nets", {
    method: "PUT",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ name: "Graph neural networks", keywords: ["graph neural network", "GNN"] }),
  });
  expect(res.status).toBe(200);
  const list = (await (await call("/api/themes")).json()) as {
    themes: Array<{ id: string; label: string; kind: string; provisional: boolean }>;
  };
  foundThemes = list.themes.filter((t) => t.kind === "found" && !t.provisional);
  expect(foundThemes.length).toBeGreaterThan(1);
  expect(isoWeekOf(Date.now())).toMatch(/^\d{4}-W\d{2}$/);
});

describe("/paper subscribe", () => {
  it("subscribes the channel to everything, active at once, targeting the channel id", async () => {
    const channel = "C0SUBALL01";
    const reply = await slash("subscribe", { channel_id: channel });
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.text).toContain(`<#${channel}> is subscribed to the whole weekly digest`);
    const rows = await subscriptionRows(channel);
    expect(rows).toEqual([
      expect.objectContaining({
        channel: "slack",
        target: channel,
        themes: "[]",
        query: null,
        status: "active",
      }),
    ]);
  });

  it("takes themes by id and by label words", async () => {
    const channel = "C0SUBTHEME";
    const [a, b] = foundThemes as [{ id: string; label: string }, { id: string; label: string }];
    const byId = await slash(`subscribe ${a.id} ${b.id}`, { channel_id: channel });
    expect(byId.text).toContain(`\`${a.id}\``);
    expect(JSON.parse((await subscriptionRows(channel)).at(-1)!.themes)).toEqual([a.id, b.id]);

    const byLabel = await slash("subscribe graph neural", { channel_id: channel });
    expect(byLabel.text).toContain("*Graph neural networks* (`graph-nets`)");
    expect(byLabel.text).toContain("replaces the channel's earlier subscription");
    const rows = await subscriptionRows(channel);
    // One live subscription per channel: subscribing again updated it in place.
    expect(rows.map((r) => r.status)).toEqual(["active"]);
    expect(JSON.parse(rows[0]!.themes)).toEqual(["graph-nets"]);
  });

  it("turns words that name no theme into a keyword query", async () => {
    const channel = "C0SUBQUERY";
    const reply = await slash("subscribe diffusion transformers", { channel_id: channel });
    expect(reply.text).toContain("every word of *diffusion transformers*");
    expect(await subscriptionRows(channel)).toEqual([
      expect.objectContaining({ themes: "[]", query: "diffusion transformers", status: "active" }),
    ]);
    const quoted = await slash('subscribe "graph neural"', { channel_id: "C0SUBQUOTE" });
    expect(quoted.text).toContain("every word of *graph neural*");
  });

  it("refuses direct messages and over-long keywords, storing nothing", async () => {
    const dm = await slash("subscribe", { channel_id: "D0DIRECT01" });
    expect(dm.text).toContain("Only a channel can subscribe");
    expect(await subscriptionRows("D0DIRECT01")).toEqual([]);
    const long = await slash(`subscribe ${"word ".repeat(60)}`, { channel_id: "C0SUBLONG1" });
    expect(long.text).toContain("too long");
    expect(await subscriptionRows("C0SUBLONG1")).toEqual([]);
  });

  it("notes that a private channel must invite the bot", async () => {
    const reply = await slash("subscribe", { channel_id: "G0PRIVATE1" });
    expect(reply.text).toContain("invite the bot");
    expect(await subscriptionRows("G0PRIVATE1")).toHaveLength(1);
  });
});

describe("/paper subscribe, concurrently", () => {
  it("leaves exactly one live subscription after ten simultaneous subscribes in one channel", async () => {
    const channel = "C0CONCUR01";
    const texts = ["subscribe", ...Array.from({ length: 9 }, (_, i) => `subscribe "words ${i}"`)];
    const responses = await Promise.all(
      texts.map((text) => postSigned(slashBody({ channel_id: channel, text }))),
    );
    expect(responses.map((r) => r.status)).toEqual(texts.map(() => 200));
    const rows = await subscriptionRows(channel);
    expect(rows.filter((r) => r.status === "active")).toHaveLength(1);
    expect(rows.filter((r) => r.status === "pending")).toHaveLength(0);
  });
});

describe("/paper unsubscribe", () => {
  it("ends the channel's subscriptions, and is harmless when there are none", async () => {
    const channel = "C0UNSUB001";
    await slash("subscribe", { channel_id: channel });
    await slash("subscribe t1", { channel_id: channel });
    expect((await subscriptionRows(channel)).filter((r) => r.status === "active")).toHaveLength(1);

    const reply = await slash("unsubscribe", { channel_id: channel });
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.text).toContain(`<#${channel}> is unsubscribed`);
    const rows = await subscriptionRows(channel);
    expect(rows.map((r) => r.status)).toEqual(["unsubscribed"]);

    const again = await slash("unsubscribe", { channel_id: channel });
    expect(again.text).toContain("has no subscription");
    expect(await subscriptionRows(channel)).toEqual(rows);
  });

  it("leaves other channels' subscriptions alone", async () => {
    await slash("subscribe", { channel_id: "C0KEEPME01" });
    await slash("unsubscribe", { channel_id: "C0OTHER001" });
    expect((await subscriptionRows("C0KEEPME01")).map((r) => r.status)).toEqual(["active"]);
  });
});
