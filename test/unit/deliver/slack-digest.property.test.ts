/**
 * The Slack digest's packing holds for any subscriber's model (fast-check): at most two messages,
 * each within Slack's limits by the bot's checker and by the stand-in's own copy of Slack's rules,
 * block text within the renderer's budget, and every pick (up to the 50 a subscription may ask
 * for) shown once with its three buttons naming the subscription and the paper. The models are
 * random and often absurd (titles of 2,000 characters, hundreds of authors, 80 themes, long URLs
 * full of `&`), since the bound must not depend on a week being reasonable.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { blockTextLength, checkBlockKitLimits, MESSAGE_TEXT_BUDGET } from "../../../src/block-kit/limits";
import { renderSlackDigest } from "../../../src/deliver/slack/digest-blocks";
import { readerLinks } from "../../../src/digest/reader-links";
import type {
  SubscriberDigest,
  SubscriberPick,
  SubscriberThemeBrief,
} from "../../../src/digest/subscriber-digest";
import type { DigestLinks, SeenBeforeEntry } from "../../../src/digest/types";
import { slackProblems } from "../../standins/slack-rules";
import { expectSlackDigest } from "../../support/slack-digest";

/** Text with Slack's control characters, emoji (surrogate pairs), line breaks and long words. */
const word = fc.oneof(
  fc.stringMatching(/^[A-Za-z&<>|*_~`!@#]{1,14}$/),
  fc.constantFrom("🚀", "naïve", "Schrödinger", "<!channel>", "&amp;", "\n", "x".repeat(300)),
);
const text = (maxWords: number) =>
  fc.array(word, { maxLength: maxWords, size: "max" }).map((w) => w.join(" "));
const nonEmpty = (maxWords: number) =>
  fc.array(word, { minLength: 1, maxLength: maxWords }).map((w) => w.join(" "));

/** arXiv URLs; URLs of every length around the renderer's caps; long ones full of entities; unusable ones. */
const url = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 99_999 }).map((n) => `https://arxiv.org/abs/2602.${n}`) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 320 }).map((n) => `https://x.example/${"a".repeat(n)}`) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 0, max: 700 }).map((n) => `https://x.example/${"&a".repeat(n)}`),
  },
  { weight: 1, arbitrary: fc.constantFrom("javascript:alert(1)", "not a url", "") },
);
/** Often nothing more to say: a count of 0. */
const orZero = (max: number) => fc.oneof(fc.constant(0), fc.integer({ min: 1, max }));
const links = fc.option(fc.record({ abs: url, pdf: url }), { nil: null, freq: 5 });

/** A pick as generated; its key is made from its place and `keySuffix`, so keys are unique. */
interface PickSpec {
  title: string;
  authors: string[];
  tldr: string;
  why: string;
  theme: { id: string; label: string };
  links: DigestLinks | null;
  keySuffix: string;
}

const pick: fc.Arbitrary<PickSpec> = fc.record({
  title: nonEmpty(40),
  authors: fc.array(text(4), { maxLength: 300, size: "medium" }),
  tldr: text(120),
  why: text(60),
  theme: fc.record({ id: fc.stringMatching(/^[a-z0-9]{1,8}$/), label: text(20) }),
  links,
  keySuffix: fc.stringMatching(/^[a-z0-9.]{0,60}$/),
});

/** A pick with every field past the renderer's clips and URLs about as long as they may be linked. */
const longest: fc.Arbitrary<PickSpec> = fc.record({
  title: fc.constantFrom("Wörds & <symbols> ".repeat(100), "&".repeat(2_000), "🚀".repeat(500)),
  authors: fc.constant(Array.from({ length: 50 }, (_, i) => `Author & ${i} ${"n".repeat(40)}`)),
  tldr: fc.constant("TL;DR & more ".repeat(200)),
  why: fc.constant("because & <why> ".repeat(100)),
  theme: fc.record({ id: fc.constant("t"), label: fc.constant("Theme & <label> ".repeat(20)) }),
  // Some just under the rows' caps (150 and 100 characters): the week that needs the last layout.
  links: fc.oneof(fc.integer({ min: 80, max: 300 }), fc.integer({ min: 95, max: 150 })).map((n) => ({
    abs: `https://x.example/${"a".repeat(n - 18)}`,
    pdf: `https://x.example/${"b".repeat(n - 18)}`,
  })),
  keySuffix: fc.stringMatching(/^[a-z0-9.]{0,60}$/),
});

const theme = fc.record({
  id: fc.stringMatching(/^[a-z0-9]{1,8}$/),
  label: text(25),
  papers: fc.integer({ min: 0, max: 5_000 }),
  top: fc.array(fc.record({ title: nonEmpty(60), links }), { maxLength: 3 }),
  url,
});

const seen = fc.record({
  title: nonEmpty(60),
  verdict: fc.constantFrom("duplicate" as const, "near-duplicate" as const),
  similarity: fc.double({ min: 0, max: 1, noNaN: true }),
  firstSeenWeek: fc.constantFrom("2026-W01", "2025-W52", "<b>"),
  records: fc.integer({ min: 1, max: 9 }),
  links,
});

const model = fc.record({
  // Picks up to past the cap of 50, often many: the sizes that need the leaner layouts.
  picks: fc.oneof<fc.Arbitrary<PickSpec[]>[]>(
    fc.array(pick, { maxLength: 12 }),
    fc.array(pick, { minLength: 20, maxLength: 55, size: "max" }),
    fc.array(fc.oneof(pick, longest), { minLength: 20, maxLength: 55, size: "max" }),
    fc.array(longest, { minLength: 1, maxLength: 55, size: "max" }),
    // The worst week: every pick at its longest, its URL just under the rows' cap.
    fc
      .tuple(longest, fc.integer({ min: 45, max: 55 }), fc.integer({ min: 130, max: 150 }))
      .map(([p, n, length]) =>
        Array.from({ length: n }, () => ({
          ...p,
          links: { abs: `https://x.example/${"a".repeat(length - 18)}`, pdf: "https://x.example/pdf" },
        })),
      ),
  ),
  themes: fc.array(theme, { maxLength: 80, size: "max" }),
  updated: fc.array(fc.record({ title: nonEmpty(60), version: fc.integer({ min: 1, max: 30 }), links }), {
    maxLength: 5,
  }),
  moreUpdated: orZero(3_000),
  seen: fc.array(seen, { maxLength: 5 }),
  moreSeen: orZero(3_000),
  morePapers: orZero(20_000),
  weekPapers: fc.integer({ min: 0, max: 20_000 }),
  ranking: fc.constantFrom("profile" as const, "default" as const),
  // Team picks (what the channel liked and saved): Slack ids, or null for a reader of the API.
  team: fc.array(
    fc.record({
      title: nonEmpty(40),
      links,
      up: fc.array(fc.option(fc.stringMatching(/^U[A-Z0-9]{8,11}$/), { nil: null }), { maxLength: 30 }),
      save: fc.array(fc.option(fc.stringMatching(/^U[A-Z0-9]{8,11}$/), { nil: null }), { maxLength: 30 }),
    }),
    { maxLength: 5 },
  ),
  subscriptionId: fc.oneof(fc.uuid(), fc.stringMatching(/^[A-Za-z0-9_-]{1,120}$/)),
  token: fc.stringMatching(/^[A-Za-z0-9_-]{1,300}$/),
  threaded: fc.boolean(),
});

type Model = typeof model extends fc.Arbitrary<infer T> ? T : never;

function briefOf(m: Model): SubscriberDigest {
  const picks: SubscriberPick[] = m.picks.map((p, i) => ({
    key: `arxiv:${i}.${p.keySuffix}`,
    arxivId: null,
    title: p.title,
    authors: p.authors,
    tldr: p.tldr,
    score: 1 - i / 100,
    why: p.why,
    theme: p.theme,
    links: p.links,
  }));
  const themes: SubscriberThemeBrief[] = m.themes.map((t, i) => ({
    id: t.id,
    label: t.label,
    papers: t.papers,
    top: t.top.map((p, j) => ({ key: `k${i}-${j}`, title: p.title, links: p.links })),
    url: t.url,
  }));
  const seenBefore: SeenBeforeEntry[] = m.seen.map((s, i) => ({ key: `arxiv:2512.${i}`, ...s }));
  const newPapers = picks.length + m.morePapers;
  return {
    week: "2026-W07",
    status: "published",
    subscriptionId: m.subscriptionId,
    range: { start: "2026-02-09T00:00:00.000Z", end: "2026-02-16T00:00:00.000Z" },
    ranking: m.ranking,
    figures: {
      newPapers,
      themes: themes.length,
      updated: m.updated.length + m.moreUpdated,
      seenBefore: seenBefore.length + m.moreSeen,
      weekPapers: Math.max(newPapers, m.weekPapers),
    },
    teamPicks: m.team.map((t, i) => ({ key: `arxiv:2601.${i}`, ...t })),
    picks,
    themes,
    updated: {
      papers: m.updated.map((u, i) => ({
        key: `arxiv:2511.${i}`,
        title: u.title,
        tldr: "",
        latestVersion: u.version,
        links: u.links,
      })),
      total: m.updated.length + m.moreUpdated,
    },
    seenBefore: { entries: seenBefore, total: seenBefore.length + m.moreSeen },
    more: { papers: m.morePapers, url: "https://digest.example.org/digests/2026-W07" },
  };
}

describe("the Slack digest of any subscriber's model", () => {
  it("at most two messages within every limit, every pick once with its three buttons", () => {
    fc.assert(
      fc.property(model, (m) => {
        const brief = briefOf(m);
        const parts = renderSlackDigest(
          brief,
          readerLinks({
            publicBaseUrl: "https://digest.example.org",
            subscriptionId: m.subscriptionId,
            readerToken: m.token,
            week: brief.week,
            unsubscribe: `https://digest.example.org/unsubscribe?token=${m.token}`,
          }),
          { threaded: m.threaded },
        );
        for (const part of parts) {
          expect(checkBlockKitLimits(part)).toEqual([]);
          expect(slackProblems(part)).toEqual([]);
          expect(blockTextLength(part.blocks)).toBeLessThanOrEqual(MESSAGE_TEXT_BUDGET);
        }
        const shown = Math.min(brief.picks.length, 50);
        const keys = expectSlackDigest(parts, m.subscriptionId, shown);
        expect(keys).toEqual(brief.picks.slice(0, shown).map((p) => p.key));
      }),
      { numRuns: 300 },
    );
  });
});
