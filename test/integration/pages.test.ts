import { describe, expect, it } from "vitest";
import { call, fixtureText, ingest } from "../support/api";

describe("GET /", () => {
  it("says what the bot is and invites ingesting when empty", async () => {
    const res = await call("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain("<h1>arxiv-digest</h1>");
    expect(html).toContain("0 papers stored");
    expect(html).toContain("npm run ingest");
  });

  it("lists the latest papers with their headlines and arXiv links, escaped", async () => {
    await ingest(await fixtureText("seeds/000_6a4379718c0c1abb.txt"));
    await ingest(
      JSON.stringify({
        id: "2501.99001",
        title: "<script>alert(1)</script> & friends",
        abstract: "An abstract.",
      }),
    );
    const html = await (await call("/")).text();
    expect(html).toContain("11 papers stored");
    expect(html).toContain("MoMa: modality-aware mixture-of-experts");
    expect(html).toContain('href="https://arxiv.org/abs/2407.21770"');
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; friends");
    expect(html).not.toContain("<script>alert(1)</script>");
  });
});
