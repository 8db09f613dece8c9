/**
 * A subscription's own page (`/s/{id}?token=…&week=…`, issue #14), reached from the links of its
 * mails and Slack messages: the week in figures, its picks (each with 👍 / 👎 / Save buttons that
 * work, the reader's current signal pressed), its interests, the week's themes in brief, and the
 * whole week below in its order, bounded (subscriber-week.tsx). Links to other weeks keep the token.
 */

import type { Signal } from "../db/queries/feedback";
import type { SubscriptionRow } from "../db/queries/subscriptions";
import type { SubscriberDigest, SubscriberPick } from "../digest/subscriber-digest";
import { themeAnchor } from "../digest/theme-anchor";
import type { Digest, DigestPaper } from "../digest/types";
import { WeekTitle } from "./digest-view";
import { authorLine, count, formatDateTime, formatWeekDays, teamMarks } from "./format";
import { joinWithDots } from "./paper-item";
import { feedHref, pageHref, pickAnchor, type ReaderKey } from "./reader-addresses";
import { ReaderLayout } from "./reader-layout";
import { SignalForm } from "./signal-buttons";
import { InterestsSection, type ReaderInterests, type SubscriptionFilters } from "./subscriber-interests";
import { themeName, WholeWeek } from "./subscriber-week";

/** Papers the reader marked this week outside the picks, listed at most. */
const MARKED_SHOWN = 50;

const CHANNEL_WORDS: Record<SubscriptionRow["channel"], string> = {
  email: "The weekly digest of an e-mail subscription",
  slack: "The weekly digest of a Slack channel",
  webhook: "The weekly digest sent to a webhook",
};

export interface WeekNeighbours {
  previous: string | null;
  next: string | null;
}

export interface SubscriberPageProps {
  reader: ReaderKey;
  channel: SubscriptionRow["channel"];
  brief: SubscriberDigest;
  /** The week as published (unfiltered). */
  week: Digest;
  /** The week through the subscription's filters, in its order (rank/subscriber-ranking orderedDigest). */
  full: Digest;
  /** The reader's current signals by paper key. */
  signals: ReadonlyMap<string, Signal>;
  interests: ReaderInterests;
  filters: SubscriptionFilters;
  neighbours: WeekNeighbours;
}

function WeekNav({ reader, neighbours }: { reader: ReaderKey; neighbours: WeekNeighbours }) {
  if (!neighbours.previous && !neighbours.next) return null;
  return (
    <nav aria-label="Other weeks" class="pager">
      <p>
        {joinWithDots([
          neighbours.previous && (
            <a rel="prev" href={pageHref(reader, neighbours.previous)}>
              ← {neighbours.previous}
            </a>
          ),
          neighbours.next && (
            <a rel="next" href={pageHref(reader, neighbours.next)}>
              {neighbours.next} →
            </a>
          ),
        ])}
      </p>
    </nav>
  );
}

function Figures({ brief }: { brief: SubscriberDigest }) {
  const f = brief.figures;
  return (
    <section class="stats" aria-label="This week for this subscription">
      <p>
        <strong>{count(f.newPapers, "new paper")} for this subscription</strong> of {f.weekPapers} this week
        {f.themes > 0 ? `, in ${count(f.themes, "theme")}` : ""}
        {` · ${f.updated} updated · ${f.seenBefore} seen before`}
      </p>
      <p>
        {brief.ranking === "profile"
          ? "Ranked by its interests and its readers’ signals as they stand now."
          : "It has said nothing yet, so the picks are the week’s most representative papers; 👍 and 👎 make them its own."}
      </p>
    </section>
  );
}

function PickItem({
  pick,
  reader,
  week,
  signal,
}: {
  pick: SubscriberPick;
  reader: ReaderKey;
  week: string;
  signal: Signal | null;
}) {
  const meta = joinWithDots([
    authorLine(pick.authors),
    themeName(pick.theme),
    pick.arxivId ? `arXiv:${pick.arxivId}` : null,
  ]);
  return (
    <li id={pickAnchor(pick.key)}>
      <span class="paper-title">{pick.links ? <a href={pick.links.abs}>{pick.title}</a> : pick.title}</span>
      {meta.length > 0 ? <div class="meta">{meta}</div> : null}
      {pick.tldr ? <p class="summary">{pick.tldr}</p> : null}
      <p class="why">Why: {pick.why}</p>
      <SignalForm reader={reader} paperKey={pick.key} current={signal} week={week} />
    </li>
  );
}

