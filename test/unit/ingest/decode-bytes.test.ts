import { describe, expect, it } from "vitest";
import { decodeBytes } from "../../../src/ingest/decode-bytes";

const bytes = (...parts: Array<string | number[]>) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...new TextEncoder().encode(p)] : p)));

describe("decodeBytes (issue #11)", () => {
  it("reads valid UTF-8 as UTF-8", () => {
    expect(decodeBytes(bytes("Schrödinger – ∂ 😀"))).toBe("Schrödinger – ∂ 😀");
  });

  it("keeps UTF-8 when a stray byte sits beside real UTF-8: U+FFFD for that byte only", () => {
    expect(decodeBytes(bytes("Schrödinger\ncaf", [0xe9], "\n"))).toBe("Schrödinger\ncaf\uFFFD\n");
    // A truncated sequence at the end, and a lone continuation byte.
    expect(decodeBytes(bytes("Gödel ", [0x80], " Möbius ", [0xe2, 0x88]))).toBe("Gödel \uFFFD Möbius \uFFFD");
  });

  it("reads a body whose non-ASCII bytes are mostly not UTF-8 as ISO-8859-1", () => {
    expect(decodeBytes(bytes("G", [0xe9], "om", [0xe9], "trie ", [0xc9], "pijournal"))).toBe(
      "Géométrie Épijournal",
    );
  });

  it("drops NUL characters", () => {
    expect(decodeBytes(bytes("a", [0], "b"))).toBe("ab");
    expect(decodeBytes(bytes("caf", [0xe9, 0], "!"))).toBe("café!");
  });
});
