import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { latexToPlain } from "../../../src/ingest/text/latex";

describe("latexToPlain on real abstract snippets", () => {
  it.each([
    // Seeds and daily-arxiv abstracts, quoted as written.
    [
      "control domain configurations in BaTiO$_3$ thin films",
      "control domain configurations in BaTiO₃ thin films",
    ],
    ["played by an Fe$^{3+}$ magnon mode (Er$^{3+}$ spins)", "played by an Fe³⁺ magnon mode (Er³⁺ spins)"],
    [
      "Let $\\Lambda$ be an $n$-Auslander algebra with global dimension $n+1$.",
      "Let Λ be an n-Auslander algebra with global dimension n+1.",
    ],
    ["using only 55.8\\% of the FLOPs", "using only 55.8% of the FLOPs"],
    ["the regular part of their Fr\\'{e}chet derivative", "the regular part of their Fréchet derivative"],
    ["maintained by a Qu\\'ebec government institution", "maintained by a Québec government institution"],
    ['Na\\"ively applying image stylization', "Naïvely applying image stylization"],
    ["videos of k\\={a}k\\={a} (Nestor meridionalis)", "videos of kākā (Nestor meridionalis)"],
    ["collected at Centre Fran\\c{c}ois Baclesse", "collected at Centre François Baclesse"],
    ["Solving a conjecture of Erd\\H{o}s and Heilbronn", "Solving a conjecture of Erdős and Heilbronn"],
    ["the {\\L}ukasiewicz multivalent interpretation", "the Łukasiewicz multivalent interpretation"],
    ["(Ba\\~n\\'on et al., 2020)", "(Bañón et al., 2020)"],
    ["evolving by It\\^o stochastic processes", "evolving by Itô stochastic processes"],
    ["QCD-\\v{C}erenkov radiation", "QCD-Čerenkov radiation"],
    ["what the deepfake is ``seeing,'' that is", "what the deepfake is “seeing,” that is"],
    ["open-ended$\\unicode{x2014}$models should support", "open-ended—models should support"],
    ["sampling from $p(x_0 \\mid y)$.", "sampling from p(x₀ ∣ y)."],
    ["achieves $\\mathcal{O}(kL + \\pi\\log L)$ time", "achieves O(kL + πlog L) time"],
    ["report in \\(\\approx\\!300\\,\\text{ms}\\).", "report in ≈300 ms."],
    ["RMSE ($9.27^\\circ \\pm 4.80^\\circ$)", "RMSE (9.27° ± 4.80°)"],
    ["\\textbf{MARIS} (\\underline{Mar}ine Open-Vocabulary)", "MARIS (Marine Open-Vocabulary)"],
    ["algebras $sl_2({\\bold R})$", "algebras sl₂(R)"],
    ["a \\textit{modular} and \\emph{robust} \\texttt{API}", "a modular and robust API"],
    ["on $\\mathbb{R}^n$ with $\\epsilon \\leq 10^{-3}$", "on ℝⁿ with ε ≤ 10⁻³"],
    ["a $^{63,65}$Cu and $^{29}$Si NMR study", "a ⁶³,⁶⁵Cu and ²⁹Si NMR study"],
    [
      "available\\footnote{https://github.com/fishsure/MemWeaver}.",
      "available (https://github.com/fishsure/MemWeaver).",
    ],
    [
      "at \\href{https://github.com/laojiahuo2003/CXRAgent/}{link}.",
      "at link (https://github.com/laojiahuo2003/CXRAgent/).",
    ],
    [
      "$\\href{https://github.com/GiLonga/Geometric-Learning}{https://github.com/GiLonga/Geometric-Learning}$",
      "https://github.com/GiLonga/Geometric-Learning",
    ],
    ["survey paper generation \\cite{wang2406autosurvey, liang2025surveyx}.", "survey paper generation."],
    ["we built \\mname, trained with", "we built mname, trained with"],
    ["during \\revised{much of their} performance", "during much of their performance"],
  ])("%s", (latex, plain) => {
    expect(latexToPlain(latex)).toBe(plain);
  });

  it("renders a whole seed abstract without any LaTeX left", async () => {
    const seed = await (await env.FIXTURES.fetch("http://fixtures/seeds/002_3a1a5da40a18a229.txt")).text();
    const auslander = seed.split(/\n\s*\n/).find((paragraph) => paragraph.startsWith("Let $\\Lambda$"));
    expect(auslander).toBeDefined();
    const plain = latexToPlain(auslander!);
    expect(plain).not.toMatch(/[$\\{}]/);
    expect(plain).toContain("of linearly oriented type A in the sense of Iyama");
  });
});

