/**
 * The verdict engine's working memory: what storage holds for the batch, plus everything the
 * batch has decided so far, so a paper seen twice in one request is recognised the second time.
 */
import { latexToPlain } from "../ingest/text/latex";
import { isIdlessKey } from "./fingerprint";
import { sketchPlainText, type TextSketch } from "./similarity/shingles";
import { topCandidates } from "./similarity/top-candidates";
import type { NewVersionRow, PaperState, VersionState } from "./types";

export interface TrackedVersion extends VersionState {
  /** Set for a row created in this batch: updates go to the pending insert. */
  pending?: NewVersionRow;
  sketch?: TextSketch;
}

export class IdentityIndex {
  private readonly papers = new Map<string, PaperState>();
  private readonly versions = new Map<string, TrackedVersion[]>();
  private readonly keyByFingerprint = new Map<string, string>();
  private readonly papersByBand = new Map<number, Set<string>>();
  private readonly knownMatches = new Set<string>();

  paper(key: string): PaperState | undefined {
    return this.papers.get(key);
  }

  putPaper(paper: PaperState): void {
    this.papers.set(paper.key, paper);
  }

  dropPaper(key: string): void {
    this.papers.delete(key);
  }

  versionsOf(key: string): TrackedVersion[] {
    return this.versions.get(key) ?? [];
  }

  addVersion(version: TrackedVersion): void {
    const list = this.versions.get(version.paperKey);
    if (list) list.push(version);
    else this.versions.set(version.paperKey, [version]);
    this.registerFingerprint(version.fingerprint, version.paperKey);
  }

  addBands(paperKey: string, bandKeys: number[]): void {
    for (const band of bandKeys) {
      const keys = this.papersByBand.get(band);
      if (keys) keys.add(paperKey);
      else this.papersByBand.set(band, new Set([paperKey]));
    }
  }

  paperKeyForText(fingerprint: string): string | undefined {
    return this.keyByFingerprint.get(fingerprint);
  }

  /** The papers sharing the most candidate keys with a record, with the sketch of each of their texts. */
  nearCandidates(bandKeys: number[], accept: (key: string) => boolean) {
    return topCandidates(
      bandKeys,
      (band) => this.papersByBand.get(band) ?? [],
      (key) => accept(key) && this.papers.has(key),
    ).map((paperKey) => ({ paperKey, texts: this.versionsOf(paperKey).map(sketchOf) }));
  }

  /** Registers a (paper, text) match; true the first time it is seen. */
  recordMatch(paperKey: string, fingerprint: string): boolean {
    this.registerFingerprint(fingerprint, paperKey);
    const id = `${paperKey} ${fingerprint}`;
    if (this.knownMatches.has(id)) return false;
    this.knownMatches.add(id);
    return true;
  }

  /** Re-points everything known under `fromKey` to `intoKey` (an absorbed id-less paper). */
  moveAll(fromKey: string, intoKey: string): void {
    const moved = this.versionsOf(fromKey);
    for (const version of moved) {
      version.paperKey = intoKey;
      if (version.pending) version.pending.paperKey = intoKey;
    }
    this.versions.set(intoKey, [...this.versionsOf(intoKey), ...moved]);
    this.versions.delete(fromKey);
    for (const [fingerprint, key] of this.keyByFingerprint) {
      if (key === fromKey) this.keyByFingerprint.set(fingerprint, intoKey);
    }
    for (const keys of this.papersByBand.values()) {
      if (keys.delete(fromKey)) keys.add(intoKey);
    }
    for (const id of [...this.knownMatches]) {
      if (id.startsWith(`${fromKey} `)) this.knownMatches.add(`${intoKey} ${id.slice(fromKey.length + 1)}`);
    }
    this.dropPaper(fromKey);
  }

  // When one text belongs to several papers, the paper with an arXiv id is the better answer.
  private registerFingerprint(fingerprint: string, paperKey: string): void {
    const current = this.keyByFingerprint.get(fingerprint);
    if (current === undefined || (isIdlessKey(current) && !isIdlessKey(paperKey))) {
      this.keyByFingerprint.set(fingerprint, paperKey);
    }
  }
}

function sketchOf(version: TrackedVersion): TextSketch {
  version.sketch ??= sketchPlainText(latexToPlain(version.abstract));
  return version.sketch;
}
