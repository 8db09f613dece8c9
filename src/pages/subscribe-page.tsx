/**
 * `/subscribe`: the weekly digest by e-mail. A plain form (no script): the address, optional
 * themes as checkboxes, optional keywords. A refused form comes back filled in, the problem
 * announced at the top and tied to its field; an accepted one says to check the inbox.
 */
import { Layout } from "./layout";

/** What the form holds, as the page shows it (subscribe/subscribe-form.ts reads a posted form into it). */
export interface SubscribeFormValues {
  email: string;
  themes: string[];
  query: string;
}

export interface FormProblem {
  /** The field the problem is about (null: the form as a whole). */
  field: "email" | "themes" | "query" | null;
  message: string;
}

export interface ThemeChoice {
  id: string;
  label: string;
}

export interface SubscribePageProps {
  themes: ThemeChoice[];
  values: SubscribeFormValues;
  problem?: FormProblem | null;
}

const PROBLEM_ID = "form-problem";

export function SubscribePage({ themes, values, problem = null }: SubscribePageProps) {
  const chosen = new Set(values.themes);
  // The field the problem is about is marked invalid, points at the message, and takes the focus.
  const invalid = (field: FormProblem["field"]) =>
    problem !== null && problem.field === field
      ? { "aria-invalid": "true", "aria-describedby": PROBLEM_ID, autofocus: true }
      : {};
  return (
    <Layout title={problem ? "Subscribe (please correct the form)" : "Subscribe"} current="subscribe">
      <h1>Subscribe</h1>
      <p>
        Receive the weekly digest by e-mail, every Monday after it is published at 08:00 UTC. We first send a
        mail with a link to confirm: nothing else arrives before you confirm, and every mail has a one-click
        unsubscribe link.
      </p>
      {problem ? (
        <div class="form-problem" id={PROBLEM_ID} role="alert">
          <p>
            <strong>Not subscribed yet.</strong> {problem.message}
          </p>
        </div>
      ) : null}
      <form class="subscribe" method="post" action="/subscribe">
        <div class="field">
          <label for="email">E-mail address</label>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="email"
            required
            value={values.email}
            {...invalid("email")}
          />
        </div>
        <fieldset {...(problem?.field === "themes" ? { "aria-describedby": PROBLEM_ID } : {})}>
          <legend>Themes (optional)</legend>
          {themes.length > 0 ? (
            <>
              <p class="hint" id="themes-hint">
                Only papers of the themes you tick. Tick none to receive every theme.
              </p>
              <ul class="choices">
                {themes.map((t) => (
                  <li>
                    <label>
                      <input
                        type="checkbox"
                        name="themes"
                        value={t.id}
                        checked={chosen.has(t.id)}
                        aria-describedby="themes-hint"
                      />{" "}
                      {t.label}
                    </label>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p class="hint">
              No themes are published yet: the first weekly digest names them. Subscribe now to receive every
              theme.
            </p>
          )}
        </fieldset>
        <div class="field">
          <label for="query">Keywords (optional)</label>
          <p class="hint" id="query-hint">
            Only papers whose title or abstract contains every word, for example “graph transformer”.
          </p>
          <input
            id="query"
            name="query"
            type="text"
            maxlength={200}
            value={values.query}
            aria-describedby={problem?.field === "query" ? `${PROBLEM_ID} query-hint` : "query-hint"}
            {...(problem?.field === "query" ? { "aria-invalid": "true", autofocus: true } : {})}
          />
        </div>
        <button type="submit">Subscribe</button>
      </form>
      <p class="meta">
        Webhooks and Slack channels can subscribe through the API (<code>POST /api/subscriptions</code>).
      </p>
    </Layout>
  );
}

/** After an accepted form: the confirmation mail is on its way. */
export function CheckInboxPage({ address }: { address: string }) {
  return (
    <Layout title="Check your inbox" current="subscribe">
      <h1>Check your inbox</h1>
      <p role="status">
        A confirmation mail is on its way to <strong>{address}</strong>.
      </p>
      <p>
        Open the link in it and press “Confirm subscription”. Nothing is sent to this address before you do.
      </p>
      <p>
        No mail after a few minutes? Look in the spam folder, or <a href="/subscribe">subscribe again</a> with
        the address corrected.
      </p>
    </Layout>
  );
}
