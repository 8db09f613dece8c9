/**
 * The links between a bounded page and the whole list (digest-bounds.ts): "all N …" under a list
 * the week's page cuts short, and previous / next between the pages of a theme's or seen-before list.
 * Plain links, no script: each page of a list has its own address.
 */
import { joinWithDots } from "./paper-item";

/** "All 312 new papers in Robotics · 4 pages", under a list that shows only the first ones. */
export function MoreLink({ href, text, pages }: { href: string; text: string; pages: number }) {
  return (
    <p class="more">
      <a href={href}>{text}</a>
      {pages > 1 ? ` · ${pages} pages` : ""}
    </p>
  );
}

export interface PagerProps {
  page: number;
  pages: number;
  /** The address of page `n` of this list. */
  href: (n: number) => string;
  /** What the pages are of, for the navigation's accessible name ("Pages of Robotics"). */
  label: string;
}

/** "← Previous · Page 2 of 4 · Next →", nothing for a list of one page. */
export function Pager({ page, pages, href, label }: PagerProps) {
  if (pages <= 1) return null;
  return (
    <nav aria-label={label} class="pager">
      <p>
        {joinWithDots([
          page > 1 && (
            <a rel="prev" href={href(page - 1)}>
              ← Previous
            </a>
          ),
          `Page ${page} of ${pages}`,
          page < pages && (
            <a rel="next" href={href(page + 1)}>
              Next →
            </a>
          ),
        ])}
      </p>
    </nav>
  );
}
