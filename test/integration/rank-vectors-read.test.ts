/**
 * Reading examples' stored vectors the isolate does not have: every asked paper that has a vector,
 * with its tag, however many are asked, and none that is missing or has no vector.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { loadRankVectors } from "../../src/db/queries/rank-inputs";
import { db } from "../support/db";

const COUNT = 600;
const keyOf = (i: number) => `arxiv:2502.${String(i).padStart(5, "0")}`;

beforeAll(async () => {
  const rows = Array.from({ length: COUNT }, (_, i) => ({
    key: keyOf(i),
    // Every tenth paper has no vector (stored before vectors were).
    vector: i % 10 === 0 ? null : `r2:${"A".repeat(i % 7)}${i}`,
  }));
  await env.DB.prepare(
    `INSERT INTO papers (key, headline, abstract, abstract_plain, fingerprint, first_seen_at, last_changed_at, rank_vector, rank_vector_tag)
     SELECT json_extract(value, '$.key'), 'A headline', 'An abstract.', 'An abstract.', json_extract(value, '$.key'), 1, 1,
       json_extract(value, '$.vector'), CASE WHEN json_extract(value, '$.vector') IS NULL THEN NULL ELSE 't' || json_extract(value, '$.key') END
     FROM json_each(?1)`,
  )
    .bind(JSON.stringify(rows))
    .run();
});

describe("loadRankVectors", () => {
  it("reads every asked paper that has a vector, with its tag, and leaves the others out", async () => {
    const asked = [...Array.from({ length: COUNT }, (_, i) => keyOf(i)), "arxiv:2502.99999"];
    const read = await loadRankVectors(db(), asked);
    const expected = Array.from({ length: COUNT }, (_, i) => i)
      .filter((i) => i % 10 !== 0)
      .map((i) => ({
        key: keyOf(i),
        rankVector: `r2:${"A".repeat(i % 7)}${i}`,
        rankVectorTag: `t${keyOf(i)}`,
      }));
    expect([...read].sort((a, b) => a.key.localeCompare(b.key))).toEqual(expected);
    expect(await loadRankVectors(db(), [])).toEqual([]);
  });
});
