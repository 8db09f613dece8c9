/**
 * The whole week on a subscriber's page, in the subscription's order (its filters and excluded words
 * applied, each theme best first): compact lines, a title and a 👍 link each, and bounded. At most
 * WEEK_LIST_MAX papers are listed, shared fairly among the themes, each theme linking the rest of
 * its list on the public week page; so the page stays small whatever the week's size.
 */
import type { Signal } from "../db/queries/feedback";
import { themeAnchor } from "../digest/theme-anchor";
import type { Digest, DigestPaper, DigestTheme } from "../digest/types";
import { themeListHref } from "./digest-bounds";
import { count } from "./format";
import { feedbackHref, type ReaderKey } from "./reader-addresses";
import { SIGNAL_WORDS } from "./signal-buttons";

/** Papers of the whole week the page lists, at most. */
export const WEEK_LIST_MAX = 200;

/**
 * How many papers each theme lists when `budget` are shared among themes of `sizes` papers:
 * every theme gets the same number, a small theme its all and the rest go to the larger ones.
 */
export function listShares(sizes: readonly number[], budget: number): number[] {
  const shares = sizes.map(() => 0);
  let left = budget;
  let open = sizes.flatMap((size, i) => (size > 0 ? [i] : []));
  while (left > 0 && open.length > 0) {
    const each = Math.max(1, Math.floor(left / open.length));
    for (const i of open) {
      const give = Math.min(each, sizes[i]! - shares[i]!, left);
      shares[i]! += give;
      left -= give;
    }
    open = open.filter((i) => shares[i]! < sizes[i]!);
  }
  return shares;
}

/** "Other papers" for the catch-all theme; an operator's blank label reads as the theme's id. */
export function themeName(theme: { id: string; label: string; kind?: DigestTheme["kind"] }): string {
  if (theme.kind === "other" || theme.id === "other") return "Other papers";
  return theme.label.trim() || `Theme ${theme.id}`;
}

interface LineProps {
  paper: DigestPaper;
  reader: ReaderKey;
  signal: Signal | undefined;
}

function PaperLine({ paper, reader, signal }: LineProps) {
  return (
    <li>
      {paper.links ? <a href={paper.links.abs}>{paper.title}</a> : paper.title}
      {signal ? (
        <span class="chosen">· yours: {SIGNAL_WORDS[signal].button}</span>
      ) : (
        <a class="mark" href={feedbackHref(reader, paper.key, "up")} aria-label="👍 more like this">
          👍
        </a>
      )}
    </li>
  );
}

export interface WholeWeekProps {
  /** The week through the subscription's filters, in its order. */
  full: Digest;
  reader: ReaderKey;
  signals: ReadonlyMap<string, Signal>;
}

export function WholeWeek({ full, reader, signals }: WholeWeekProps) {
  const themes = full.themes.filter((t) => t.papers.length > 0);
  const shares = listShares(
    themes.map((t) => t.papers.length),
    WEEK_LIST_MAX,
  );
  const total = themes.reduce((n, t) => n + t.papers.length, 0);
  const updated = full.themes.reduce((n, t) => n + t.updated.length, 0);
  return (
    <section aria-labelledby="week">
      <h2 id="week">The whole week for you</h2>
      <p class="terms">
        {count(total, "new paper")} passed this subscription’s filters, in its order
        {total > WEEK_LIST_MAX ? `; the first ${WEEK_LIST_MAX} are listed here` : ""}. 👍 opens a page whose
        button records it.
      </p>
      {themes.map((theme, i) => {
        const shown = shares[i]!;
        return (
          <>
            <h3 id={`week-${themeAnchor(theme)}`}>{themeName(theme)}</h3>
            <p class="terms">{count(theme.papers.length, "new paper")}</p>
            <ul class="compact">
              {theme.papers.slice(0, shown).map((paper) => (
                <PaperLine paper={paper} reader={reader} signal={signals.get(paper.key)} />
              ))}
            </ul>
            {theme.papers.length > shown ? (
              <p class="more">
                <a href={themeListHref(full.week, theme.id)}>
                  {count(theme.papers.length - shown, "more paper")} in {themeName(theme)}
                </a>{" "}
                (the public list, in the week’s order)
              </p>
            ) : null}
          </>
        );
      })}
      <p class="meta">
        {updated > 0 || full.seenBefore.length > 0
          ? `${count(updated, "paper")} updated this week and ${count(full.seenBefore.length, "record")} seen before are on the public page. `
          : ""}
        The whole week, unfiltered, is on the public page:{" "}
        <a href={`/digests/${full.week}`}>week {full.week}</a>.
      </p>
    </section>
  );
}
