/**
 * A published digest as stored (digest_parts): frozen forever, so it carries a schema version and is
 * checked with zod when read back. Version 1 is `{"schemaVersion": 1, "digest": Digest}`; rows
 * written before versioning hold the bare Digest and read as version 0. A later change of the Digest
 * shape adds a version here and a step that upgrades the older ones, so old weeks keep reading.
 */
import { z } from "zod";
import type { Database } from "../db/client";
import { loadFrozenDigest } from "../db/queries/digests";
import { describeIssues } from "../errors";
import type { Digest, DigestPaper, DigestTheme, HarvestStats, SeenBeforeEntry } from "./types";

export const FROZEN_DIGEST_VERSION = 1;

const Links = z.object({ abs: z.string(), pdf: z.string() }).nullable();

const Paper: z.ZodType<DigestPaper> = z
  .object({
    key: z.string(),
    arxivId: z.string().nullable(),
    title: z.string(),
    titleDerived: z.boolean(),
    authors: z.array(z.string()),
    categories: z.array(z.string()),
    summary: z.string(),
    // Digests frozen before the TL;DR existed show their summary in its place.
    tldr: z.string().optional(),
    verdict: z.enum(["new", "new-version"]),
    latestVersion: z.number().int().nullable(),
    themeSimilarity: z.number(),
    firstSeenAt: z.string(),
    links: Links,
    codeLinks: z.array(z.string()),
  })
  .transform((p) => ({ ...p, tldr: p.tldr ?? p.summary }));

const Theme: z.ZodType<DigestTheme> = z.object({
  id: z.string(),
  label: z.string(),
  terms: z.array(z.string()),
  kind: z.enum(["found", "operator", "other"]),
  isNew: z.boolean(),
  papers: z.array(Paper),
  updated: z.array(Paper),
});

const SeenBefore: z.ZodType<SeenBeforeEntry> = z.object({
  key: z.string(),
  title: z.string(),
  verdict: z.enum(["duplicate", "near-duplicate"]),
  similarity: z.number(),
  firstSeenWeek: z.string(),
  records: z.number().int(),
  links: Links,
});

const Harvest: z.ZodType<HarvestStats> = z.object({
  runs: z.number().int(),
  categories: z.array(
    z.object({
      category: z.string(),
      expected: z.number(),
      stored: z.number(),
      gaps: z.number(),
      failed: z.number(),
    }),
  ),
});

const DigestSchema: z.ZodType<Digest> = z.object({
  week: z.string().regex(/^\d{4}-W\d{2}$/),
  status: z.enum(["published", "preview"]),
  range: z.object({ start: z.string(), end: z.string() }),
  generatedAt: z.string(),
  themes: z.array(Theme),
  seenBefore: z.array(SeenBefore),
  stats: z.object({
    newPapers: z.number().int(),
    updatedPapers: z.number().int(),
    seenBefore: z.number().int(),
    verdicts: z.record(z.string(), z.number()),
    byTheme: z.array(z.object({ id: z.string(), label: z.string(), papers: z.number().int() })),
    previousWeeks: z.array(z.object({ week: z.string(), papers: z.number().int() })),
    changeFromPreviousWeek: z.number().int().nullable(),
    harvest: Harvest.optional(),
  }),
});

const Versioned = z.object({ schemaVersion: z.literal(FROZEN_DIGEST_VERSION), digest: DigestSchema });

/** The stored JSON of a digest being published. */
export function freezeDigest(digest: Digest): string {
  return JSON.stringify({ schemaVersion: FROZEN_DIGEST_VERSION, digest });
}

/** A stored digest, checked; a row that is not a digest of a known version is our fault and says why. */
export function thawDigest(json: string, week: string): Digest {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error(`the stored digest of ${week} is not JSON`);
  }
  const versioned = typeof value === "object" && value !== null && "schemaVersion" in value;
  const parsed = versioned
    ? Versioned.transform((v) => v.digest).safeParse(value)
    : DigestSchema.safeParse(value);
  if (!parsed.success) {
    throw new Error(`the stored digest of ${week} does not read: ${describeIssues(parsed.error.issues)}`);
  }
  return parsed.data;
}

/** A published week's digest as it was frozen, or null when the week is not published. */
export async function loadPublishedDigest(db: Database, week: string): Promise<Digest | null> {
  const json = await loadFrozenDigest(db, week);
  return json === null ? null : thawDigest(json, week);
}
