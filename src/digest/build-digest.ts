/**
 * One week's digest from what happened in it and where its papers went: pure, so the published
 * digest and the live preview are built the same way and tests need no storage.
 */
import type { MatchedAgainRow, WeekActivity, WeekPaperRow } from "../db/queries/week-activity";
import { tldr } from "../ingest/text/tldr";
import { type Assignment, type OperatorTheme, OTHER_THEME_ID, type Theme } from "../themes";
import { arxivLinks } from "./arxiv-links";
import { summariseHarvestWeek } from "./harvest-week";
import { isoWeekOf, weekRange } from "./iso-week";
import { OTHER_LABEL } from "./other-theme";
import { summarise } from "./summary";
import type {
  Digest,
  DigestPaper,
  DigestStatus,
  DigestTheme,
  DigestThemeKind,
  SeenBeforeEntry,
  WeekCount,
} from "./types";

export interface DigestInputs {
  week: string;
  status: DigestStatus;
  generatedAt: number;
  activity: WeekActivity;
  /** Where each of `activity.newPapers` went (paperId = paper key). */
  assignments: Assignment[];
  /** Found themes as they stand after this week (previous ones and the week's new ones). */
  foundThemes: Theme[];
  operatorThemes: OperatorTheme[];
  /** Labels of themes that are neither (retired operator themes an older paper still sits in). */
  otherLabels: Map<string, string>;
  /** New papers in the weeks before, oldest first. */
  previousWeeks: WeekCount[];
}

interface ThemeInfo {
  label: string;
  terms: string[];
  kind: DigestThemeKind;
  isNew: boolean;
}

function themeDirectory(inputs: DigestInputs): (id: string) => ThemeInfo {
  const byId = new Map<string, ThemeInfo>();
  for (const t of inputs.foundThemes) {
    byId.set(t.id, { label: t.label, terms: t.terms, kind: "found", isNew: t.createdWeek === inputs.week });
  }
  for (const t of inputs.operatorThemes) {
    byId.set(t.id, { label: t.name, terms: t.keywords ?? [], kind: "operator", isNew: false });
  }
  const other: ThemeInfo = { label: OTHER_LABEL, terms: [], kind: "other", isNew: false };
  return (id) => {
    const known = byId.get(id);
    if (known) return known;
    const label = inputs.otherLabels.get(id);
    return label ? { label, terms: [], kind: "operator", isNew: false } : other;
  };
}

function digestPaper(row: WeekPaperRow, verdict: DigestPaper["verdict"], similarity: number): DigestPaper {
  return {
    key: row.key,
    arxivId: row.arxivId,
    title: row.title ?? row.headline,
    titleDerived: row.title === null,
    authors: row.authors,
    categories: row.categories,
    summary: summarise(row.abstractPlain),
    tldr: tldr(row.abstractPlain),
    verdict,
    latestVersion: row.latestVersion,
    themeSimilarity: Math.round(similarity * 1000) / 1000,
    firstSeenAt: new Date(row.firstSeenAt).toISOString(),
    links: arxivLinks(row.arxivId),
    codeLinks: row.codeLinks,
  };
}

function seenBeforeEntry(row: MatchedAgainRow): SeenBeforeEntry {
  return {
    key: row.key,
    title: row.title ?? row.headline,
    verdict: row.verdict,
    similarity: Math.round(row.similarity * 1000) / 1000,
    firstSeenWeek: isoWeekOf(row.firstSeenAt),
    records: row.records,
    links: arxivLinks(row.arxivId),
  };
}

const byRank = (a: DigestPaper, b: DigestPaper) =>
  b.themeSimilarity - a.themeSimilarity || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export function buildDigest(inputs: DigestInputs): Digest {
  const { week, activity } = inputs;
  const describe = themeDirectory(inputs);
  const sections = new Map<string, DigestTheme>();
  const section = (id: string): DigestTheme => {
    let s = sections.get(id);
    if (!s) {
      const info = describe(id);
      s = { id: info.kind === "other" ? OTHER_THEME_ID : id, ...info, papers: [], updated: [] };
      sections.set(s.id, s);
    }
    return s;
  };

  const placed = new Map(inputs.assignments.map((a) => [a.paperId, a]));
  for (const row of activity.newPapers) {
    const a = placed.get(row.key);
    section(a?.themeId ?? OTHER_THEME_ID).papers.push(digestPaper(row, "new", a?.similarity ?? 0));
  }
  for (const row of activity.updated) {
    section(row.themeId ?? OTHER_THEME_ID).updated.push(digestPaper(row, "new-version", 0));
  }

  const themes = [...sections.values()];
  for (const t of themes) {
    t.papers.sort(byRank);
    t.updated.sort(byRank);
  }
  // Largest first; Other last, whatever its size.
  themes.sort(
    (a, b) =>
      Number(a.kind === "other") - Number(b.kind === "other") ||
      b.papers.length - a.papers.length ||
      b.updated.length - a.updated.length ||
      (a.id < b.id ? -1 : 1),
  );

  const previous = inputs.previousWeeks.at(-1);
  const harvest = activity.harvest && summariseHarvestWeek(activity.harvest.coverage, activity.harvest.runs);
  const { start, end } = weekRange(week);
  return {
    week,
    status: inputs.status,
    range: { start: new Date(start).toISOString(), end: new Date(end).toISOString() },
    generatedAt: new Date(inputs.generatedAt).toISOString(),
    themes,
    seenBefore: activity.matchedAgain.map(seenBeforeEntry),
    stats: {
      newPapers: activity.newPapers.length,
      updatedPapers: activity.updated.length,
      seenBefore: activity.matchedAgain.length,
      verdicts: activity.verdicts,
      byTheme: themes
        .filter((t) => t.papers.length > 0)
        .map((t) => ({ id: t.id, label: t.label, papers: t.papers.length })),
      previousWeeks: inputs.previousWeeks,
      changeFromPreviousWeek: previous ? activity.newPapers.length - previous.papers : null,
      ...(harvest ? { harvest } : {}),
    },
  };
}

/** The week's largest themes' labels, largest first (up to 3): its line in the archive. */
export function topThemeLabels(digest: Digest): string[] {
  return digest.themes
    .filter((t) => t.kind !== "other" && t.papers.length > 0)
    .slice(0, 3)
    .map((t) => t.label);
}
