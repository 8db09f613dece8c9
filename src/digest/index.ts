/**
 * The digest stage of the pipeline (ingest → identify → themes → digest → deliver).
 * Routes and the cron call only what is exported here.
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
