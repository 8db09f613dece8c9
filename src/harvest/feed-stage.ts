/**
 * The harvest's first stage: for each followed category, one request for arXiv's announcement feed
 * (the day's new papers, cross-lists and replacements at once), stored through the ingest path.
 */
import type { StoreIngest } from "../db/store-ingest";
import { RSS_ITEM_CAP, readRssFeed, rssUrl } from "./arxiv-rss";
import { isWeekend, newYorkDay, weekdayOf } from "./dates";
import type { HarvestSource } from "./followed";
import type { PoliteClient } from "./polite-client";
import type { HarvestSettings } from "./settings";
import { countReport, errorSample, joinNotes, problemsNote, type StageSummary } from "./stage-summary";

export interface FeedStageContext {
  client: PoliteClient;
  settings: Pick<HarvestSettings, "rssUrl">;
  storeIngest: StoreIngest;
  now: number;
  record: (summary: StageSummary) => Promise<void>;
}

const encoder = new TextEncoder();

/** Harvests every category's feed; returns how many requests were answered. */
export async function harvestFeeds(sources: HarvestSource[], ctx: FeedStageContext): Promise<number> {
  let answered = 0;
  for (const source of sources.filter((s) => s.kind === "category")) {
    const summary = await harvestFeed(source, ctx);
    if (summary.answered) answered++;
    await ctx.record(summary.row);
  }
  return answered;
}

async function harvestFeed(
  source: HarvestSource,
  { client, settings, storeIngest, now }: FeedStageContext,
): Promise<{ answered: boolean; row: StageSummary }> {
  const base = { source: source.name, stage: "rss" as const, received: 0, stored: 0, added: 0, gaps: 0 };
  const fallbackUnit = `announcement ${newYorkDay(now)}`;
  const answer = await client.get(rssUrl(settings.rssUrl, source.value));
  if (!answer.ok) {
    return {
      answered: false,
      row: {
        ...base,
        unit: fallbackUnit,
        expected: null,
        status: answer.kind === "budget" ? "deferred" : answer.kind === "refused" ? "error" : "failed",
        note:
          answer.kind === "budget"
            ? `${answer.message}: not asked in this run; the API windows cover the announcement`
            : `${answer.message}; retried next run, and the API windows cover the announcement`,
      },
    };
  }
  const feed = readRssFeed(answer.text);
  if (feed.kind === "unreadable") {
    return {
      answered: true,
      row: { ...base, unit: fallbackUnit, expected: null, status: "failed", note: feed.message },
    };
  }
  const day = feed.day ?? newYorkDay(now);
  const unit = `announcement ${day}`;
  if (feed.items === 0) {
    const why = isWeekend(day)
      ? "weekend: arXiv announces nothing on Saturdays and Sundays"
      : "an arXiv holiday, or the feed is not updated yet";
    return {
      answered: true,
      row: {
        ...base,
        unit,
        expected: 0,
        status: "no-announcement",
        note: `no announcement on ${weekdayOf(day)} ${day} (${why})`,
      },
    };
  }
  const { report } = await storeIngest(feed.parsed, {
    source: `harvest:${source.name}`,
    bytes: encoder.encode(answer.text).byteLength,
    now,
  });
  const counted = countReport(report, () => true);
  const gaps = Math.max(0, feed.items - counted.stored);
  return {
    answered: true,
    row: {
      ...base,
      unit,
      expected: feed.items,
      received: feed.items,
      stored: counted.stored,
      added: report.stored,
      gaps,
      status: gaps === 0 ? "complete" : "gaps",
      announced: feed.announced,
      verdicts: counted.verdicts,
      note: joinNotes(
        problemsNote(errorSample(feed.parsed)),
        gaps > 0 ? "the API window of their submission day retries them" : null,
        feed.items >= RSS_ITEM_CAP ? `the feed holds arXiv's maximum of ${RSS_ITEM_CAP} items` : null,
      ),
    },
  };
}
