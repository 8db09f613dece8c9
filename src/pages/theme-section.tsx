/**
 * One theme of a digest: its heading, key terms, new papers, and the papers updated this week. The
 * section shows the papers it is given (the theme's first ones on the week's page, one page of its
 * list on the theme's own page, digest-bounds.ts); its counts are always the whole theme's.
 */
import type { Child } from "hono/jsx";
import { themeAnchor } from "../digest/theme-anchor";
import type { DigestPaper, DigestTheme } from "../digest/types";
import { count } from "./format";
import { PaperItem } from "./paper-item";

/** "other" collects the papers that no theme took; it reads better as "Other papers". */
export function themeHeading(theme: DigestTheme): string {
  if (theme.kind === "other") return "Other papers";
  // A label is never blank from the engine, but an operator's name might be whitespace-only.
  return theme.label.trim() || `Theme ${theme.id}`;
}

export { themeAnchor } from "../digest/theme-anchor";

/** Found and operator themes in the digest's order, the "other" bucket last. */
export function orderThemes(themes: DigestTheme[]): DigestTheme[] {
  return [...themes.filter((t) => t.kind !== "other"), ...themes.filter((t) => t.kind === "other")];
}

/** The theme's key terms that its label does not already say (found themes are labelled by their terms). */
export function extraTerms(theme: DigestTheme): string[] {
  if (theme.kind === "other") return [];
  const label = theme.label.toLowerCase();
  return theme.terms.filter((term) => !label.includes(term.toLowerCase()));
}

export interface ThemeSectionProps {
  theme: DigestTheme;
  /** The new papers shown: a prefix or a page of `theme.papers`. */
  papers: DigestPaper[];
  /** The updated papers shown: a prefix or a page of `theme.updated`. */
  updated: DigestPaper[];
  /** After the new papers: the link to the rest of them. */
  morePapers?: Child;
  /** After the updated papers: the link to the rest of them. */
  moreUpdated?: Child;
}

export function ThemeSection({ theme, papers, updated, morePapers, moreUpdated }: ThemeSectionProps) {
  const headingId = themeAnchor(theme);
  const terms = extraTerms(theme);
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>
        {themeHeading(theme)}
        {theme.isNew && theme.kind !== "other" ? (
          <>
            {" "}
            <span class="badge">new theme</span>
          </>
        ) : null}
      </h2>
      <p class="terms">
        {count(theme.papers.length, "new paper")}
        {theme.updated.length > 0 ? `, ${theme.updated.length} updated` : ""}
        {terms.length > 0 ? ` · key terms: ${terms.join(", ")}` : ""}
      </p>
      {papers.length > 0 ? (
        <ul class="papers">
          {papers.map((paper) => (
            <PaperItem paper={paper} />
          ))}
        </ul>
      ) : null}
      {morePapers}
      {updated.length > 0 ? (
        <>
          <h3>Updated this week</h3>
          <ul class="papers">
            {updated.map((paper) => (
              <PaperItem paper={paper} />
            ))}
          </ul>
        </>
      ) : null}
      {moreUpdated}
    </section>
  );
}
