/**
 * A digest as the pages show it (on `/` and on `/digests/{week}`): the week heading, the preview
 * banner while the week is still open, the figures, a theme index, each theme, and "seen before".
 * Bounded (digest-bounds.ts): each theme shows its first papers and links its whole list, so the
 * page's size does not grow with the week's papers; every theme keeps its section and its anchor.
 */
import type { Child } from "hono/jsx";
import type { Digest, DigestTheme } from "../digest/types";
import {
  firstUpdatedPage,
  pageCount,
  SEEN_BEFORE_SHOWN,
  seenBeforeHref,
  type ThemeShare,
  themeListHref,
  themePages,
  themeShare,
} from "./digest-bounds";
import { DigestStatsBlock } from "./digest-stats";
import { count, formatDateTime, formatDay, formatWeekDays } from "./format";
import { MoreLink } from "./list-links";
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

/** A theme on the week's page: its first papers, and links to its list where some are left out. */
function ThemeFirstPapers({ week, theme, share }: { week: string; theme: DigestTheme; share: ThemeShare }) {
  const heading = themeHeading(theme);
  const morePapers =
    theme.papers.length > share.papers ? (
      <MoreLink
        href={themeListHref(week, theme.id)}
        text={`All ${count(theme.papers.length, "new paper")} in ${heading}`}
        pages={themePages(theme)}
      />
    ) : null;
  const moreUpdated =
    theme.updated.length > share.updated ? (
      <MoreLink
        href={themeListHref(week, theme.id, firstUpdatedPage(theme))}
        text={`All ${count(theme.updated.length, "updated paper")} in ${heading}`}
        pages={themePages(theme) - firstUpdatedPage(theme) + 1}
      />
    ) : null;
  return (
    <ThemeSection
      theme={theme}
      papers={theme.papers.slice(0, share.papers)}
      updated={theme.updated.slice(0, share.updated)}
      morePapers={morePapers}
      moreUpdated={moreUpdated}
    />
  );
}

export interface DigestViewProps {
  digest: Digest;
  /** Shown right after the figures (the chart, on `/`). */
  afterStats?: Child;
}

/** "Week 2026-W47", marked while it is a preview (the week's page, its lists, a subscriber's page). */
export function WeekTitle({ week, status }: { week: string; status: Digest["status"] }) {
  return (
    <h1>
      Week {week}
      {status === "preview" ? (
        <>
          {" "}
          <span class="badge preview">preview</span>
        </>
      ) : null}
    </h1>
  );
}

/** The week's h1 (marked while a preview) and its days, on the week's page and on its lists. */
export function WeekHeading({ digest }: { digest: Digest }) {
  const days = formatWeekDays(new Date(digest.range.start), new Date(digest.range.end));
  return (
    <>
      <WeekTitle week={digest.week} status={digest.status} />
      <p class="sub">
        {days}
        {digest.status === "published" ? ` · published ${formatDateTime(new Date(digest.generatedAt))}` : ""}
      </p>
    </>
  );
}

export function DigestView({ digest, afterStats }: DigestViewProps) {
  const themes = orderThemes(digest.themes);
  const share = themeShare(themes.length);
  const seen = digest.seenBefore;
  return (
    <article>
      <WeekHeading digest={digest} />
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
        <ThemeFirstPapers week={digest.week} theme={theme} share={share} />
      ))}
      <SeenBeforeSection
        entries={seen.slice(0, SEEN_BEFORE_SHOWN)}
        more={
          seen.length > SEEN_BEFORE_SHOWN ? (
            <MoreLink
              href={seenBeforeHref(digest.week)}
              text={`All ${count(seen.length, "record")} seen before`}
              pages={pageCount(seen.length)}
            />
          ) : null
        }
      />
      {themes.length > 0 || digest.seenBefore.length > 0 ? (
        <p class="meta">
          {count(digest.stats.newPapers, "new paper")} this week. Older weeks are in the{" "}
          <a href="/digests">archive</a>.
        </p>
      ) : null}
    </article>
  );
}
