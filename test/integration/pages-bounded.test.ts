/**
 * Issue #14 through the Worker with a real D1: the week's page stays bounded however many papers
 * the week has, and every paper stays reachable. This week gets 6,000 new papers on a dozen
 * made-up topics (POST /api/ingest, so they are this week's preview), new versions of papers first
 * seen last week ("updated this week") and id-less copies of others ("seen before"), more of each than the
 * week's page shows. Following the page's links, a theme's pages and the seen-before pages must
 * reach each paper and record exactly once, as the week's JSON lists them.
 * The byte bound on a realistic 6,000-paper week (20 themes, every field filled) is checked on a
 * generated digest in test/unit/pages/digest-page-bounded.test.ts: the theme engine finds fewer,
 * larger themes in these synthetic abstracts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { isoWeekOf, shiftWeek, weekRange } from "../../src/digest";
import type { Digest } from "../../src/digest/types";
import {
  LIST_PAGE_SIZE,
  SEEN_BEFORE_SHOWN,
  THEME_SHOWN_MAX,
  themeShare,
} from "../../src/pages/digest-bounds";
import { call, ingest } from "../support/api";
import { wipeData } from "../support/db";
import { ingestAt } from "../support/ingest-at";
import { seeded } from "../support/synthetic";

const WEEK = isoWeekOf(Date.now());
const PAPERS = 6_000;
const UPDATED = 30;
const SEEN_AGAIN = 30;
/** The bound asserted on this week's page (its themes are few and large, so it is far under). */
const WEEK_PAGE_MAX_BYTES = 400_000;
/** One page of a theme's list: LIST_PAGE_SIZE papers at ~1 KB each at most, and the frame. */
const LIST_PAGE_MAX_BYTES = 150_000;

const TOPICS = 12;
const SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi", "pe", "su", "di", "go", "ha", "ju", "be"];

interface Paper {
  id: string;
  title: string;
  authors: string[];
  abstract: string;
}

/**
 * `count` papers on TOPICS made-up topics (each draws most words from its topic's vocabulary), in
 * three sentences, the contribution ("We propose …") second, so the TL;DR is not the summary.
 */
function papers(count: number, seed: number): Paper[] {
  const next = seeded(seed);
  const word = () =>
    Array.from({ length: 2 + Math.floor(next() * 3) }, () => SYLLABLES[Math.floor(next() * 15)]).join("");
  const vocabularies = Array.from({ length: TOPICS }, () => Array.from({ length: 25 }, word));
  const shared = Array.from({ length: 30 }, word);
  const pick = (pool: string[]) => pool[Math.floor(next() * pool.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const topic = vocabularies[i % TOPICS]!;
    const words = (n: number) =>
      Array.from({ length: n }, () => (next() < 0.6 ? pick(topic) : pick(shared))).join(" ");
    const id = `2510.${String(i + 1).padStart(5, "0")}`;
    return {
      id,
      title: `${words(6)} ${id}`,
      authors: [`${word()} ${word()}`, `${word()} ${word()}`],
      abstract: `Recent work on ${words(14)} remains limited. We propose ${words(16)}. Experiments show ${words(14)}.`,
    };
  });
}

const lines = (list: Paper[]) => list.map((p) => JSON.stringify(p)).join("\n");

async function page(path: string, status = 200): Promise<string> {
  const res = await call(path);
  const html = await res.text();
  expect(res.status, `${path}: ${html.slice(0, 200)}`).toBe(status);
  expect(res.headers.get("content-type")).toContain("text/html");
  return html;
}

const unescapeHtml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
const hrefs = (html: string, pattern: RegExp) =>
  [...html.matchAll(/href="([^"]+)"/g)].map((m) => unescapeHtml(m[1]!)).filter((h) => pattern.test(h));
/** The arXiv ids of the papers a page lists (each paper's title links its abstract page). */
const paperIds = (html: string) =>
  [...html.matchAll(/<span class="paper-title"><a href="https:\/\/arxiv.org\/abs\/([^"]+)">/g)].map(
    (m) => m[1]!,
  );
/** The arXiv ids of the records a page lists as seen before. */
const seenIds = (html: string) => {
  const start = html.indexOf('<h2 id="seen-before">');
  if (start < 0) return [];
  return [...html.slice(start).matchAll(/<li><a href="https:\/\/arxiv.org\/abs\/([^"]+)">/g)].map(
    (m) => m[1]!,
  );
};
const bytes = (html: string) => new TextEncoder().encode(html).length;

