/** Derived unsubscribe tokens (issue #11): the shape of every token, stored only as a hash, rebuilt by the key. */
import { describe, expect, it } from "vitest";
import { looksLikeToken } from "../../../src/security/tokens";
import {
  issueUnsubscribeToken,
  storedFormsOf,
  UNSUBSCRIBE_PREFIX,
  unsubscribeTokenOf,
} from "../../../src/security/unsubscribe-token";

const SECRET = "a-secret-of-the-operator";

const sha256 = async (text: string) =>
  [...new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)))]
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("");

describe("unsubscribe tokens", () => {
  it("look like every other token and are stored as their SHA-256 only", async () => {
    const { token, stored } = await issueUnsubscribeToken("sub-1", SECRET);
    expect(looksLikeToken(token, UNSUBSCRIBE_PREFIX)).toBe(true);
    expect(stored).toBe(`sha256:${await sha256(token)}`);
    expect(stored).not.toContain(token.slice(6));
  });

  it("differ per subscription and per key", async () => {
    const a = await issueUnsubscribeToken("sub-1", SECRET);
    const b = await issueUnsubscribeToken("sub-2", SECRET);
    const c = await issueUnsubscribeToken("sub-1", `${SECRET}!`);
    expect(new Set([a.token, b.token, c.token]).size).toBe(3);
  });

  it("are rebuilt from the id and the key at delivery time, and refused under another key", async () => {
    const { token, stored } = await issueUnsubscribeToken("sub-1", SECRET);
    expect(await unsubscribeTokenOf({ id: "sub-1", unsubscribeTokenStored: stored }, SECRET)).toBe(token);
    expect(
      await unsubscribeTokenOf({ id: "sub-1", unsubscribeTokenStored: stored }, "another-key-entirely"),
    ).toBeNull();
  });

  it("keep a legacy token (stored as issued) as it is, and look both forms up", async () => {
    const legacy = `unsub_${"L".repeat(43)}`;
    expect(await unsubscribeTokenOf({ id: "old", unsubscribeTokenStored: legacy }, SECRET)).toBe(legacy);
    expect(await storedFormsOf(legacy)).toEqual([`sha256:${await sha256(legacy)}`, legacy]);
  });
});
