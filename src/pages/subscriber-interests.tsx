/**
 * A subscription's interests and filters on its page (read-only, anchor `#interests`): what the
 * ranking starts from. The reader token does not change them (it only opens the page, the feed and
 * the feedback buttons); the section says how to.
 */
import { count } from "./format";

/** The interests as subscribe/interests.ts `interestsView` answers them. */
export interface ReaderInterests {
  papers: Array<{ ref: string; given: string; source: "papers" | "bibtex"; paper: string | null }>;
  authors: string[];
  keywords: string[];
  exclude: string[];
  updatedAt: string | null;
}

export interface SubscriptionFilters {
  /** Theme filters, by label where the week names them. */
  themes: string[];
  query: string | null;
}

/** Seed papers listed; a whole BibTeX export can hold hundreds. */
const SEEDS_SHOWN = 30;

function Words({ label, words }: { label: string; words: string[] }) {
  if (words.length === 0) return null;
  return (
    <li>
      {label}: {words.map((w) => `“${w}”`).join(", ")}
    </li>
  );
}

export interface InterestsSectionProps {
  subscriptionId: string;
  interests: ReaderInterests;
  filters: SubscriptionFilters;
}

export function InterestsSection({ subscriptionId, interests, filters }: InterestsSectionProps) {
  const { papers, authors, keywords, exclude } = interests;
  const said = papers.length + authors.length + keywords.length + exclude.length > 0;
  const waiting = papers.filter((p) => p.paper === null).length;
  return (
    <section aria-labelledby="interests">
      <h2 id="interests">Interests</h2>
      {said ? (
        <ul>
          {papers.length > 0 ? (
            <li>
              Papers like {count(papers.length, "seed paper")}
              {waiting > 0 ? ` (${waiting} not in the bot yet: they count once they arrive)` : ""}:{" "}
              {papers
                .slice(0, SEEDS_SHOWN)
                .map((p) => p.given)
                .join(", ")}
              {papers.length > SEEDS_SHOWN ? `, and ${papers.length - SEEDS_SHOWN} more` : ""}
            </li>
          ) : null}
          <Words label="Authors followed" words={authors} />
          <Words label="Keywords" words={keywords} />
          <Words label="Never papers mentioning" words={exclude} />
        </ul>
      ) : (
        <p>
          None yet: the picks start from the week’s most representative papers, and every 👍, 👎 and Save
          makes them more yours.
        </p>
      )}
      {filters.themes.length > 0 || filters.query ? (
        <p>
          Filters:{" "}
          {[
            filters.themes.length > 0
              ? `only the themes ${filters.themes.map((t) => `“${t}”`).join(", ")}`
              : null,
            filters.query ? `only papers matching “${filters.query}”` : null,
          ]
            .filter(Boolean)
            .join("; ")}
          .
        </p>
      ) : null}
      <p class="meta">
        To change them, send the new interests with this subscription’s management token (given when it was
        made or confirmed): <code>PUT /api/subscriptions/{subscriptionId}/interests</code>. Or end it with the
        unsubscribe link of any digest and <a href="/subscribe">subscribe</a> again with new interests. The
        link that opened this page cannot change them.
      </p>
    </section>
  );
}
