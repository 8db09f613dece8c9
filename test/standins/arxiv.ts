/**
 * arXiv stand-in for every host ending in `arxiv.standin.test` (each test file or test uses its own
 * host): the API (`GET /api/query`) and the announcement feeds (`GET /rss/<category>`), answering
 * from fixture files read from disk (this runs in Node, in the vitest process).
 *
 * `POST http://standins/arxiv/setup` with
 *   { "origin": "https://t1.arxiv.standin.test",
 *     "api": { "<subject>": { "batches": [{ "at": "2024-01-15T12:00:00Z", "files": ["data/arxiv-atom/…"] }],
 *                             "emptyPages"?: { "from": 0, "count": 1 } } },
 *     "rss": { "<category>": "rss/harvest/….xml" } }
 * replaces that origin's set-up. `<subject>` is what precedes ` AND lastUpdatedDate:[…]` in the
 * harvest's `search_query` (`cat:cs.LG`, `(all:testing)`).
 *
 * The API answers like arXiv: the entries of the subject's batches whose `at` falls in the query's
 * `lastUpdatedDate` range (arXiv filters on its own dates; a batch's `at` stands for them, so real
 * recorded entries can be served for any window), in batch order, each paper once, sliced by
 * `start`/`max_results`, inside the header of a real arXiv response with `opensearch:totalResults`,
 * `startIndex` and `itemsPerPage` set. Entries are copied byte for byte from the fixture files.
 * `emptyPages` makes the next `count` requests at `start >= from` answer with the true total but no
 * entries, as arXiv does while entries are not yet visible. Feeds are served verbatim.
 * Scripted answers (`POST /script`) come first, as for every stand-in (registry.ts).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { StandIn } from "./types";

interface ApiSubject {
  batches: { at: string; files: string[] }[];
  emptyPages?: { from: number; count: number };
}

interface OriginSetup {
  api: Record<string, ApiSubject>;
  rss: Record<string, string>;
}

const FIXTURES = path.resolve(process.cwd(), "test", "fixtures");
// A real arXiv answer with no entries: its header is the frame every API answer is built in.
const EMPTY_ANSWER = "data/arxiv-atom/id_0000.0000_s0_m100_8b51d9633a68.xml";

const setups = new Map<string, OriginSetup>();

function fixture(rel: string): string {
  const full = path.resolve(FIXTURES, rel);
  if (!full.startsWith(FIXTURES)) throw new Error(`fixture outside test/fixtures: ${rel}`);
  return readFileSync(full, "utf8");
}

const ENTRY = /<entry>[\s\S]*?<\/entry>/g;
const ENTRY_ID = /<id>\s*https?:\/\/arxiv\.org\/abs\/([^<\s]+?)(?:v\d+)?\s*<\/id>/;

/** The entries of the subject's batches in [from, to] (`YYYYMMDDHHMM`), each paper once. */
function catalog(subject: ApiSubject, from: string, to: string): string[] {
  const seen = new Set<string>();
  const entries: string[] = [];
  for (const batch of subject.batches) {
    const at = new Date(batch.at).toISOString().replace(/[-:T]/g, "").slice(0, 12);
    if (at < from || at > to) continue;
    for (const file of batch.files) {
      for (const entry of fixture(file).match(ENTRY) ?? []) {
        const id = ENTRY_ID.exec(entry)?.[1] ?? entry;
        if (seen.has(id)) continue;
        seen.add(id);
        entries.push(entry);
      }
    }
  }
  return entries;
}

function feed(total: number, start: number, perPage: number, entries: string[]): string {
  const frame = fixture(EMPTY_ANSWER)
    .replace(/<opensearch:itemsPerPage>\d+/, `<opensearch:itemsPerPage>${perPage}`)
    .replace(/<opensearch:totalResults>\d+/, `<opensearch:totalResults>${total}`)
    .replace(/<opensearch:startIndex>\d+/, `<opensearch:startIndex>${start}`);
  const body = entries.map((e) => `  ${e}\n`).join("");
  return frame.replace("</feed>", `${body}</feed>`);
}

const RANGE = /^(.*) AND lastUpdatedDate:\[(\d{12}) TO (\d{12})\]$/;

function answerApi(setup: OriginSetup, url: URL): Response {
  const query = url.searchParams.get("search_query") ?? "";
  const range = RANGE.exec(query);
  if (!range) return new Response(`stand-in: unexpected search_query ${query}`, { status: 400 });
  const [, subjectName, from, to] = range as unknown as [string, string, string, string];
  const start = Number(url.searchParams.get("start") ?? 0);
  const perPage = Number(url.searchParams.get("max_results") ?? 10);
  const subject = setup.api[subjectName] ?? { batches: [] };
  const entries = catalog(subject, from, to);
  const empty = subject.emptyPages;
  let page = entries.slice(start, start + perPage);
  if (empty && empty.count > 0 && start >= empty.from) {
    empty.count--;
    page = [];
  }
  return new Response(feed(entries.length, start, perPage, page), {
    headers: { "content-type": "application/atom+xml; charset=utf-8" },
  });
}

export const arxivStandIn: StandIn = {
  name: "arxiv",
  matches: (url) => url.hostname.endsWith("arxiv.standin.test"),
  async handle(request) {
    const url = new URL(request.url);
    const setup = setups.get(url.origin);
    if (!setup) return new Response(`stand-in: no set-up for ${url.origin}`, { status: 404 });
    if (url.pathname === "/api/query") return answerApi(setup, url);
    const rss = /^\/rss\/(.+)$/.exec(url.pathname);
    const file = rss ? setup.rss[decodeURIComponent(rss[1]!)] : undefined;
    if (file) {
      return new Response(fixture(file), {
        headers: { "content-type": "application/rss+xml; charset=utf-8" },
      });
    }
    return new Response("Not Found", { status: 404 });
  },
  async control(request, action) {
    if (request.method === "POST" && action === "setup") {
      const body = (await request.json()) as { origin: string } & Partial<OriginSetup>;
      setups.set(new URL(body.origin).origin, { api: body.api ?? {}, rss: body.rss ?? {} });
      return Response.json({ ok: true });
    }
    return new Response("unknown arxiv stand-in control", { status: 404 });
  },
};
