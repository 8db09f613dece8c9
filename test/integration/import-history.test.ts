/**
 * Importing history (contract "Importing history"): `POST /api/ingest?receivedAt=` dates records as
 * received then, so past weeks get their digests; bad or future instants are 400; a paper already
 * stored keeps its first-seen time; a week already published refuses new papers and changes nothing.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { isoWeekOf, publishDueWeeks } from "../../src/digest";
import { ADMIN_TOKEN, call, tableCounts } from "../support/api";
import { db, wipeData } from "../support/db";
import { asJsonLines, topicalPapers } from "../support/topical-papers";

function postIngestWithQuery(body: string, query: string): Promise<Response> {
  return call(`/api/ingest?${query}`, {
    method: "POST",
    body,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
}

const postIngestAt = (body: string, receivedAt: string) =>
  postIngestWithQuery(body, `receivedAt=${encodeURIComponent(receivedAt)}`);

async function firstSeen(key: string): Promise<number | null> {
  const row = await env.DB.prepare("SELECT first_seen_at AS at FROM papers WHERE key = ?")
    .bind(key)
    .first<{ at: number }>();
  return row?.at ?? null;
}

describe("POST /api/ingest?receivedAt=", () => {
  beforeAll(wipeData);

  it("dates new papers as received at the instant, and their week is published as that week", async () => {
    const papers = topicalPapers("retrieval", 6, 100, 1);
    const res = await postIngestAt(asJsonLines(papers), "2025-10-07T09:30:00Z");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { records: { verdict: string }[] };
    expect(body.records.map((r) => r.verdict)).toEqual(Array(6).fill("new"));
    expect(await firstSeen("arxiv:2510.00100")).toBe(Date.parse("2025-10-07T09:30:00Z"));
    const report = await publishDueWeeks(db(), Date.now());
    expect(report.published.map((p) => p.week)).toEqual(["2025-W41"]);
    expect(report.published[0]!.newPapers).toBe(6);
  });

  it("accepts a date alone as 00:00 UTC and an offset instant", async () => {
    const a = topicalPapers("robotics", 1, 200, 2);
    expect((await postIngestAt(asJsonLines(a), "2025-10-14")).status).toBe(200);
    expect(await firstSeen("arxiv:2510.00200")).toBe(Date.parse("2025-10-14T00:00:00Z"));
    const b = topicalPapers("robotics", 1, 201, 3);
    expect((await postIngestAt(asJsonLines(b), "2025-10-14T02:00:00+02:00")).status).toBe(200);
    expect(await firstSeen("arxiv:2510.00201")).toBe(Date.parse("2025-10-14T00:00:00Z"));
  });

  it("keeps a stored paper's first-seen time when it is imported again at another instant", async () => {
    const again = topicalPapers("robotics", 1, 200, 2);
    const res = await postIngestAt(asJsonLines(again), "2025-10-15T12:00:00Z");
    expect(res.status).toBe(200);
    expect(((await res.json()) as { records: { verdict: string }[] }).records[0]!.verdict).toBe("duplicate");
    expect(await firstSeen("arxiv:2510.00200")).toBe(Date.parse("2025-10-14T00:00:00Z"));
  });

  it.each([
    ["an instant in the future", new Date(Date.now() + 3_600_000).toISOString(), "received_at_in_future"],
    ["a local time without a zone", "2025-10-07T09:30:00", "invalid_received_at"],
    ["a date that does not exist", "2025-02-30", "invalid_received_at"],
    ["words", "last tuesday", "invalid_received_at"],
    ["a time before arXiv", "1980-01-01T00:00:00Z", "invalid_received_at"],
  ])("refuses %s with 400 and stores nothing", async (_what, receivedAt, code) => {
    const before = await tableCounts();
    const res = await postIngestAt(asJsonLines(topicalPapers("audio", 2, 300, 4)), receivedAt);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code, message: expect.any(String) } });
    expect(await tableCounts()).toEqual(before);
  });

  it("refuses new papers in a week whose digest is published (409), storing nothing, but re-posts stay duplicates", async () => {
    const before = await tableCounts();
    const late = topicalPapers("security", 3, 400, 5);
    const res = await postIngestAt(asJsonLines(late), "2025-10-08T10:00:00Z");
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      error: { code: "week_published", message: expect.stringContaining("3 record") },
    });
    expect(await tableCounts()).toEqual(before);
    // What the published week already has is a duplicate, and fine.
    const repost = await postIngestAt(
      asJsonLines(topicalPapers("retrieval", 6, 100, 1)),
      "2025-10-08T10:00:00Z",
    );
    expect(repost.status).toBe(200);
  });

  it("is ordinary ingest without the parameter: received now", async () => {
    const res = await postIngestWithQuery(asJsonLines(topicalPapers("audio", 1, 500, 6)), "source=test");
    expect(res.status).toBe(200);
    expect(isoWeekOf((await firstSeen("arxiv:2510.00500"))!)).toBe(isoWeekOf(Date.now()));
  });
});
