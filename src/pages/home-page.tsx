/**
 * `/`: what the bot is, the search box, and the latest digest (the current week's preview when it
 * has new papers, else the last published week) with the papers-per-theme chart.
 */
import type { Digest, ThemeHistory } from "../digest/types";
import { DigestView } from "./digest-view";
import { HarvestNote, type HarvestNoteData } from "./harvest-note";
import { Layout } from "./layout";
import { ThemeChart } from "./theme-chart";

export interface HomePageProps {
  digest: Digest;
  history: ThemeHistory;
  harvest: HarvestNoteData;
}

export function HomePage({ digest, history, harvest }: HomePageProps) {
  const chart = (
    <section aria-labelledby="chart-heading">
      <h2 id="chart-heading">Papers per theme, recent weeks</h2>
      <ThemeChart history={history} previewWeek={digest.status === "preview" ? digest.week : null} />
    </section>
  );
  return (
    <Layout title={`Week ${digest.week}`} current="latest">
      <p class="about">
        <strong>arxiv-digest</strong> reads arXiv abstracts (listings, e-mails, feeds, API answers), keeps one
        record per paper, telling new papers from new versions and duplicates, and groups each week's new
        papers into themes. Every Monday at 08:00 UTC the week is published as a digest; until then this page
        shows the week so far. <a href="/subscribe">Subscribe</a> to receive it by e-mail.
      </p>
      <search>
        <form class="search" action="/api/search" method="get">
          <label for="q">Search papers</label>
          <input id="q" name="q" type="search" required />
          <button type="submit">Search</button>
        </form>
      </search>
      <DigestView digest={digest} afterStats={chart} />
      <HarvestNote data={harvest} />
    </Layout>
  );
}
