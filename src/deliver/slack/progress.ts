/**
 * How far a split digest got, so a retry posts only the parts still missing.
 *
 * Slack has no idempotency key for chat.postMessage or incoming webhooks, so a part posted twice
 * shows twice. When a later part fails (rate limit, outage), the sender ends its attempt with the
 * progress written at the head of the error (`slack: posted 2/5 parts (thread 1712345.000100,
 * render 1a2b3c4d); part 3: …`), which the ledger keeps as the delivery's `last_error`; the next
 * attempt reads it back and resumes with part 3, in the same thread. The parts are rendered again
 * (a reader's feedback in between may have changed the picks); the parts already posted are never
 * posted again, whatever the new rendering. `render` (a hash of the parts) is kept for the record.
 *
 * What this does not cover: a request that timed out or got a 5xx may have been posted all the
 * same (Slack says so for `fatal_error`), and a consumer that dies mid-split records nothing;
 * both repeat a part on the retry. Everything else is posted once.
 */
import type { SlackMessage } from "../../block-kit/limits";

export interface SplitProgress {
  /** Parts posted, counting from the first. */
  posted: number;
  total: number;
  /** The first message's ts (bot token): the thread the rest go to. */
  threadTs?: string;
  render: string;
}

export function progressNote(progress: SplitProgress): string {
  const thread = progress.threadTs ? `thread ${progress.threadTs}, ` : "";
  return `slack: posted ${progress.posted}/${progress.total} parts (${thread}render ${progress.render})`;
}

const NOTE = /slack: posted (\d+)\/(\d+) parts \((?:thread (\d+\.\d+), )?render ([0-9a-f]{8})\)/;

/** The progress in an earlier attempt's error, or null (none, or not ours). */
export function readProgress(lastError: string | null | undefined): SplitProgress | null {
  const match = lastError ? NOTE.exec(lastError) : null;
  if (!match) return null;
  const posted = Number(match[1]);
  const total = Number(match[2]);
  if (!(posted >= 1 && posted < total)) return null;
  return { posted, total, render: match[4]!, ...(match[3] ? { threadTs: match[3] } : {}) };
}

/** FNV-1a (32 bits, hex) of the parts as posted: the same digest and filters give the same hash. */
export function renderHash(parts: SlackMessage[]): string {
  const text = JSON.stringify(parts);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}
