/**
 * The frame of the reader's pages (issue #14): a subscription's own page and its feedback pages,
 * opened by links that carry the subscription's reader token. They are never indexed (`noindex`;
 * the route also sends `Referrer-Policy: no-referrer`, so the token does not leak to the sites the
 * page links to), and they add a few rules of their own to the site's stylesheet. Also the answers
 * when such a link does not open anything: not valid (404), ended (410), or malformed (400, 413).
 */
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { Layout } from "./layout";

/**
 * Rules only these pages need: the signal buttons (outlined; filled while pressed), the compact
 * list of the whole week. Colours keep 4.5:1 on their background like the site's.
 */
const READER_STYLE = `
.signals { display: flex; flex-wrap: wrap; gap: .4rem; margin: .45rem 0 0; }
.signals button { background: #fff; color: #0b57d0; padding: .3rem .75rem; font-size: .95rem; }
.signals button[aria-pressed=true] { background: #0b57d0; color: #fff; font-weight: 600; }
.picks > li { padding-bottom: .9rem; border-bottom: 1px solid #e0e0e0; }
.why { margin: .2rem 0 0; font-size: .9rem; color: #4a4a4a; }
.compact { list-style: none; margin: 0; padding: 0; }
.compact li { padding: .2rem 0; }
.mark { text-decoration: none; margin-left: .3rem; }
.chosen { margin-left: .3rem; font-size: .9rem; color: #4a4a4a; }
.pager p { margin: .4rem 0; }
.brief li { margin: 0 0 .5rem; }
.brief .top { font-size: .9rem; color: #4a4a4a; }
`;

export interface ReaderLayoutProps {
  title: string;
  children?: Child;
}

export function ReaderLayout({ title, children }: ReaderLayoutProps) {
  const head = (
    <>
      <meta name="robots" content="noindex" />
      {/* Our own constant rules, not data (see layout.tsx). */}
      <style>{raw(READER_STYLE)}</style>
    </>
  );
  return (
    <Layout title={title} head={head}>
      {children}
    </Layout>
  );
}

export type ReaderProblemStatus = 400 | 404 | 410 | 413;

export interface ReaderProblem {
  status: ReaderProblemStatus;
  heading: string;
  message: string;
  /** Offer to subscribe again (a subscription that ended). */
  again?: boolean;
}

export function ReaderProblemPage({ status, heading, message, again = false }: ReaderProblem) {
  return (
    <ReaderLayout title={heading}>
      <h1>{heading}</h1>
      <p>{message}</p>
      {again ? (
        <p>
          To receive the digest again, <a href="/subscribe">subscribe</a>.
        </p>
      ) : null}
      <p>
        The <a href="/">latest digest</a> and the <a href="/digests">archive</a> are open to everyone.
      </p>
      <p class="meta">HTTP {status}</p>
    </ReaderLayout>
  );
}

/** A wrong or missing token, or a subscription that does not exist: the same answer for both. */
export const INVALID_LINK: ReaderProblem = {
  status: 404,
  heading: "This link is not valid",
  message: "The link is incomplete or was never issued. Copy the whole link from the digest mail or message.",
};

export const ENDED: ReaderProblem = {
  status: 410,
  heading: "This subscription has ended",
  message:
    "It was unsubscribed or stopped, so its page and its feedback buttons no longer work; nothing was recorded.",
  again: true,
};

export const UNKNOWN_PAPER: ReaderProblem = {
  status: 404,
  heading: "No such paper",
  message: "The link names a paper the bot does not have. Copy the whole link from the digest.",
};

export const BAD_SIGNAL: ReaderProblem = {
  status: 400,
  heading: "That is not a signal",
  message:
    "A feedback link ends in signal=up, signal=down or signal=save. Copy the whole link from the digest.",
};

export const UNREADABLE_FORM: ReaderProblem = {
  status: 400,
  heading: "The form could not be read",
  message: "Go back to the page and press the button again.",
};

export const TOO_LARGE: ReaderProblem = {
  status: 413,
  heading: "The form is too large",
  message: "A feedback form is a few hundred bytes. Go back to the page and press the button again.",
};
