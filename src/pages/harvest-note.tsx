/** What the bot follows on arXiv and how its last harvest went (issue #7), for the home page. */
import type { harvestPageData } from "../harvest/audit";

export type HarvestNoteData = Awaited<ReturnType<typeof harvestPageData>>;

export function HarvestNote({ data }: { data: HarvestNoteData }) {
  const followed = [...data.categories, ...data.queries.map((q) => `“${q}”`)];
  const last = data.lastRun;
  return (
    <section aria-labelledby="harvest-heading">
      <h2 id="harvest-heading">Followed on arXiv</h2>
      <p>
        {followed.length > 0
          ? `Every day the bot fetches new announcements in ${followed.join(", ")}.`
          : "The bot follows no arXiv categories yet; abstracts arrive only when someone sends them."}{" "}
        {last
          ? `Last harvest ${last.at.slice(0, 16).replace("T", " ")} UTC (${last.status}): ${last.stored} stored${
              last.gaps > 0 ? `, ${last.gaps} still missing and retried next run` : ""
            }.`
          : followed.length > 0
            ? "No harvest has run yet."
            : ""}
      </p>
    </section>
  );
}
