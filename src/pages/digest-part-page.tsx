/**
 * `/digests/{week}?theme={id}` and `?list=seen-before`: one theme's whole list (new papers, then
 * updated ones) or every record seen before, LIST_PAGE_SIZE to a page (digest-bounds.ts), for what
 * the week's page leaves out. Each page links back to the theme's section on the week's page.
 */
import type { Digest, DigestTheme } from "../digest/types";
import { seenBeforeHref, seenBeforePage, themeListHref, themeListPage } from "./digest-bounds";
import type { PartView } from "./digest-part";
import { WeekHeading } from "./digest-view";
import { count } from "./format";
import { Layout } from "./layout";
import { Pager } from "./list-links";
import { SeenBeforeSection } from "./seen-before";
import { ThemeSection, themeAnchor, themeHeading } from "./theme-section";

const ofPages = (page: number, pages: number) => (pages > 1 ? ` · page ${page} of ${pages}` : "");

interface ListProps {
  digest: Digest;
  page: number;
  pages: number;
}

function ThemeListView({ digest, theme, page, pages }: ListProps & { theme: DigestTheme }) {
  const { week } = digest;
  const list = themeListPage(theme, page);
  const heading = themeHeading(theme);
  const total = theme.papers.length + theme.updated.length;
  return (
    <Layout title={`${heading} · Week ${week}${ofPages(page, pages)}`}>
      <article>
        <WeekHeading digest={digest} />
        <p class="meta">
          <a href={`/digests/${encodeURIComponent(week)}#${themeAnchor(theme)}`}>← Every theme of {week}</a>
          {list.first > 0 ? ` · papers ${list.first}–${list.last} of ${total}` : ""}
        </p>
        <ThemeSection theme={theme} papers={list.papers} updated={list.updated} />
        <Pager
          page={page}
          pages={pages}
          href={(n) => themeListHref(week, theme.id, n)}
          label={`Pages of ${heading}`}
        />
      </article>
    </Layout>
  );
}

function SeenBeforeListView({ digest, page, pages }: ListProps) {
  const { week } = digest;
  const entries = seenBeforePage(digest.seenBefore, page);
  return (
    <Layout title={`Seen before · Week ${week}${ofPages(page, pages)}`}>
      <article>
        <WeekHeading digest={digest} />
        <p class="meta">
          <a href={`/digests/${encodeURIComponent(week)}#seen-before`}>← The whole week {week}</a> ·{" "}
          {count(digest.seenBefore.length, "record")} seen before
        </p>
        {entries.length > 0 ? (
          <SeenBeforeSection entries={entries} />
        ) : (
          <p>No record this week matched a paper first seen in an earlier week.</p>
        )}
        <Pager page={page} pages={pages} href={(n) => seenBeforeHref(week, n)} label="Pages of seen before" />
      </article>
    </Layout>
  );
}

export function DigestPartPage({ digest, view }: { digest: Digest; view: PartView }) {
  return view.kind === "theme" ? (
    <ThemeListView digest={digest} theme={view.theme} page={view.page} pages={view.pages} />
  ) : (
    <SeenBeforeListView digest={digest} page={view.page} pages={view.pages} />
  );
}
