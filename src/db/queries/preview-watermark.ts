/**
 * A fingerprint of everything the current week's preview is built from: it changes whenever an
 * ingest, a theme change, a publication or a harvest could change the preview, so a preview built
 * at the same watermark can be served again (digest/preview-cache.ts). One indexed query.
 */
import type { Database } from "../client";

export async function previewWatermark(db: Database, weekStart: number): Promise<string> {
  const row = await db.$client
    .prepare(
      `SELECT
         (SELECT count(*) || ':' || coalesce(max(last_changed_at), 0) FROM papers WHERE first_seen_at >= ?1),
         (SELECT coalesce(max(id), 0) FROM paper_versions),
         (SELECT coalesce(max(id), 0) FROM record_matches),
         (SELECT count(*) FROM paper_aliases),
         (SELECT coalesce(max(received_at), 0) FROM ingest_batches),
         (SELECT count(*) || ':' || coalesce(max(updated_week), '') || ':' || coalesce(sum(retired_at), 0)
            || ':' || group_concat(id || label || keywords || coalesce(description, ''), '|')
          FROM themes),
         (SELECT coalesce(max(week), '') FROM digests),
         (SELECT count(*) || ':' || coalesce(max(started_at), 0) || ':' || coalesce(max(finished_at), 0)
          FROM harvest_runs WHERE started_at >= ?1)`,
    )
    .bind(weekStart)
    .raw();
  return JSON.stringify(row[0] ?? []);
}