/** The week's papers the reader marked that are not among the picks (a 👎 can push one out). */
function markedElsewhere(week: Digest, picks: SubscriberPick[], signals: ReadonlyMap<string, Signal>) {
  const inPicks = new Set(picks.map((p) => p.key));
  const seen = new Set<string>();
  const marked: Array<{ paper: DigestPaper; signal: Signal }> = [];
  for (const theme of week.themes) {
    for (const paper of [...theme.papers, ...theme.updated]) {
      const signal = signals.get(paper.key);
      if (!signal || inPicks.has(paper.key) || seen.has(paper.key)) continue;
      seen.add(paper.key);
      marked.push({ paper, signal });
    }
  }
  return marked;
}

function Picks({
  brief,
  reader,
  week,
  signals,
}: {
  brief: SubscriberDigest;
  reader: ReaderKey;
  week: Digest;
  signals: ReadonlyMap<string, Signal>;
}) {
  const marked = markedElsewhere(week, brief.picks, signals);
  return (
    <section aria-labelledby="picks">
      <h2 id="picks">{brief.picks.length > 0 ? `The ${count(brief.picks.length, "pick")}` : "The picks"}</h2>
      {brief.picks.length === 0 ? (
        <p>No new papers for this subscription this week{brief.status === "preview" ? " yet" : ""}.</p>
      ) : (
        <>
          <p class="terms">
            Press 👍, 👎 or Save: the next picks are ranked with it. A pressed button, pressed again, takes it
            back.
          </p>
          <ol class="papers picks">
            {brief.picks.map((pick) => (
              <PickItem
                pick={pick}
                reader={reader}
                week={brief.week}
                signal={signals.get(pick.key) ?? null}
              />
            ))}
          </ol>
        </>
      )}
      {marked.length > 0 ? (
        <>
          <h3>Also marked this week</h3>
          <ul class="papers picks">
            {marked.slice(0, MARKED_SHOWN).map(({ paper, signal }) => (
              <li id={pickAnchor(paper.key)}>
                <span class="paper-title">
                  {paper.links ? <a href={paper.links.abs}>{paper.title}</a> : paper.title}
                </span>
                <SignalForm reader={reader} paperKey={paper.key} current={signal} week={brief.week} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** What the subscription's readers liked and saved this week (issue #15), as the digest opens with it. */
function TeamPicks({ brief }: { brief: SubscriberDigest }) {
  if (brief.teamPicks.length === 0) return null;
  return (
    <section aria-labelledby="team-picks">
      <h2 id="team-picks">Team picks</h2>
      <p class="meta">What you and your team liked and saved this week.</p>
      <ul class="brief">
        {brief.teamPicks.map((pick) => (
          <li>
            {pick.links ? <a href={pick.links.abs}>{pick.title}</a> : pick.title}{" "}
            <span class="meta">{teamMarks(pick)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ThemesBrief({ brief }: { brief: SubscriberDigest }) {
  if (brief.themes.length === 0) return null;
  return (
    <section aria-labelledby="themes">
      <h2 id="themes">The week’s themes</h2>
      <ul class="brief">
        {brief.themes.map((theme) => (
          <li>
            <a href={`/digests/${brief.week}#${themeAnchor(theme)}`}>{themeName(theme)}</a>:{" "}
            {count(theme.papers, "paper")} for this subscription
            {theme.top.length > 0 ? <div class="top">{theme.top.map((p) => p.title).join(" · ")}</div> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function SubscriberPage(props: SubscriberPageProps) {
  const { reader, brief, week, full, signals, neighbours } = props;
  const days = formatWeekDays(new Date(brief.range.start), new Date(brief.range.end));
  return (
    <ReaderLayout title={`Week ${brief.week} for this subscription`}>
      <WeekTitle week={brief.week} status={brief.status} />
      <p class="sub">
        {CHANNEL_WORDS[props.channel]} · {days}
        {brief.status === "preview"
          ? ` · the week so far (as of ${formatDateTime(new Date(week.generatedAt))}); it changes as papers arrive`
          : ""}
      </p>
      <WeekNav reader={reader} neighbours={neighbours} />
      <Figures brief={brief} />
      <TeamPicks brief={brief} />
      <Picks brief={brief} reader={reader} week={week} signals={signals} />
      <InterestsSection subscriptionId={reader.id} interests={props.interests} filters={props.filters} />
      <ThemesBrief brief={brief} />
      <WholeWeek full={full} reader={reader} signals={signals} />
      <p class="meta">
        Also as an <a href={feedHref(reader)}>Atom feed of the picks</a>. This page’s address carries a key
        that opens it and its buttons: share it only with those who may mark papers for this subscription.
      </p>
    </ReaderLayout>
  );
}