/** Every page of a list, from its first address, by its "next" links. */
async function allPages(first: string): Promise<string[]> {
  const out: string[] = [];
  let path: string | undefined = first;
  while (path) {
    const html = await page(path);
    out.push(html);
    path = [...html.matchAll(/<a rel="next" href="([^"]+)">/g)].map((m) => unescapeHtml(m[1]!))[0];
    expect(out.length).toBeLessThan(200);
  }
  return out;
}

let digest: Digest;
let weekPage: string;

beforeAll(async () => {
  await wipeData();
  const all = papers(PAPERS + UPDATED + SEEN_AGAIN, 5);
  const fresh = all.slice(0, PAPERS);
  // Last week: the papers this week updates or sees again, on the same topics.
  const earlier = all.slice(PAPERS);
  await ingestAt(lines(earlier), weekRange(shiftWeek(WEEK, -1)).start + 1.5 * 86_400_000);
  for (let i = 0; i < fresh.length; i += 1_500) await ingest(lines(fresh.slice(i, i + 1_500)));
  const versions = earlier
    .slice(0, UPDATED)
    .map((p) => ({ ...p, id: `${p.id}v2`, abstract: `${p.abstract} Version two adds experiments.` }));
  // "Seen before" lists earlier papers that an id-less record matched by its text.
  const copies = earlier.slice(UPDATED).map(({ id: _, ...rest }) => rest);
  await ingest([lines(versions), ...copies.map((c) => JSON.stringify(c))].join("\n"));

  const res = await call(`/api/digests/${WEEK}`);
  expect(res.status).toBe(200);
  digest = (await res.json()) as Digest;
  expect(digest.stats.newPapers).toBe(PAPERS);
  weekPage = await page(`/digests/${WEEK}`);
}, 600_000);

describe("the week's page of a 6,000-paper week", () => {
  it("is bounded: each theme shows its first papers, and the page is far under the bound", () => {
    const size = bytes(weekPage);
    console.info(`/digests/${WEEK} with ${PAPERS} papers, ${digest.themes.length} themes: ${size} bytes`);
    expect(size).toBeLessThan(WEEK_PAGE_MAX_BYTES);
    const shown = paperIds(weekPage);
    expect(shown.length).toBeLessThanOrEqual(digest.themes.length * THEME_SHOWN_MAX * 2);
    expect(digest.seenBefore.length).toBe(SEEN_AGAIN);
    // Some theme has more updated papers than the page shows, so their link is followed too.
    expect(digest.themes.some((t) => t.updated.length > themeShare(digest.themes.length).updated)).toBe(true);
    expect(seenIds(weekPage)).toHaveLength(SEEN_BEFORE_SHOWN);
  });

  it("keeps every theme's section and anchor, its first papers in order, and links the rest", () => {
    for (const theme of digest.themes) {
      const anchor = `theme-${theme.id.replace(/[^A-Za-z0-9_-]/g, "-")}`;
      expect(weekPage).toContain(`<h2 id="${anchor}">`);
      expect(weekPage).toContain(`<a href="#${anchor}">`);
      const section = weekPage.slice(weekPage.indexOf(`<h2 id="${anchor}">`));
      const first = theme.papers.slice(0, THEME_SHOWN_MAX).map((p) => p.arxivId!);
      expect(paperIds(section).slice(0, first.length)).toEqual(first);
      if (theme.papers.length > THEME_SHOWN_MAX) {
        expect(section).toContain(`<a href="/digests/${WEEK}?theme=${encodeURIComponent(theme.id)}">All `);
      }
    }
  });

  it("shows each paper's TL;DR, not its summary", () => {
    const theme = digest.themes[0]!;
    const section = weekPage.slice(weekPage.indexOf(`<h2 id="theme-${theme.id}">`));
    for (const paper of theme.papers.slice(0, THEME_SHOWN_MAX)) {
      expect(paper.tldr).not.toBe(paper.summary);
      expect(paper.tldr.startsWith("We propose")).toBe(true);
      expect(section).toContain(`<p class="summary tldr">${paper.tldr}</p>`);
      expect(weekPage).not.toContain(paper.summary);
    }
  });
});

