import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { call, fixtureText, ingest, postIngest, tableCounts } from "../support/api";

async function errorOf(res: Response) {
  return ((await res.json()) as { error: { code: string; message: string } }).error;
}

describe("POST /api/ingest guards", () => {
  it("answers 401 without a token and with a wrong one, storing nothing", async () => {
    const body = await fixtureText("seeds/000_6a4379718c0c1abb.txt");
    const none = await call("/api/ingest", { method: "POST", body });
    expect(none.status).toBe(401);
    expect((await errorOf(none)).code).toBe("unauthorized");
    const wrong = await postIngest(body, { authorization: "Bearer not-the-token" });
    expect(wrong.status).toBe(401);
    expect((await errorOf(wrong)).code).toBe("invalid_token");
    expect((await tableCounts()).papers).toBe(0);
  });

  it("answers 413 to a body over the limit and stores nothing", async () => {
    const limit = Number(env.INGEST_MAX_BYTES);
    const seed = await fixtureText("seeds/000_6a4379718c0c1abb.txt");
    const big = seed.repeat(Math.ceil((limit + 1) / seed.length));
    const res = await postIngest(big);
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe("payload_too_large");
    expect((await tableCounts()).papers).toBe(0);
  });

  it("answers 400 to an empty body and 415 to text in no known format", async () => {
    const empty = await postIngest("  \n ");
    expect(empty.status).toBe(400);
    expect((await errorOf(empty)).code).toBe("empty_body");
    const junk = await postIngest("hello, this is not a paper\nnor is this line");
    expect(junk.status).toBe(415);
    expect((await errorOf(junk)).code).toBe("unsupported_format");
    expect((await tableCounts()).papers).toBe(0);
  });

  it("reports invalid entries in `errors` with verdict `invalid` and stores the valid ones", async () => {
    const lines = [
      JSON.stringify({
        id: "2401.00001",
        abstract: "A first abstract about graph neural networks and their limits.",
      }),
      "{not json",
      JSON.stringify({ id: "2401.00002", title: "No abstract here" }),
      JSON.stringify({
        id: "2401.00003",
        summary: "A third abstract, about protein folding with diffusion models.",
      }),
    ].join("\n");
    const res = await ingest(lines);
    expect(res.received).toBe(4);
    expect(res.records.map((r) => r.verdict)).toEqual(["new", "invalid", "invalid", "new"]);
    expect(res.errors.map((e) => e.index)).toEqual([1, 2]);
    expect(res.stored).toBe(2);
  });

  it("never answers 5xx, whatever the body", async () => {
    const seed = await fixtureText("seeds/002_3a1a5da40a18a229.txt");
    const atom = await fixtureText("data/arxiv-atom/id_1707.08567_s0_m100_6a1afebfc6a3.xml");
    const body = fc.oneof(
      fc.string({ maxLength: 2000 }),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.array(fc.jsonValue(), { maxLength: 5 }).map((a) => a.map((v) => JSON.stringify(v)).join("\n")),
      fc
        .tuple(fc.integer({ min: 0, max: seed.length }), fc.string({ maxLength: 50 }))
        .map(([at, junk]) => seed.slice(0, at) + junk + seed.slice(at)),
      fc
        .tuple(fc.integer({ min: 0, max: atom.length }), fc.integer({ min: 0, max: 200 }))
        .map(([at, cut]) => atom.slice(0, at) + atom.slice(at + cut)),
    );
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const res = await postIngest(text);
        await res.body?.cancel();
        return res.status < 500;
      }),
      { numRuns: 150 },
    );
  });
});
