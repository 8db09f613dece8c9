/** The pages' own error answers: an HTML page with a heading, the reason, and a way back. */
import { Layout } from "./layout";

export interface ErrorPageProps {
  status: 400 | 404;
  heading: string;
  message: string;
}

export function ErrorPage({ status, heading, message }: ErrorPageProps) {
  return (
    <Layout title={heading}>
      <h1>{heading}</h1>
      <p>{message}</p>
      <p>
        See the <a href="/digests">archive</a> for every published week, or the <a href="/">latest digest</a>.
      </p>
      <p class="meta">HTTP {status}</p>
    </Layout>
  );
}

/** `/digests/{text}` where `text` is not an ISO week; `example` is one that is (the current week). */
export function badWeekPage(text: string, example: string): ErrorPageProps {
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return {
    status: 400,
    heading: "That is not a week",
    message: `“${shown}” is not an ISO week. Weeks are written like ${example}: the year, “-W” and the week number.`,
  };
}

/** A well-formed week without a digest: not started yet, or finished and not (yet) published. */
export function unknownWeekPage(week: string, notStarted: boolean): ErrorPageProps {
  return {
    status: 404,
    heading: `No digest for ${week}`,
    message: notStarted
      ? `The week ${week} has not started yet.`
      : `There is no digest for ${week}: the bot saw nothing that week, or its digest is published on the Monday after it ends.`,
  };
}