describe("latexToPlain symbols and commands", () => {
  it.each([
    ["$\\alpha\\beta\\gamma\\Lambda\\Omega\\varphi$", "αβγΛΩφ"],
    ["$\\sim \\leq \\geq \\times \\infty \\pm \\approx \\rightarrow \\to \\neq$", "∼ ≤ ≥ × ∞ ± ≈ → → ≠"],
    ["$\\not\\in$ and $\\not=$", "∉ and ≠"],
    ["$\\frac{1}{2}$ and $\\frac{a+b}{c}$ and $\\sqrt{x+1}$", "1/2 and (a+b)/c and √(x+1)"],
    ["$x_{ij}$, $x_{i,j}$, $T_{\\rm eff}$, $M_\\odot$", "xᵢⱼ, xᵢ,ⱼ, T_eff, M_⊙"],
    ["$e^{i\\pi}$ and $f'(x)$", "e^iπ and f′(x)"],
    ["$\\hat{x}$, $\\bar{y}$, $\\vec v$", "x̂, ȳ, v⃗"],
    ["a~b, 1--2, a---b", "a b, 1–2, a—b"],
    ["\\& \\# \\_ \\$ \\{ \\}", "& # _ $ { }"],
    ["{\\bf bold} {\\it italic} \\textsc{Caps}", "bold italic Caps"],
    ["\\textcolor{blue}{blue text}", "blue text"],
    ["1\\textsuperscript{st} author\\textsuperscript{*}", "1st author*"],
    ["\\ss \\o \\AA \\ae", "ß ø Å æ"],
    ["\\eg, \\ie, \\etal", "e.g., i.e., et al."],
    ["\\begin{itemize}\\item one \\item two\\end{itemize}", " one two"],
  ])("%s", (latex, plain) => {
    expect(latexToPlain(latex)).toBe(plain);
  });

  it("keeps URLs intact, tildes and underscores included", () => {
    expect(latexToPlain("see https://x.org/~user/a_b--c and~more")).toBe(
      "see https://x.org/~user/a_b--c and more",
    );
    expect(latexToPlain("\\url{https://github.com/a/b\\_c}")).toBe("https://github.com/a/b_c");
  });

  it("drops the backslash of unknown commands and keeps the name", () => {
    expect(latexToPlain("We propose \\ours, and \\PiAttention{} wins.")).toBe(
      "We propose ours, and PiAttention wins.",
    );
  });

  it("does not reach Object.prototype through command names", () => {
    expect(latexToPlain("\\constructor \\toString \\__proto__")).toBe("constructor toString __proto__");
  });

  it("survives broken markup", () => {
    expect(latexToPlain("$x_")).toBe("x");
    expect(latexToPlain("\\frac{1}")).toBe("1/");
    expect(latexToPlain("{{{{unclosed")).toBe("unclosed");
    expect(latexToPlain("trailing \\")).toBe("trailing ");
    expect(latexToPlain("$unpaired math")).toBe("unpaired math");
    expect(latexToPlain("\\href{https://x.org}")).toBe("https://x.org");
  });

  it("flattens absurd nesting instead of recursing without bound", () => {
    const deep = `${"{".repeat(50_000)}x${"}".repeat(50_000)}`;
    expect(latexToPlain(deep)).toBe("x");
  });

  it("returns plain text unchanged", () => {
    const plain =
      "Scaling laws play an instrumental role (see Fig. 2): 23.8% improvement, 1.9x speedup & more.";
    expect(latexToPlain(plain)).toBe(plain);
  });
});

/** Characters that are LaTeX markup or ligature input; text without them must pass through untouched. */
const MARKUP = /[\\$_^~{}\-`']/;

describe("latexToPlain properties", () => {
  it("never throws on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        expect(typeof latexToPlain(text)).toBe("string");
      }),
      { numRuns: 3000 },
    );
  });

  it("never throws on LaTeX-like soup", () => {
    const piece = fc.constantFrom(
      "\\",
      "$",
      "$$",
      "{",
      "}",
      "_",
      "^",
      "\\frac",
      "\\sqrt[",
      "]",
      "\\'",
      "\\c",
      "\\href",
      "\\url{",
      "\\(",
      "\\)",
      "\\[",
      "\\]",
      "\\not",
      "\\unicode{x",
      "\\textbf{",
      "\\cite",
      "x",
      " ",
      "https://a.b/~c",
      "--",
      "``",
      "''",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        expect(typeof latexToPlain(pieces.join(""))).toBe("string");
      }),
      { numRuns: 3000 },
    );
  });

  it("is the identity on text without markup characters", () => {
    const plainText = fc.string({ maxLength: 300, unit: "grapheme" }).filter((text) => !MARKUP.test(text));
    fc.assert(
      fc.property(plainText, (text) => {
        expect(latexToPlain(text)).toBe(text);
      }),
      { numRuns: 3000 },
    );
  });

  it("is idempotent on text without markup characters (and so on its own plain output)", () => {
    const plainText = fc.string({ maxLength: 300 }).filter((text) => !MARKUP.test(text));
    fc.assert(
      fc.property(plainText, (text) => {
        const once = latexToPlain(text);
        expect(latexToPlain(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });
});
