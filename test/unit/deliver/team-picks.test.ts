/**
 * Team picks (issue #15) as the channels show them: grouped per paper with who (Slack mentions in
 * Slack, counts in the mail), at most five, at the top, and bounded whatever the team marked.
 */
import { describe, expect, it } from "vitest";
import { checkBlockKitLimits } from "../../../src/block-kit/limits";
import type { TeamSignalRow } from "../../../src/db/queries/team-picks";
import { renderDigestMail } from "../../../src/deliver/email/digest-mail";
import { renderSlackDigest } from "../../../src/deliver/slack/digest-blocks";
import type { OutgoingDigest } from "../../../src/deliver/types";
import { slackProblems } from "../../standins/slack-rules";
import { BASE, briefFor, largeDigest, sampleReaderLinks } from "../../support/sample-brief";
import { sampleDigest } from "../../support/sample-digest";

const row = (n: number, by: string, signal: "up" | "save" = "up"): TeamSignalRow => ({
  paperKey: `arxiv:2601.0000${n}`,
  arxivId: `2601.0000${n}`,
  title: `Liked paper ${n} <b>&</b>`,
  by,
  signal,
  at: 1_000 - n,
});

describe("team picks", () => {
  const signals = [
    row(1, "U0ADA0001"),
    row(1, "U0LIN0002"),
    row(1, "U0ADA0001", "save"),
    row(2, ""),
    row(3, "W0BOT0003", "save"),
  ];

  it("are grouped per paper, newest first, with who (null for a reader of the API or the mail)", () => {
    const brief = briefFor(sampleDigest(), { teamSignals: signals });
    expect(brief.teamPicks).toEqual([
      {
        key: "arxiv:2601.00001",
        title: "Liked paper 1 <b>&</b>",
        links: { abs: "https://arxiv.org/abs/2601.00001", pdf: "https://arxiv.org/pdf/2601.00001" },
        up: ["U0ADA0001", "U0LIN0002"],
        save: ["U0ADA0001"],
      },
      expect.objectContaining({ key: "arxiv:2601.00002", up: [null], save: [] }),
      expect.objectContaining({ key: "arxiv:2601.00003", up: [], save: ["W0BOT0003"] }),
    ]);
    const many = Array.from({ length: 40 }, (_, i) => row(i + 1, `U0READER${i}`));
    expect(briefFor(sampleDigest(), { teamSignals: many }).teamPicks).toHaveLength(5);
  });

  it("open the Slack digest with mentions, escaped, within every limit even beside 50 long picks", () => {
    const brief = briefFor(sampleDigest(), { teamSignals: signals });
    const [first] = renderSlackDigest(brief, sampleReaderLinks(brief.week), { threaded: true });
    const team = first!.blocks.find((b) => b.block_id === "team-picks") as { text: { text: string } };
    expect(team.text.text).toContain("👍 <@U0ADA0001>, <@U0LIN0002> · 🔖 <@U0ADA0001>");
    expect(team.text.text).toContain("a reader");
    expect(team.text.text).toContain("Liked paper 1 &lt;b&gt;&amp;&lt;/b&gt;");
    // Before the picks.
    expect(first!.blocks.findIndex((b) => b.block_id === "team-picks")).toBeLessThan(
      first!.blocks.findIndex((b) => b.block_id?.startsWith("pick-")),
    );
    const crowd = Array.from({ length: 5 }, (_, p) =>
      Array.from({ length: 30 }, (_, u) => row(p + 1, `U0CROWD${String(u).padStart(3, "0")}`)),
    ).flat();
    const big = briefFor(largeDigest(1_500, 40), { size: 50, teamSignals: crowd });
    const parts = renderSlackDigest(big, sampleReaderLinks(big.week), { threaded: true });
    expect(parts.length).toBeLessThanOrEqual(2);
    for (const part of parts) {
      expect(checkBlockKitLimits(part)).toEqual([]);
      expect(slackProblems(part)).toEqual([]);
    }
    const buttons = parts.flatMap((p) => p.blocks).filter((b) => b.type === "actions");
    expect(buttons.length).toBeGreaterThan(0);
  });

  it("open the mail too, counted rather than named", () => {
    const digest = sampleDigest();
    const brief = briefFor(digest, { teamSignals: signals });
    const outgoing = {
      deliveryId: 1,
      subscription: { target: "lab@example.org", themes: [], query: null },
      digest,
      brief,
      links: sampleReaderLinks(digest.week),
      unsubscribeToken: "x",
    } as unknown as OutgoingDigest;
    const mail = renderDigestMail(outgoing, BASE);
    expect(mail.text).toContain("- Liked paper 1 <b>&</b> (👍 2 · 🔖 1) https://arxiv.org/abs/2601.00001");
    expect(mail.html).toContain("Liked paper 1 &lt;b&gt;&amp;&lt;/b&gt;");
    expect(mail.html.indexOf("Team picks")).toBeLessThan(mail.html.indexOf("This week’s picks"));
  });
});
