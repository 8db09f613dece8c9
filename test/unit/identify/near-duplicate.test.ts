import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { PERTURBATIONS, seededRandom } from "../../../scripts/lib/perturb";
import { candidateKeys } from "../../../src/identify/similarity/candidate-keys";
import { isSamePaperText } from "../../../src/identify/similarity/near-duplicate";
import { sketchPlainText } from "../../../src/identify/similarity/shingles";
import { compareSketches } from "../../../src/identify/similarity/text-similarity";
import { latexToPlain } from "../../../src/ingest/text/latex";
import { fixtureText } from "../../support/api";

interface Daily {
  id: string;
  summary: string;
}

let abstracts: Daily[] = [];

beforeAll(async () => {
  const seen = new Set<string>();
  for (const line of (await fixtureText("data/daily-arxiv/2025-10-01.jsonl")).split("\n")) {
    if (!line.trim()) continue;
    const rec = JSON.parse(line) as Daily;
    if (!seen.has(rec.id)) abstracts.push(rec);
    seen.add(rec.id);
  }
  // Long enough to have several sentences to drop or reorder.
  abstracts = abstracts.filter((a) => a.summary.split(/(?<=\.)\s+/).length >= 5);
});

function sketch(abstract: string) {
  const plain = latexToPlain(abstract);
  const text = sketchPlainText(plain);
  return { text, bands: new Set(candidateKeys(plain, text)) };
}

/** Same paper by the engine's two steps: an LSH candidate, then confirmed by the exact measure. */
function detectedAsSame(a: string, b: string): boolean {
  const x = sketch(a);
  const y = sketch(b);
  const candidate = [...x.bands].some((k) => y.bands.has(k));
  const sim = compareSketches(x.text, y.text);
  return candidate && isSamePaperText(sim, Math.min(x.text.shingles.size, y.text.shingles.size));
}

describe("near-duplicate detection on perturbed real abstracts", () => {
  for (const [name, perturb] of Object.entries(PERTURBATIONS)) {
    it(`recognises a copy with ${name}`, () => {
      fc.assert(
        fc.property(fc.nat(abstracts.length - 1), fc.integer(), (i, seed) => {
          const original = abstracts[i]!.summary;
          return detectedAsSame(original, perturb(original, seededRandom(seed)));
        }),
        { numRuns: 150 },
      );
    });
  }

  it("keeps distinct papers apart, even when one reuses the other's opening", () => {
    fc.assert(
      fc.property(fc.nat(abstracts.length - 1), fc.nat(abstracts.length - 1), (i, j) => {
        fc.pre(i !== j);
        return !detectedAsSame(abstracts[i]!.summary, abstracts[j]!.summary);
      }),
      { numRuns: 500 },
    );
  });
});

describe("close but different papers", () => {
  it("keeps one author's follow-up apart although it reuses the introduction", async () => {
    // 2510.25378 and 2511.08877 (same author): Jaccard 0.61, containment 0.77 — distinct papers.
    const byId = new Map<string, string>();
    for (const file of ["data/daily-arxiv/2025-10-30.jsonl", "data/daily-arxiv/2025-11-13.jsonl"]) {
      for (const line of (await fixtureText(file)).split("\n")) {
        if (line.trim()) {
          const rec = JSON.parse(line) as Daily;
          byId.set(rec.id, rec.summary);
        }
      }
    }
    const a = byId.get("2510.25378");
    const b = byId.get("2511.08877");
    expect(a && b).toBeTruthy();
    expect(detectedAsSame(a!, b!)).toBe(false);
  });

  it("separates two abstracts that share a sentence of boilerplate", () => {
    const shared = "We release our code and data to the community to foster further research in this area.";
    const a = `${abstracts[0]!.summary} ${shared}`;
    const b = `${abstracts[1]!.summary} ${shared}`;
    expect(detectedAsSame(a, b)).toBe(false);
  });
});
