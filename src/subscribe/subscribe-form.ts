/**
 * The web subscribe form (`/subscribe`): e-mail only (webhooks and Slack stay API-only), through
 * the same checks and `createSubscription` as POST /api/subscriptions. A refusal becomes a
 * sentence for a reader, tied to the field it is about.
 */
import type { Database } from "../db/client";
import type { SubscriptionRow } from "../db/queries/subscriptions";
import { loadStoredThemes, loadThemeLabels } from "../db/queries/themes";
import type { DeliveryMessage } from "../deliver/types";
import type { DeliveryConfig } from "../env";
import { describeIssues } from "../errors";
import type { FormProblem, SubscribeFormValues, ThemeChoice } from "../pages/subscribe-page";
import { PUBLIC } from "../security/subscribe-authority";
import { setInterests } from "./interests";
import { SubscriptionBody } from "./subscription-input";
import { createSubscription, type SubscribeRefusal } from "./subscriptions";

/** What the reader entered, kept as typed so a refused form comes back filled in. */
export const EMPTY_FORM: SubscribeFormValues = {
  email: "",
  themes: [],
  query: "",
  papers: "",
  bibtex: "",
  authors: "",
  keywords: "",
  exclude: "",
  size: "",
};

type FormBody = Record<string, string | File | (string | File)[]>;

const texts = (value: FormBody[string] | undefined): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
    (v): v is string => typeof v === "string",
  );

const files = (value: FormBody[string] | undefined): File[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
    (v): v is File => typeof v !== "string",
  );

/**
 * The fields of a posted form (`parseBody({ all: true })`, url-encoded or multipart); anything else
 * is ignored. The BibTeX comes as an uploaded `.bib` file (`bibtex_file`) or pasted (`bibtex`).
 */
export async function readSubscribeForm(body: FormBody): Promise<SubscribeFormValues> {
  const first = (name: string) => texts(body[name])[0] ?? "";
  const uploaded = await Promise.all(files(body.bibtex_file).map((f) => f.text()));
  return {
    email: first("email"),
    themes: texts(body.themes),
    query: first("query"),
    papers: first("papers"),
    bibtex: [first("bibtex"), ...uploaded].filter((t) => t.trim() !== "").join("\n"),
    authors: first("authors"),
    keywords: first("keywords"),
    exclude: first("exclude"),
    size: first("size"),
  };
}

/** One entry a line (authors: "Lovelace, A." keeps its comma), or comma-separated words. */
const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
const listed = (text: string) =>
  text
    .split(/[\n,;]/)
    .map((w) => w.trim())
    .filter((w) => w !== "");

/** The interests the form was given, as the API takes them (nothing when every field is empty). */
function formInterests(values: SubscribeFormValues) {
  const interests = {
    papers: listed(values.papers.replace(/\s+/g, "\n")),
    ...(values.bibtex.trim() === "" ? {} : { bibtex: values.bibtex }),
    authors: lines(values.authors),
    keywords: listed(values.keywords),
    exclude: listed(values.exclude),
  };
  const empty =
    interests.papers.length +
      interests.authors.length +
      interests.keywords.length +
      interests.exclude.length ===
      0 && !("bibtex" in interests);
  return empty ? {} : { interests };
}

/** The published themes a subscriber can choose (provisional ones get their ids when published). */
export async function choosableThemes(db: Database): Promise<ThemeChoice[]> {
  const stored = await loadStoredThemes(db);
  return stored.rows
    .filter((r) => r.retiredAt === null)
    .map((r) => ({ id: r.id, label: r.label }))
    .sort((a, b) => a.label.localeCompare(b.label, "en") || (a.id < b.id ? -1 : 1));
}

/** The labels of a subscription's themes (retired ones too), for the pages that describe it. */
export async function themeLabels(db: Database, subscription: SubscriptionRow): Promise<Map<string, string>> {
  if (subscription.themes.length === 0) return new Map();
  const wanted = new Set(subscription.themes);
  return new Map(
    (await loadThemeLabels(db)).filter((r) => wanted.has(r.id)).map((r) => [r.id, r.label] as const),
  );
}

const EMAIL_PROBLEM: FormProblem = {
  field: "email",
  message: "Enter an e-mail address, like name@example.org.",
};
const THEME_PROBLEM: FormProblem = {
  field: "themes",
  message: "A theme you chose is not offered (any more). Choose from the list, or none for every theme.",
};

export const UNREADABLE_FORM: FormProblem = {
  field: null,
  message: "The form could not be read; please fill it in again.",
};

function inputProblem(
  path: PropertyKey | undefined,
  values: SubscribeFormValues,
  detail: string,
): FormProblem {
  switch (path) {
    case "target":
      return values.email.trim() === ""
        ? { field: "email", message: "Enter your e-mail address." }
        : EMAIL_PROBLEM;
    case "themes":
      return values.themes.length > 50
        ? { field: "themes", message: "Choose at most 50 themes." }
        : THEME_PROBLEM;
    case "query":
      return { field: "query", message: "Keywords: at most 200 characters." };
    case "interests":
      return { field: "interests", message: `Your interests: ${detail}.` };
    case "size":
      return { field: "size", message: "Picks a week: a whole number from 3 to 50." };
    default:
      return UNREADABLE_FORM;
  }
}

function refusalProblem(refusal: SubscribeRefusal): FormProblem {
  switch (refusal.reason) {
    case "invalid_target":
      return EMAIL_PROBLEM;
    case "unknown_theme":
      return THEME_PROBLEM;
    case "already_subscribed":
      return {
        field: "email",
        message:
          "This address already receives the digest. To change what it receives, use the unsubscribe link in a digest mail and subscribe again.",
      };
    case "forbidden_target":
      return { field: null, message: refusal.message };
  }
}

export type SubscribeResult =
  | { ok: true; subscription: SubscriptionRow; unmatched: string[] }
  | { ok: false; problem: FormProblem };

/** Creates a pending e-mail subscription (its confirmation mail queued), or says what to correct. */
export async function subscribeFromForm(
  db: Database,
  queue: Queue<DeliveryMessage>,
  values: SubscribeFormValues,
  config: DeliveryConfig,
  now: number,
): Promise<SubscribeResult> {
  const parsed = SubscriptionBody.safeParse({
    channel: "email",
    target: values.email,
    themes: values.themes,
    ...(values.query.trim() === "" ? {} : { query: values.query }),
    // A number the select offers; anything else is refused by the schema, tied to the field.
    ...(values.size.trim() === ""
      ? {}
      : { size: /^\d{1,3}$/.test(values.size.trim()) ? Number(values.size) : values.size }),
    ...formInterests(values),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, problem: inputProblem(issue?.path[0], values, describeIssues(issue ? [issue] : [])) };
  }
  const outcome = await createSubscription(db, queue, parsed.data, config, now, PUBLIC);
  if (!outcome.ok) return { ok: false, problem: refusalProblem(outcome.refusal) };
  const { subscription } = outcome.value;
  const saved = parsed.data.interests
    ? await setInterests(db, subscription.id, parsed.data.interests, now)
    : null;
  return { ok: true, subscription, unmatched: saved?.unmatched ?? [] };
}
