/**
 * The storage schema (D1 / SQLite). docs/storage-schema.md explains every table and key.
 * The FTS5 search index and its triggers live in a hand-written migration
 * (migrations/0001_search_index.sql) because drizzle-kit cannot express virtual tables.
 * Child tables reference papers.key WITHOUT cascade on purpose: D1 enforces foreign keys
 * and ignores `PRAGMA foreign_keys=OFF`, so a future drizzle-kit rebuild of `papers`
 * (DROP + re-CREATE) must fail loudly rather than silently delete every version row.
 * One file because drizzle-kit generates the migrations from it (drizzle.config.ts names this
 * file), and the tables' foreign keys and indexes refer to each other: the whole schema is read
 * and reviewed against migrations/ as one.
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** One row per distinct paper: its current (latest) view. */
export const papers = sqliteTable(
  "papers",
  {
    // Integer rowid so the FTS5 index can point at it (content_rowid).
    id: integer("id").primaryKey({ autoIncrement: true }),
    // Public, stable key: `arxiv:<id>` or `fp:<fingerprint prefix>` for id-less papers.
    key: text("key").notNull().unique(),
    arxivId: text("arxiv_id").unique(),
    title: text("title"),
    // Title when the source gives one, else derived from the abstract (docs/headline.md).
    headline: text("headline").notNull(),
    abstract: text("abstract").notNull(),
    abstractPlain: text("abstract_plain").notNull(),
    authors: text("authors", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    categories: text("categories", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    comments: text("comments"),
    doi: text("doi"),
    journalRef: text("journal_ref"),
    codeLinks: text("code_links", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    latestVersion: integer("latest_version"),
    // Fingerprint of the latest abstract (identify/fingerprint.ts).
    fingerprint: text("fingerprint").notNull(),
    publishedAt: text("published_at"),
    updatedAt: text("updated_at"),
    firstSeenAt: integer("first_seen_at").notNull(),
    lastChangedAt: integer("last_changed_at").notNull(),
    // The paper's ranking representation (src/rank/), written with the paper's text. Null on rows
    // stored before migration 0009 and when the format changes: ranking rebuilds it from the text.
    rankVector: text("rank_vector"),
    // Changes whenever rank_vector does (rank/codec.ts vectorTag; rows from before migration 0011:
    // their id), so an isolate that decoded a vector knows it is current without reading it again.
    rankVectorTag: text("rank_vector_tag"),
  },
  (t) => [
    index("papers_first_seen_idx").on(t.firstSeenAt),
    // Interests' BibTeX entries known only by DOI are matched against it (case-folded, as stored there).
    index("papers_doi_idx").on(sql`lower(${t.doi})`),
  ],
);

/** Every distinct version (version number + abstract text) seen of a paper. */
export const paperVersions = sqliteTable(
  "paper_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    paperKey: text("paper_key")
      .notNull()
      .references(() => papers.key),
    version: integer("version"),
    fingerprint: text("fingerprint").notNull(),
    abstract: text("abstract").notNull(),
    title: text("title"),
    comments: text("comments"),
    doi: text("doi"),
    journalRef: text("journal_ref"),
    submittedAt: text("submitted_at"),
    sourceFormat: text("source_format").notNull(),
    batchId: text("batch_id").notNull(),
    seenAt: integer("seen_at").notNull(),
  },
  (t) => [
    index("paper_versions_paper_idx").on(t.paperKey),
    index("paper_versions_fingerprint_idx").on(t.fingerprint),
    // One row per (paper, text, version); coalesce because NULLs never collide in a unique index.
    uniqueIndex("paper_versions_text_version_uq").on(
      t.paperKey,
      t.fingerprint,
      sql`coalesce(${t.version}, 0)`,
    ),
  ],
);

/**
 * Records that resolved to a paper without an id match (an id-less copy of its text):
 * the paper's "known duplicates". One row per (paper, distinct text).
 */
export const recordMatches = sqliteTable(
  "record_matches",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    paperKey: text("paper_key")
      .notNull()
      .references(() => papers.key),
    fingerprint: text("fingerprint").notNull(),
    verdict: text("verdict", { enum: ["duplicate", "near-duplicate"] }).notNull(),
    similarity: real("similarity").notNull(),
    sourceFormat: text("source_format").notNull(),
    batchId: text("batch_id").notNull(),
    seenAt: integer("seen_at").notNull(),
  },
  (t) => [uniqueIndex("record_matches_paper_fingerprint_uq").on(t.paperKey, t.fingerprint)],
);

/** One row per ingest request that changed something (a pure re-post leaves no trace). */
export const ingestBatches = sqliteTable(
  "ingest_batches",
  {
    id: text("id").primaryKey(),
    receivedAt: integer("received_at").notNull(),
    format: text("format").notNull(),
    // Free-form origin label: `api`, `cli:<file name>`, `harvest:<category>`.
    source: text("source").notNull(),
    bytes: integer("bytes").notNull(),
    received: integer("received").notNull(),
    stored: integer("stored").notNull(),
    // Count per verdict, e.g. {"new": 8, "duplicate": 2}.
    verdictCounts: text("verdict_counts", { mode: "json" }).$type<Record<string, number>>().notNull(),
  },
  (t) => [index("ingest_batches_received_idx").on(t.receivedAt)],
);

/**
 * Near-duplicate candidate index over every stored version text: its 20 MinHash LSH band keys
 * (identify/similarity/minhash.ts) and one key per sentence (sentence-keys.ts). A record's
 * candidates are the papers sharing any of its keys, found with one indexed lookup whatever
 * the corpus size.
 */
export const lshBands = sqliteTable(
  "lsh_bands",
  {
    bandKey: integer("band_key").notNull(),
    paperKey: text("paper_key")
      .notNull()
      .references(() => papers.key),
  },
  (t) => [primaryKey({ columns: [t.bandKey, t.paperKey] }), index("lsh_bands_paper_idx").on(t.paperKey)],
);

/** Old keys that still resolve: an id-less paper absorbed by its id'd twin keeps answering to its `fp:` key. */
export const paperAliases = sqliteTable(
  "paper_aliases",
  {
    aliasKey: text("alias_key").primaryKey(),
    paperKey: text("paper_key")
      .notNull()
      .references(() => papers.key),
    similarity: real("similarity").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("paper_aliases_paper_idx").on(t.paperKey)],
);

/**
 * Themes: found by the engine (`t<n>`, ids from an ever-growing counter: rows are never deleted, so
 * the next id is one past the highest stored) or defined by an operator (their own slug). Written
 * only when a week's digest is published; the current week's preview never writes.
 */
export const themes = sqliteTable("themes", {
  id: text("id").primaryKey(),
  kind: text("kind", { enum: ["found", "operator"] }).notNull(),
  label: text("label").notNull(),
  terms: text("terms", { mode: "json" }).$type<string[]>().notNull(),
  // Found themes: TF-IDF centroid (term → weight) the engine compares next week's papers with.
  centroid: text("centroid", { mode: "json" }).$type<Record<string, number>>().notNull(),
  cohesion: real("cohesion").notNull(),
  // Operator themes: what the operator wrote.
  keywords: text("keywords", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
  description: text("description"),
  size: integer("size").notNull(),
  createdWeek: text("created_week").notNull(),
  updatedWeek: text("updated_week").notNull(),
  // Operator themes that were removed keep their row (their id stays taken, old digests still name them).
  retiredAt: integer("retired_at"),
});

/** Which theme each paper went to, decided once, when the week it was first seen was published. */
export const themeAssignments = sqliteTable(
  "theme_assignments",
  {
    paperKey: text("paper_key")
      .primaryKey()
      .references(() => papers.key),
    // A themes.id, or "other"; no foreign key because of "other".
    themeId: text("theme_id").notNull(),
    week: text("week").notNull(),
    kind: text("kind", { enum: ["operator", "existing", "new", "other"] }).notNull(),
    similarity: real("similarity").notNull(),
  },
  (t) => [index("theme_assignments_week_idx").on(t.week, t.themeId)],
);

/**
 * Published digests, one row per ISO week: inserting the row is what publishes the week, so a second
 * run for the same week fails on the key and its whole batch rolls back (nothing added twice).
 */
export const digests = sqliteTable("digests", {
  week: text("week").primaryKey(),
  publishedAt: integer("published_at").notNull(),
  newPapers: integer("new_papers").notNull(),
  topThemes: text("top_themes", { mode: "json" }).$type<string[]>().notNull(),
  parts: integer("parts").notNull(),
  // Set once the week's deliveries have been created (fan-out); null = not yet.
  fannedOutAt: integer("fanned_out_at"),
});

/** The frozen digest JSON, split in parts under D1's 2 MB value limit; read back in `part` order. */
export const digestParts = sqliteTable(
  "digest_parts",
  {
    week: text("week")
      .notNull()
      .references(() => digests.week),
    part: integer("part").notNull(),
    json: text("json").notNull(),
  },
  (t) => [primaryKey({ columns: [t.week, t.part] })],
);

/**
 * Digest subscriptions (issue #5). Every token is stored as a SHA-256 hash (security/tokens.ts):
 * management and confirmation tokens are shown once; the unsubscribe token is derived from the id
 * and TOKEN_SECRET, so messages can carry it without D1 holding it (legacy rows: see the column).
 * A webhook's signing secret must be readable to sign, so it is stored as issued.
 */
export const subscriptions = sqliteTable(
  "subscriptions",
  {
    id: text("id").primaryKey(),
    channel: text("channel", { enum: ["email", "webhook", "slack"] }).notNull(),
    target: text("target").notNull(),
    // Filters: theme ids (any of), then a keyword query (all words) within them.
    themes: text("themes", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    query: text("query"),
    // Picks per digest (issue #14: 3–50); null = the default (digest/subscriber-digest.ts).
    digestSize: integer("digest_size"),
    // pending: e-mail awaiting confirmation; active; unsubscribed; disabled (e.g. a webhook answered 410).
    status: text("status", { enum: ["pending", "active", "unsubscribed", "disabled"] }).notNull(),
    manageTokenHash: text("manage_token_hash").notNull().unique(),
    // `sha256:<hex>` of the derived unsubscribe token (security/unsubscribe-token.ts); rows from
    // before migration 0008 hold the token as issued.
    unsubscribeTokenStored: text("unsubscribe_token").notNull().unique(),
    confirmTokenHash: text("confirm_token_hash").unique(),
    webhookSecret: text("webhook_secret"),
    statusReason: text("status_reason"),
    createdAt: integer("created_at").notNull(),
    confirmedAt: integer("confirmed_at"),
    changedAt: integer("changed_at").notNull(),
  },
  (t) => [
    index("subscriptions_status_idx").on(t.status, t.confirmedAt),
    // One live subscription per (channel, target) (issue #11): subscribing again upserts against it,
    // so concurrent subscribes of one target leave exactly one. Ended rows keep their history.
    uniqueIndex("subscriptions_live_target_uq")
      .on(t.channel, t.target)
      .where(sql`status IN ('pending', 'active')`),
  ],
);

/**
 * Confirmation mails sent per address and UTC day (issue #11): at most a few, so nobody can use the
 * subscribe form to flood an inbox. Rows older than yesterday are deleted as new ones are counted.
 */
export const confirmationMailQuota = sqliteTable(
  "confirmation_mail_quota",
  {
    address: text("address").notNull(),
    // UTC day, `2026-12-04`.
    day: text("day").notNull(),
    sent: integer("sent").notNull(),
  },
  (t) => [primaryKey({ columns: [t.address, t.day] })],
);

/**
 * The delivery ledger: one row per (subscription, digest week, channel), created by the fan-out.
 * The unique key is what turns at-least-once queue delivery into exactly-once sending: a consumer
 * claims the row before sending and marks it sent after; a redelivered message finds it sent.
 */
export const deliveries = sqliteTable(
  "deliveries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    subscriptionId: text("subscription_id")
      .notNull()
      .references(() => subscriptions.id),
    week: text("week")
      .notNull()
      .references(() => digests.week),
    channel: text("channel").notNull(),
    // pending → sending → sent | retrying → … | failed (parked) | skipped (nothing matched its filters)
    status: text("status", {
      enum: ["pending", "sending", "sent", "retrying", "failed", "skipped"],
    }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    // A claim expires so a consumer that died mid-send does not block the row forever.
    claimedUntil: integer("claimed_until"),
    nextAttemptAt: integer("next_attempt_at"),
    enqueuedAt: integer("enqueued_at"),
    sentAt: integer("sent_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("deliveries_subscription_week_channel_uq").on(t.subscriptionId, t.week, t.channel),
    index("deliveries_week_idx").on(t.week, t.status),
    index("deliveries_unqueued_idx").on(t.enqueuedAt, t.status),
  ],
);

/**
 * Harvesting arXiv (issue #7, docs/harvest.md). The followed categories and queries: one row
 * (`id` = 1), replaced whole by `PUT /api/harvest/config`; no row = the `HARVEST_CATEGORIES` default.
 */
export const harvestConfig = sqliteTable("harvest_config", {
  id: integer("id").primaryKey(),
  categories: text("categories", { mode: "json" }).$type<string[]>().notNull(),
  queries: text("queries", { mode: "json" }).$type<string[]>().notNull(),
  updatedAt: integer("updated_at").notNull(),
});

/**
 * How far the API harvest of each followed source (`cs.LG`, `query:<text>`) has got: everything last
 * updated before `covered_until` is harvested; a day window being paged is resumed from `next_start`
 * by the next run when a run runs out of time or arXiv fails.
 */
export const harvestCursors = sqliteTable("harvest_cursors", {
  source: text("source").primaryKey(),
  coveredUntil: integer("covered_until").notNull(),
  // The open window [from, to) and its paging position; null when no window is open.
  windowFrom: integer("window_from"),
  windowTo: integer("window_to"),
  nextStart: integer("next_start").notNull().default(0),
  windowExpected: integer("window_expected"),
  windowStored: integer("window_stored").notNull().default(0),
  windowAdded: integer("window_added").notNull().default(0),
  // Consecutive answers with fewer entries than arXiv announced (not yet visible) for the open window.
  shortAnswers: integer("short_answers").notNull().default(0),
  updatedAt: integer("updated_at").notNull(),
});

/** One row per harvest run (the daily cron): its outcome and how many requests it sent to arXiv. */
export const harvestRuns = sqliteTable(
  "harvest_runs",
  {
    id: text("id").primaryKey(),
    startedAt: integer("started_at").notNull(),
    finishedAt: integer("finished_at"),
    trigger: text("trigger").notNull(),
    // running (or died while running) | complete | partial (gaps left for the next run) | failed
    status: text("status", { enum: ["running", "complete", "partial", "failed"] }).notNull(),
    requests: integer("requests").notNull().default(0),
    note: text("note"),
  },
  (t) => [index("harvest_runs_started_idx").on(t.startedAt)],
);

/**
 * The coverage audit: per run, source, stage (`rss` announcement or `api` window) and unit (the
 * announcement date or the window's day), what arXiv said to expect and what was stored.
 */
export const harvestCoverage = sqliteTable(
  "harvest_coverage",
  {
    runId: text("run_id")
      .notNull()
      .references(() => harvestRuns.id),
    source: text("source").notNull(),
    stage: text("stage", { enum: ["rss", "api"] }).notNull(),
    unit: text("unit").notNull(),
    status: text("status").notNull(),
    // Null when arXiv could not be asked (an outage before the first answer).
    expected: integer("expected"),
    received: integer("received").notNull(),
    stored: integer("stored").notNull(),
    added: integer("added").notNull(),
    gaps: integer("gaps").notNull(),
    // Announce types (RSS) and verdicts of what was stored.
    detail: text("detail", { mode: "json" })
      .$type<{ announced?: Record<string, number>; verdicts?: Record<string, number> }>()
      .notNull()
      .default(sql`'{}'`),
    note: text("note"),
    recordedAt: integer("recorded_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.source, t.stage, t.unit] }),
    index("harvest_coverage_recorded_idx").on(t.recordedAt),
  ],
);

/**
 * Slack request signatures accepted within their five-minute window (security/slack-signature.ts):
 * a replay reaching any isolate conflicts on the key and is refused. Rows past `expires_at` are
 * useless (the window refuses them anyway) and are deleted a few at a time by later requests.
 */
export const slackSeenSignatures = sqliteTable(
  "slack_seen_signatures",
  {
    signature: text("signature").primaryKey(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("slack_seen_signatures_expiry_idx").on(t.expiresAt)],
);

/**
 * What a subscription cares about besides its seed papers (issue #13): followed authors, keywords
 * and excluded words, as the subscriber wrote them (normalised, de-duplicated). One row per
 * subscription that has said anything; private to its management token and the admin.
 */
export const subscriptionInterests = sqliteTable("subscription_interests", {
  subscriptionId: text("subscription_id")
    .primaryKey()
    .references(() => subscriptions.id),
  authors: text("authors", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
  keywords: text("keywords", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
  exclude: text("exclude", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
  updatedAt: integer("updated_at").notNull(),
});

/**
 * A subscription's seed papers: each ref it gave (`papers`, or a BibTeX entry), normalised to
 * `ref` = `arxiv:<id>` (the paper's future key), `doi:<lower-case doi>` or `title:<folded title>`.
 * `paper_key` is the paper it matched, null until the bot has it: arXiv and DOI refs are matched
 * again whenever the profile is read, so a seed counts once its paper arrives. No foreign key on
 * `paper_key`: an unmatched seed has none, and absorbed papers move with the other child rows.
 */
export const subscriptionSeeds = sqliteTable(
  "subscription_seeds",
  {
    subscriptionId: text("subscription_id")
      .notNull()
      .references(() => subscriptions.id),
    ref: text("ref").notNull(),
    // As the subscriber gave it (a pasted URL, a BibTeX cite key), for `unmatched` and display.
    given: text("given").notNull(),
    source: text("source", { enum: ["papers", "bibtex"] }).notNull(),
    paperKey: text("paper_key"),
    addedAt: integer("added_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.subscriptionId, t.ref] }),
    index("subscription_seeds_paper_idx").on(t.paperKey),
  ],
);

/**
 * Readers' signals on papers (issue #13): one current signal per (subscription, paper, reader).
 * `by` is the Slack user id for a channel's buttons, '' for the API (a key column cannot be NULL
 * and stay unique; the API answers null). `clear` deletes the row.
 */
export const subscriptionFeedback = sqliteTable(
  "subscription_feedback",
  {
    subscriptionId: text("subscription_id")
      .notNull()
      .references(() => subscriptions.id),
    paperKey: text("paper_key").notNull(),
    by: text("by").notNull().default(""),
    signal: text("signal", { enum: ["up", "down", "save"] }).notNull(),
    at: integer("at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.subscriptionId, t.paperKey, t.by] }),
    index("subscription_feedback_recent_idx").on(t.subscriptionId, t.at),
    index("subscription_feedback_paper_idx").on(t.paperKey),
  ],
);
