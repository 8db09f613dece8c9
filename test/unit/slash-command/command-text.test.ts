import { describe, expect, it } from "vitest";
import { parseCommandText, unwrapSlackLink } from "../../../src/slash-command/command-text";

describe("parseCommandText", () => {
  it("reads every paper reference form as a lookup", () => {
    for (const ref of [
      "2403.02545",
      "2403.02545v2",
      "arXiv:2403.02545",
      "arxiv:2403.02545",
      "hep-th/9901001",
      "https://arxiv.org/abs/2403.02545v1",
      "https://arxiv.org/pdf/2403.02545.pdf",
      "http://export.arxiv.org/abs/hep-th/9901001v3",
      "10.48550/arXiv.2403.02545",
      "fp:0123456789abcdef",
    ]) {
      expect(parseCommandText(ref), ref).toEqual({ kind: "lookup", ref });
      expect(parseCommandText(`  ${ref}\u00a0`), ref).toEqual({ kind: "lookup", ref });
    }
  });

  it("unwraps links Slack wrapped in angle brackets", () => {
    expect(parseCommandText("<https://arxiv.org/abs/2403.02545|arxiv.org/abs/2403.02545>")).toEqual({
      kind: "lookup",
      ref: "https://arxiv.org/abs/2403.02545",
    });
    expect(parseCommandText("share <https://arxiv.org/abs/2403.02545>")).toEqual({
      kind: "share",
      ref: "https://arxiv.org/abs/2403.02545",
    });
    expect(unwrapSlackLink("plain")).toBe("plain");
  });

  it("reads the subcommands, case-insensitively", () => {
    expect(parseCommandText("")).toEqual({ kind: "help" });
    expect(parseCommandText("HELP")).toEqual({ kind: "help" });
    expect(parseCommandText("search  graph   neural networks")).toEqual({
      kind: "search",
      words: "graph neural networks",
    });
    expect(parseCommandText("Search AT&amp;T &lt;b&gt;")).toEqual({ kind: "search", words: "AT&T <b>" });
    expect(parseCommandText("subscribe")).toEqual({ kind: "subscribe", args: "" });
    expect(parseCommandText("subscribe t3, graph neural")).toEqual({
      kind: "subscribe",
      args: "t3, graph neural",
    });
    expect(parseCommandText("unsubscribe")).toEqual({ kind: "unsubscribe" });
    expect(parseCommandText("themes")).toEqual({ kind: "themes" });
    expect(parseCommandText("digest")).toEqual({ kind: "digest", week: null });
    expect(parseCommandText("digest 2026-w7")).toEqual({ kind: "digest", week: "2026-W07" });
    expect(parseCommandText("share 2403.02545v2")).toEqual({ kind: "share", ref: "2403.02545v2" });
  });

  it("explains what is missing or unrecognised, suggesting a search for plain words", () => {
    const usage = (text: string) => parseCommandText(text);
    expect(usage("search")).toMatchObject({ kind: "usage", problem: expect.stringContaining("search") });
    expect(usage("share")).toMatchObject({ kind: "usage", problem: expect.stringContaining("share") });
    expect(usage("share nonsense")).toMatchObject({
      kind: "usage",
      problem: expect.stringContaining("not an arXiv"),
    });
    expect(usage("themes please")).toMatchObject({ kind: "usage" });
    expect(usage("unsubscribe now")).toMatchObject({ kind: "usage" });
    expect(usage("digest last week")).toMatchObject({ kind: "usage" });
    expect(usage("graph neural networks")).toEqual({
      kind: "usage",
      problem: expect.stringContaining("neither a subcommand"),
      suggestion: "search graph neural networks",
    });
    expect(usage("2403.02545 2401.01873")).toMatchObject({ kind: "usage" });
    expect(usage("9999.99999")).toMatchObject({ kind: "usage" });
    expect(usage("x".repeat(500))).toMatchObject({
      kind: "usage",
      problem: expect.stringMatching(/^"x{59}…"/),
    });
  });
});
