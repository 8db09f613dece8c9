/** `/digests`: every published week, newest first, and the current week while it is a preview. */
import { weekRange } from "../digest/iso-week";
import type { ArchiveEntry } from "../digest/types";
import { count, formatDateTime, formatWeekDays } from "./format";
import { Layout } from "./layout";

function ArchiveItem({ entry }: { entry: ArchiveEntry }) {
  const { start, end } = weekRange(entry.week);
  const days = formatWeekDays(new Date(start), new Date(end));
  return (
    <li>
      <a href={`/digests/${encodeURIComponent(entry.week)}`}>Week {entry.week}</a>
      {entry.status === "preview" ? (
        <>
          {" "}
          <span class="badge preview">preview</span>
        </>
      ) : null}
      <div class="meta">
        {days} · {count(entry.newPapers, "new paper")}
        {entry.status === "published"
          ? ` · published ${formatDateTime(new Date(entry.generatedAt))}`
          : " · the week so far"}
      </div>
      {entry.topThemes.length > 0 ? <div>Top themes: {entry.topThemes.join("; ")}</div> : null}
    </li>
  );
}

export function ArchivePage({ entries }: { entries: ArchiveEntry[] }) {
  return (
    <Layout title="Archive" current="archive">
      <h1>Archive</h1>
      <p class="sub">Every weekly digest, newest first.</p>
      {entries.length === 0 ? (
        <p>
          No digests yet. The first one is published on the Monday after the first papers arrive; until then
          the <a href="/">latest page</a> shows the week so far.
        </p>
      ) : (
        <ul class="archive">
          {entries.map((entry) => (
            <ArchiveItem entry={entry} />
          ))}
        </ul>
      )}
    </Layout>
  );
}
