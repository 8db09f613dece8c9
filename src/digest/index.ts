/**
 * The digest stage of the pipeline (ingest → identify → themes → digest → deliver): what routes
 * and jobs use. Services beside it (deliver/, pages/, lookup/) import the digest's types and small
 * helpers (iso-week, summary, arxiv-links) from their own files.
 */

export { type AssembledWeek, assembleWeek } from "./assemble-week";
export { isoWeekOf, parseIsoWeek, shiftWeek, weekRange } from "./iso-week";
export { type PublishReport, publishDueWeeks } from "./publish-due-weeks";
export {
  loadArchive,
  loadDigestForWeek,
  loadLatestDigest,
  loadLatestWithPreview,
  loadPreview,
  loadThemeHistory,
} from "./read-digests";
export type {
  ArchiveEntry,
  Digest,
  DigestPaper,
  DigestStats,
  DigestStatus,
  DigestTheme,
  SeenBeforeEntry,
  ThemeHistory,
  WeekCount,
} from "./types";
