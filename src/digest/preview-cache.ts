/**
 * The current week's preview costs a theme-engine run (seconds of CPU at thousands of papers), and
 * `/`, `/api/digests/latest`, `/api/themes` and Slack all show it. An isolate keeps the last preview
 * it built per database and serves it again while the watermark (db/queries/preview-watermark.ts)
 * is unchanged, so only a request after a change pays for a rebuild.
 */
import type { Database } from "../db/client";
import { previewWatermark } from "../db/queries/preview-watermark";
import { isoWeekOf, weekRange } from "./iso-week";
import type { Digest } from "./types";

interface Entry {
  week: string;
  watermark: string;
  preview: Promise<Digest>;
}

const entries = new WeakMap<object, Entry>();

export async function cachedPreview(
  db: Database,
  now: number,
  build: (db: Database, now: number) => Promise<Digest>,
): Promise<Digest> {
  const week = isoWeekOf(now);
  const watermark = await previewWatermark(db, weekRange(week).start);
  const hit = entries.get(db.$client);
  if (hit && hit.week === week && hit.watermark === watermark) return hit.preview;
  const preview = build(db, now);
  const entry = { week, watermark, preview };
  entries.set(db.$client, entry);
  // A failed build is not kept.
  preview.catch(() => entries.get(db.$client) === entry && entries.delete(db.$client));
  return preview;
}
