/**
 * The frame of every page: language, viewport, title, the site bar with its navigation, one
 * inline stylesheet, and the page's own content in <main>. No script anywhere.
 */
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { PAGE_STYLE } from "./page-style";

export type NavItem = "latest" | "archive" | "subscribe";

export interface LayoutProps {
  /** The document title (the site name is appended). */
  title: string;
  /** Which navigation link is the current page, if any. */
  current?: NavItem;
  /** More of the head, after the stylesheet (the reader's pages: `noindex` and their own rules). */
  head?: Child;
  children?: Child;
}

const NAV: { id: NavItem; href: string; label: string }[] = [
  { id: "latest", href: "/", label: "Latest" },
  { id: "archive", href: "/digests", label: "Archive" },
  { id: "subscribe", href: "/subscribe", label: "Subscribe" },
];

export function Layout({ title, current, head, children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · arxiv-digest`}</title>
        {/* Our own constant stylesheet, not data: raw, so CSS quotes and `>` survive (<style> is raw text). */}
        <style>{raw(PAGE_STYLE)}</style>
        {head}
      </head>
      <body>
        <header class="site">
          <div class="wrap">
            <a class="brand" href="/">
              arxiv-digest
            </a>
            <nav aria-label="Site">
              <ul>
                {NAV.map((item) => (
                  <li>
                    <a href={item.href} aria-current={item.id === current ? "page" : undefined}>
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </header>
        <main class="wrap">{children}</main>
        <footer class="wrap">
          Weekly digests of arXiv papers, grouped by theme. Published every Monday at 08:00 UTC.
        </footer>
      </body>
    </html>
  );
}

/** A whole HTML document: the doctype and the rendered page. */
export async function htmlDocument(page: ReturnType<typeof Layout>): Promise<string> {
  return `<!doctype html>${(await page).toString()}`;
}
