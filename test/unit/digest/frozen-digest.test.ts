import { describe, expect, it } from "vitest";
import { FROZEN_DIGEST_VERSION, freezeDigest, thawDigest } from "../../../src/digest/frozen-digest";
import { sampleDigest } from "../../support/sample-digest";

describe("frozen digests", () => {
  it("are stored with their schema version and read back as they were", () => {
    const digest = sampleDigest();
    const json = freezeDigest(digest);
    expect(JSON.parse(json)).toMatchObject({
      schemaVersion: FROZEN_DIGEST_VERSION,
      digest: { week: digest.week },
    });
    expect(thawDigest(json, digest.week)).toEqual(digest);
  });

  it("read rows frozen before versioning (the bare digest)", () => {
    const digest = sampleDigest();
    expect(thawDigest(JSON.stringify(digest), digest.week)).toEqual(digest);
  });

  it("refuse a row that is not a digest of a known version, saying where", () => {
    const digest = sampleDigest();
    expect(() => thawDigest("{", digest.week)).toThrow(/is not JSON/);
    expect(() => thawDigest(JSON.stringify({ schemaVersion: 99, digest }), digest.week)).toThrow(
      /schemaVersion/,
    );
    const broken = { ...digest, stats: { ...digest.stats, newPapers: "12" } };
    expect(() => thawDigest(JSON.stringify(broken), digest.week)).toThrow(/stats\.newPapers/);
  });
});
