/**
 * Records of the week that matched papers first seen in earlier weeks: re-posts and lightly edited
 * copies. Shows the entries it is given (the first ones on the week's page, one page of the list on
 * `?list=seen-before`, digest-bounds.ts) and `more` after them.
 */
import type { Child } from "hono/jsx";
import type { SeenBeforeEntry } from "../digest/types";
import { count, percent } from "./format";

function matchText(entry: SeenBeforeEntry): string {
  return entry.verdict === "near-duplicate"
    ? `near-duplicate, ${percent(entry.similarity)} similar`
    : "duplicate";
}

export function SeenBeforeSection({ entries, more }: { entries: SeenBeforeEntry[]; more?: Child }) {
  if (entries.length === 0) return null;
  return (
    <section aria-labelledby="seen-before">
      <h2 id="seen-before">Seen before</h2>
      <p class="terms">Records this week that match papers first seen in an earlier week.</p>
      <ul class="seen">
        {entries.map((entry) => (
          <li>
            {entry.links ? <a href={entry.links.abs}>{entry.title}</a> : entry.title}
            <div class="meta">
              {matchText(entry)} · first seen in{" "}
              <a href={`/digests/${encodeURIComponent(entry.firstSeenWeek)}`}>{entry.firstSeenWeek}</a> ·{" "}
              {count(entry.records, "record")} this week
            </div>
          </li>
        ))}
      </ul>
      {more}
    </section>
  );
}
