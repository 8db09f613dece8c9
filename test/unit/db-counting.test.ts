import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client";
import { countingD1 } from "../../src/db/counting-d1";
import { papers } from "../../src/db/schema";

describe("countingD1", () => {
  it("counts statements run directly, through drizzle and in batches, and still returns D1's results", async () => {
    const counted = countingD1(env.DB);
    expect(await counted.d1.prepare("SELECT 1 AS one").first()).toEqual({ one: 1 });
    expect(counted.statements()).toBe(1);
    const results = await counted.d1.batch([
      counted.d1.prepare("SELECT ?1 AS v").bind(2),
      counted.d1.prepare("SELECT ?1 AS v").bind(3),
    ]);
    expect(results.map((r) => r.results)).toEqual([[{ v: 2 }], [{ v: 3 }]]);
    expect(counted.statements()).toBe(3);
    const db = openDatabase(counted.d1);
    await db.select().from(papers).limit(1);
    await db.batch([db.select().from(papers).limit(1), db.select().from(papers).limit(2)]);
    expect(counted.statements()).toBe(6);
  });
});
