/** One theme of a digest: its heading, key terms, new papers, and the papers updated this week. */
import { themeAnchor } from "../digest/theme-anchor";
import type { DigestTheme } from "../digest/types";
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

export function ThemeSection({ theme }: { theme: DigestTheme }) {
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
      {theme.papers.length > 0 ? (
        <ul class="papers">
          {theme.papers.map((paper) => (
            <PaperItem paper={paper} />
          ))}
        </ul>
      ) : null}
      {theme.updated.length > 0 ? (
        <>
          <h3>Updated this week</h3>
          <ul class="papers">
            {theme.updated.map((paper) => (
              <PaperItem paper={paper} />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
