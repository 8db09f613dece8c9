/**
 * Issue #15's "done when": likes clicked in a channel's week-1 digest move similar papers up in its
 * week-2 digest. Two weeks of papers on four topics (test/support/topical-papers.ts), relative to
 * today so the weekly job delivers week 1 to the Slack stand-in; members click 👍 on the robotics
 * picks of the message the bot really posted (and 👎 on the others), then the channel's week-2
 * ranking (GET /api/subscriptions/{id}/digest) is compared with the one before the clicks.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { publishAndFanOut } from "../../src/deliver/publish-and-fan-out";
import { isoWeekOf, publishDueWeeks } from "../../src/digest";
import { ADMIN_TOKEN, call } from "../support/api";
import { db, wipeData } from "../support/db";
import { subscribe, waitForDeliveries } from "../support/deliveries";
import { ingestAt } from "../support/ingest-at";
import { buttonsOf, click, paperOf, redrawn, storedSignals } from "../support/slack-interactions";
import { messages, slackTargets } from "../support/slack-standin";
import { asJsonLines, type Topic, topicalPapers } from "../support/topical-papers";

const WEEK_MS = 7 * 86_400_000;
const week1 = isoWeekOf(Date.now() - 2 * WEEK_MS);
const week2 = isoWeekOf(Date.now() - WEEK_MS);
const TOPICS: Topic[] = ["retrieval", "robotics", "security", "audio"];
const papers1 = TOPICS.flatMap((t, i) => topicalPapers(t, 12, 1000 + i * 100, 21 + i));
const papers2 = TOPICS.flatMap((t, i) => topicalPapers(t, 15, 2000 + i * 100, 41 + i));
const topicOf = new Map([...papers1, ...papers2].map((p) => [`arxiv:${p.id}`, p.topic]));
const CHANNEL = slackTargets().channelId("LEARN");
let subscriptionId = "";

interface Digest {
  week: string;
  ranking: string;
  picks: Array<{ key: string }>;
}

async function week2Digest(): Promise<Digest> {
  const res = await call(`/api/subscriptions/${subscriptionId}/digest?week=${week2}&limit=10`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Digest;
}

const robotics = (d: Digest) => d.picks.filter((p) => topicOf.get(p.key) === "robotics").length;
/** Places of the robotics picks, 0-based: lower is better. */
const places = (d: Digest) => d.picks.flatMap((p, i) => (topicOf.get(p.key) === "robotics" ? [i] : []));

beforeAll(async () => {
  await wipeData();
  await ingestAt(asJsonLines(papers1), Date.now() - 2 * WEEK_MS);
  subscriptionId = (await subscribe({ channel: "slack", target: CHANNEL }, ADMIN_TOKEN)).id;
  const report = await publishAndFanOut(db(), env.DELIVERY_QUEUE, Date.now());
  expect(report.published.map((p) => p.week)).toEqual([week1]);
  await waitForDeliveries(week1);
  await ingestAt(asJsonLines(papers2), Date.now() - WEEK_MS);
  expect((await publishDueWeeks(db(), Date.now())).published.map((p) => p.week)).toEqual([week2]);
});

describe("the buttons teach the channel's ranking", () => {
  it("likes in week 1 move similar papers up in week 2", async () => {
    const before = await week2Digest();
    expect(before.ranking).toBe("default");

    const [posted] = await messages(CHANNEL);
    expect(posted).toBeDefined();
    let message = { ts: posted!.ts, text: posted!.text, blocks: posted!.blocks };
    const liked: string[] = [];
    for (const b of buttonsOf(message)) {
      const topic = topicOf.get(paperOf(b));
      const signal = /^feedback_(up|down|save)/.exec(String(b.element.action_id))?.[1];
      const wanted = topic === "robotics" ? "up" : "down";
      if (signal !== wanted) continue;
      if (wanted === "up") liked.push(paperOf(b));
      // Two members like each robotics pick; one dislikes the rest.
      for (const user of wanted === "up" ? ["U0ADA", "U0LIN"] : ["U0ADA"]) {
        const { posted: redrawnMessage } = await click({ message, button: b, user, channel: CHANNEL });
        message = redrawn(redrawnMessage, message);
      }
    }
    expect(liked.length).toBeGreaterThanOrEqual(1);
    const stored = await storedSignals(subscriptionId);
    expect(stored.filter((s) => s.signal === "up")).toHaveLength(2 * liked.length);

    const after = await week2Digest();
    expect(after.ranking).toBe("profile");
    expect(robotics(after)).toBeGreaterThan(robotics(before));
    expect(robotics(after)).toBeGreaterThanOrEqual(8);
    expect(places(after)[0]).toBe(0);
  });
});
