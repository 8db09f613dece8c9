/**
 * The landing page: what the bot is and the papers it saw last. Server-rendered, no script;
 * the themed weekly digest replaces the list once issue #4 lands.
 */
import type { Child } from "hono/jsx";
import type { loadRecentPapers } from "../db/queries/recent-papers";
import { arxivLinks } from "../read/paper-view";

type Recent = Awaited<ReturnType<typeof loadRecentPapers>>;
type Part = string | Child | null | false | undefined;

function authorLine(authors: string[]): string | null {
  if (authors.length === 0) return null;
  return authors.length > 3 ? `${authors.slice(0, 3).join(", ")} et al.` : authors.join(", ");
}

/** The non-empty parts, separated by " · " (no stray separator when a part is missing). */
function joinWithDots(parts: Part[]) {
  return parts.filter(Boolean).flatMap((part, i) => (i === 0 ? [part] : [" · ", part]));
}

const STYLE = `
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 0 auto; padding: 1rem; color: #1a1a1a; }
  a { color: #0b57d0; } li { margin: 0 0 .9rem; } .meta { color: #555; font-size: .9rem; }
  form { display: flex; gap: .5rem; margin: 1rem 0; } input { flex: 1; padding: .4rem; font-size: 1rem; }
`;

export function HomePage({ recent, total }: Recent) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>arxiv-digest</title>
        <style>{STYLE}</style>
      </head>
      <body>
        <header>
          <h1>arxiv-digest</h1>
          <p>
            Research-paper abstracts in, one identity per paper out: new papers, new versions and duplicates
            told apart. {total} papers stored.
          </p>
          <form action="/api/search" method="get">
            <label for="q">Search papers</label>
            <input id="q" name="q" type="search" required />
            <button type="submit">Search</button>
          </form>
        </header>
        <main>
          <h2>Latest papers</h2>
          {recent.length === 0 ? (
            <p>
              No papers yet: ingest some with <code>npm run ingest -- examples/</code>.
            </p>
          ) : (
            <ol>
              {recent.map((paper) => {
                const links = arxivLinks(paper.arxivId);
                return (
                  <li>
                    <a href={`/api/papers/${encodeURIComponent(paper.key)}`}>{paper.headline}</a>
                    <div class="meta">
                      {joinWithDots([
                        authorLine(paper.authors),
                        paper.arxivId
                          ? `${paper.arxivId}${paper.latestVersion ? ` v${paper.latestVersion}` : ""}`
                          : "no arXiv id",
                        links && <a href={links.abs}>abs</a>,
                        links && <a href={links.pdf}>pdf</a>,
                        ...paper.codeLinks.map((url) => <a href={url}>code</a>),
                      ])}
                    </div>
                  </li>
                );
              })}
            </ol>
          )}
        </main>
      </body>
    </html>
  );
}
