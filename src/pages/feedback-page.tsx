/**
 * The pages behind the feedback links of a digest mail (`GET /feedback?…`, issue #14). Opening one
 * records nothing: mail scanners open every link of a mail, so the page names the paper and the
 * signal and asks for a press of its one button (POST /feedback). After the press, the recorded page
 * says what changed and offers to take it back.
 */
import type { Signal } from "../db/queries/feedback";
import type { NamedPaper } from "../db/queries/reader-pages";
import { arxivLinks } from "../digest/arxiv-links";
import { interestsHref, pageHref, type ReaderKey } from "./reader-addresses";
import { ReaderLayout } from "./reader-layout";
import { SIGNAL_WORDS } from "./signal-buttons";

function PaperLine({ paper }: { paper: NamedPaper }) {
  const links = arxivLinks(paper.arxivId);
  return (
    <p>
      <span class="paper-title">{links ? <a href={links.abs}>{paper.title}</a> : paper.title}</span>
      {paper.arxivId ? <span class="meta"> · arXiv:{paper.arxivId}</span> : null}
    </p>
  );
}

/** Hidden fields every feedback form sends: the credential (the reader token) and the paper. */
function FeedbackFields({ reader, paperKey }: { reader: ReaderKey; paperKey: string }) {
  return (
    <>
      <input type="hidden" name="s" value={reader.id} />
      <input type="hidden" name="token" value={reader.token} />
      <input type="hidden" name="paper" value={paperKey} />
    </>
  );
}

function SubscriptionLinks({ reader }: { reader: ReaderKey }) {
  return (
    <p>
      See <a href={pageHref(reader)}>this subscription’s page</a>: its picks with their buttons, the whole
      week, and <a href={interestsHref(reader)}>its interests</a>.
    </p>
  );
}

export interface FeedbackPageProps {
  reader: ReaderKey;
  paper: NamedPaper;
  signal: Signal;
  /** The reader's signal on the paper now, if any. */
  current: Signal | null;
}

export function FeedbackPage({ reader, paper, signal, current }: FeedbackPageProps) {
  const words = SIGNAL_WORDS[signal];
  return (
    <ReaderLayout title={words.ask}>
      <h1>{words.ask}</h1>
      <PaperLine paper={paper} />
      {current === signal ? (
        <p>This paper is already marked {SIGNAL_WORDS[signal].button}; pressing again changes nothing.</p>
      ) : (
        <p>
          Press the button to tell the bot; this subscription’s next picks are ranked with it.
          {current ? ` It replaces ${SIGNAL_WORDS[current].button}.` : ""}
        </p>
      )}
      <form method="post" action="/feedback">
        <FeedbackFields reader={reader} paperKey={paper.key} />
        <input type="hidden" name="signal" value={signal} />
        <button type="submit">{words.button}</button>
      </form>
      <p class="meta">Opening this page recorded nothing: only the button does.</p>
      <SubscriptionLinks reader={reader} />
    </ReaderLayout>
  );
}

export interface FeedbackRecordedPageProps {
  reader: ReaderKey;
  paper: NamedPaper;
  /** The signal now recorded; null after taking one back. */
  signal: Signal | null;
}

export function FeedbackRecordedPage({ reader, paper, signal }: FeedbackRecordedPageProps) {
  const heading = signal ? "Recorded" : "Taken back";
  return (
    <ReaderLayout title={heading}>
      <h1>{heading}</h1>
      <PaperLine paper={paper} />
      {signal ? (
        <>
          <p role="status">{SIGNAL_WORDS[signal].done}</p>
          <form method="post" action="/feedback">
            <FeedbackFields reader={reader} paperKey={paper.key} />
            <input type="hidden" name="signal" value="clear" />
            <button type="submit">Undo</button>
          </form>
        </>
      ) : (
        <p role="status">This paper has no signal from you any more.</p>
      )}
      <SubscriptionLinks reader={reader} />
    </ReaderLayout>
  );
}
