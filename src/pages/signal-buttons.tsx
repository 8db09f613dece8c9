/**
 * A reader's signals on a paper, as the reader's pages say and send them: the words of each signal,
 * and the form of 👍 / 👎 / Save buttons under a pick. No script: each button submits the form
 * (POST /feedback) with its own `signal`, and the pressed one sends `clear`, so pressing it again
 * takes the signal back. The reader token travels in the form's body, never in a cookie.
 */
import type { Signal } from "../db/queries/feedback";
import type { ReaderKey } from "./reader-addresses";

export const SIGNALS: readonly Signal[] = ["up", "down", "save"];

export interface SignalWords {
  /** The button. */
  button: string;
  /** The feedback page's question. */
  ask: string;
  /** After it is recorded. */
  done: string;
}

export const SIGNAL_WORDS: Record<Signal, SignalWords> = {
  up: {
    button: "👍 More like this",
    ask: "More papers like this one?",
    done: "👍 Recorded: the next picks lean towards papers like this one.",
  },
  down: {
    button: "👎 Less like this",
    ask: "Fewer papers like this one?",
    done: "👎 Recorded: the next picks lean away from papers like this one.",
  },
  save: {
    button: "🔖 Save",
    ask: "Save this paper?",
    done: "🔖 Saved: it counts as a paper you liked for the next picks.",
  },
};

export interface SignalFormProps {
  reader: ReaderKey;
  paperKey: string;
  /** The reader's current signal on the paper (shown pressed). */
  current: Signal | null;
  /** The week of the page to come back to (POST /feedback answers with a redirect to it). */
  week: string;
}

export function SignalForm({ reader, paperKey, current, week }: SignalFormProps) {
  return (
    <form method="post" action="/feedback" class="signals">
      <input type="hidden" name="s" value={reader.id} />
      <input type="hidden" name="token" value={reader.token} />
      <input type="hidden" name="paper" value={paperKey} />
      <input type="hidden" name="return" value="page" />
      <input type="hidden" name="week" value={week} />
      {SIGNALS.map((signal) => (
        <button
          type="submit"
          name="signal"
          value={current === signal ? "clear" : signal}
          aria-pressed={current === signal ? "true" : "false"}
        >
          {SIGNAL_WORDS[signal].button}
        </button>
      ))}
    </form>
  );
}
