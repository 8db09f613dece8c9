/**
 * A digest as the pages show it (on `/` and on `/digests/{week}`): the week heading, the preview
 * banner while the week is still open, the figures, a theme index, each theme, and "seen before".
 */
import type { Child } from "hono/jsx";
import type { Digest } from "../digest/types";
import { DigestStatsBlock } from "./digest-stats";
import { count, formatDateTime, formatDay, formatWeekDays } from "./format";
import { SeenBeforeSection } from "./seen-before";
import { orderThemes, ThemeSection, themeAnchor, themeHeading } from "./theme-section";

/** 08:00 UTC on the Monday the week ends, when the weekly cron publishes it. */
export function publicationTime(digest: Digest): Date {
  return new Date(new Date(digest.range.end).getTime() + 8 * 3_600_000);
}

function PreviewBanner({ digest }: { digest: Digest }) {
  return (
    <div class="banner" role="note">
      <strong>Preview:</strong> this is the week so far (as of {formatDateTime(new Date(digest.generatedAt))}
      ). It changes as papers arrive and will be published on Monday {formatDay(publicationTime(digest))} at
      08:00 UTC.
    </div>
  );
}

export interface DigestViewProps {
  digest: Digest;
  /** Shown right after the figures (the chart, on `/`). */
  afterStats?: Child;
}

export function DigestView({ digest, afterStats }: DigestViewProps) {
  const themes = orderThemes(digest.themes);
  const days = formatWeekDays(new Date(digest.range.start), new Date(digest.range.end));
  return (
    <article>
      <h1>
        Week {digest.week}
        {digest.status === "preview" ? (
          <>
            {" "}
            <span class="badge preview">preview</span>
          </>
        ) : null}
      </h1>
      <p class="sub">
        {days}
        {digest.status === "published" ? ` · published ${formatDateTime(new Date(digest.generatedAt))}` : ""}
      </p>
      {digest.status === "preview" ? <PreviewBanner digest={digest} /> : null}
      <DigestStatsBlock stats={digest.stats} />
      {afterStats}
      {themes.length === 0 ? (
        <p>No new papers this week yet.</p>
      ) : (
        <nav aria-label="Themes this week">
          <ul class="legend">
            {themes.map((theme) => (
              <li>
                <a href={`#${themeAnchor(theme)}`}>{themeHeading(theme)}</a> ({theme.papers.length})
              </li>
            ))}
          </ul>
        </nav>
      )}
      {themes.map((theme) => (
        <ThemeSection theme={theme} />
      ))}
      <SeenBeforeSection entries={digest.seenBefore} />
      {themes.length > 0 || digest.seenBefore.length > 0 ? (
        <p class="meta">
          {count(digest.stats.newPapers, "new paper")} this week. Older weeks are in the{" "}
          <a href="/digests">archive</a>.
        </p>
      ) : null}
    </article>
  );
}
