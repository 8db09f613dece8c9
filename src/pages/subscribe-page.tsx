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
  /** Interests (issue #13), as typed: arXiv ids or links, a pasted BibTeX, authors one a line, words. */
  papers: string;
  bibtex: string;
  authors: string;
  keywords: string;
  exclude: string;
  /** Picks a week (issue #14), as chosen: "" for the default. */
  size: string;
}

/** The sizes offered (the API takes any whole number from 3 to 50). */
export const SIZE_CHOICES = ["5", "10", "20", "30", "50"] as const;

export interface FormProblem {
  /** The field the problem is about (null: the form as a whole). */
  field: "email" | "themes" | "query" | "interests" | "size" | null;
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
      <form class="subscribe" method="post" action="/subscribe" enctype="multipart/form-data">
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
        <InterestFields values={values} problem={problem} />
        <div class="field">
          <label for="size">Picks a week</label>
          <p class="hint" id="size-hint">
            How many papers the mail lists in full, best first; the rest of the week is one link away.
          </p>
          <select id="size" name="size" aria-describedby="size-hint" {...invalid("size")}>
            {SIZE_CHOICES.map((n) => (
              <option value={n} selected={(values.size || "10") === n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Subscribe</button>
      </form>
      <p class="meta">
        Webhooks and Slack channels can subscribe through the API (<code>POST /api/subscriptions</code>).
      </p>
    </Layout>
  );
}

/**
 * What the digest is ranked by (issue #13): papers you like (ids or links, or a .bib export),
 * authors you follow, keywords, and words that remove a paper. All optional.
 */
function InterestFields({ values, problem }: { values: SubscribeFormValues; problem: FormProblem | null }) {
  const flagged = problem?.field === "interests";
  return (
    <fieldset>
      <legend>Your interests (optional)</legend>
      <p class="hint" id="interests-hint">
        Your digest opens with the week's papers closest to what you name here, and learns from the papers you
        mark. Without any, it shows the most representative papers of each theme.
      </p>
      {INTEREST_FIELDS.map((field) => (
        <InterestField
          field={field}
          value={field.name === "bibtex_file" ? "" : values[field.name]}
          flagged={flagged}
        />
      ))}
    </fieldset>
  );
}

interface InterestFieldSpec {
  name: "papers" | "bibtex_file" | "authors" | "keywords" | "exclude";
  label: string;
  hint: string;
  kind: "area" | "text" | "file";
}

const INTEREST_FIELDS: InterestFieldSpec[] = [
  {
    name: "papers",
    label: "Papers you like",
    hint: "arXiv ids or links, one a line, for example 2403.02545 or https://arxiv.org/abs/2501.02173.",
    kind: "area",
  },
  {
    name: "bibtex_file",
    label: "Or a BibTeX export (.bib)",
    hint: "From Zotero, Google Scholar or arXiv: entries are matched by arXiv id, DOI, then title.",
    kind: "file",
  },
  {
    name: "authors",
    label: "Authors you follow",
    hint: "One a line; initials and either name order work (“Lovelace, A.” is Ada Lovelace).",
    kind: "area",
  },
  {
    name: "keywords",
    label: "Topics",
    hint: "Words or phrases, separated by commas, for example “retrieval augmented, reranking”.",
    kind: "text",
  },
  {
    name: "exclude",
    label: "Never show papers mentioning",
    hint: "Words separated by commas, for example “survey”.",
    kind: "text",
  },
];

/** One labelled field with its hint; marked invalid (pointing at the problem) when the interests were refused. */
function InterestField({
  field,
  value,
  flagged,
}: {
  field: InterestFieldSpec;
  value: string;
  flagged: boolean;
}) {
  const hint = `${field.name}-hint`;
  const described = {
    id: field.name,
    name: field.name,
    "aria-describedby": flagged ? `${PROBLEM_ID} ${hint}` : hint,
    ...(flagged ? { "aria-invalid": "true" } : {}),
  };
  return (
    <div class="field">
      <label for={field.name}>{field.label}</label>
      <p class="hint" id={hint}>
        {field.hint}
      </p>
      {field.kind === "area" ? (
        <textarea rows={3} {...described}>
          {value}
        </textarea>
      ) : field.kind === "file" ? (
        <input type="file" accept=".bib,.bibtex,text/x-bibtex,text/plain" {...described} />
      ) : (
        <input type="text" value={value} {...described} />
      )}
    </div>
  );
}

/** After an accepted form: the confirmation mail is on its way. */
export function CheckInboxPage({ address, unmatched = [] }: { address: string; unmatched?: string[] }) {
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
      {unmatched.length > 0 ? (
        <p>
          {unmatched.length === 1 ? "One of your papers is" : `${unmatched.length} of your papers are`} not in
          the bot yet (
          <span class="meta">
            {unmatched.slice(0, 5).join(", ")}
            {unmatched.length > 5 ? ", …" : ""}
          </span>
          ): each counts as soon as it arrives.
        </p>
      ) : null}
    </Layout>
  );
}