describe("following the week's links", () => {
  it("reaches every new and updated paper exactly once, a bounded page at a time", async () => {
    const themeLinks = [...new Set(hrefs(weekPage, /\?theme=[^&]+$/))];
    const expected = digest.themes.flatMap((t) => [...t.papers, ...t.updated].map((p) => p.arxivId!));
    expect(expected.length).toBe(PAPERS + UPDATED);
    const reached: string[] = [];
    // A theme the page shows whole has no link: its papers are all on the week's page.
    for (const theme of digest.themes) {
      const link = `/digests/${WEEK}?theme=${encodeURIComponent(theme.id)}`;
      if (!themeLinks.includes(link)) {
        expect(theme.papers.length).toBeLessThanOrEqual(THEME_SHOWN_MAX);
        const section = weekPage.slice(weekPage.indexOf(`<h2 id="theme-${theme.id}">`));
        reached.push(...paperIds(section.slice(0, section.indexOf("</section>"))));
        continue;
      }
      const pages = await allPages(link);
      expect(pages.length).toBe(Math.ceil((theme.papers.length + theme.updated.length) / LIST_PAGE_SIZE));
      for (const html of pages) {
        expect(bytes(html)).toBeLessThan(LIST_PAGE_MAX_BYTES);
        expect(paperIds(html).length).toBeLessThanOrEqual(LIST_PAGE_SIZE);
        reached.push(...paperIds(html));
      }
    }
    expect(themeLinks.length).toBeGreaterThan(0);
    expect(reached.length).toBe(expected.length);
    expect(new Set(reached).size).toBe(reached.length);
    expect([...reached].sort()).toEqual([...expected].sort());
  });

  it("reaches every record seen before exactly once", async () => {
    const [link] = hrefs(weekPage, /\?list=seen-before$/);
    expect(link).toBe(`/digests/${WEEK}?list=seen-before`);
    const reached = (await allPages(link!)).flatMap(seenIds);
    expect(reached.sort()).toEqual(digest.seenBefore.map((e) => e.links!.abs.split("/abs/")[1]!).sort());
  });
});

describe("a theme's list and its inputs", () => {
  it("a lower-case week redirects to its one address with the same query", async () => {
    const theme = digest.themes[0]!.id;
    const res = await call(`/digests/${WEEK.toLowerCase()}?theme=${theme}&page=2`, { redirect: "manual" });
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe(`/digests/${WEEK}?theme=${theme}&page=2`);
  });

  it("answers a theme the week does not have, or a page after the last, with a 404 page", async () => {
    const missing = await page(`/digests/${WEEK}?theme=t-none`, 404);
    expect(missing).toContain(`<h1>No such theme in ${WEEK}</h1>`);
    expect(missing).toContain("HTTP 404");
    const theme = digest.themes[0]!;
    const last = Math.ceil((theme.papers.length + theme.updated.length) / LIST_PAGE_SIZE);
    expect(await page(`/digests/${WEEK}?theme=${theme.id}&page=${last + 1}`, 404)).toContain(
      `<h1>No page ${last + 1}</h1>`,
    );
    await page(`/digests/${WEEK}?list=seen-before&page=2`, 404);
  });

  it("answers a malformed query with a 400 page, escaped, never a 5xx", async () => {
    const theme = digest.themes[0]!.id;
    for (const query of [
      `theme=${theme}&page=0`,
      `theme=${theme}&page=-1`,
      `theme=${theme}&page=1.5`,
      `theme=${theme}&page=abc`,
      `theme=${theme}&page=`,
      `theme=${theme}&page=99999999999999999999`,
      `theme=${theme}&page=1&page=2`,
      `theme=${theme}&theme=other`,
      "theme=",
      `theme=${"x".repeat(101)}`,
      `theme=${theme}&list=seen-before`,
      "list=everything",
      "page=2",
      "theme=%3Cscript%3E&page=%3Cimg%20src%3Dx%3E",
    ]) {
      const html = await page(`/digests/${WEEK}?${query}`, 400);
      expect(html, query).toContain("<h1>That is not a part of a week</h1>");
      expect(html).not.toContain("<img src=x>");
    }
  });

  it("ignores parameters it does not know", async () => {
    expect(bytes(await page(`/digests/${WEEK}?utm_source=mail`))).toBe(bytes(weekPage));
  });
});
