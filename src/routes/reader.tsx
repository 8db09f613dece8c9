/**
 * The reader's pages (issue #14; contract: feedback links in the e-mail digest), opened by the
 * subscription's reader token (security/reader-token.ts), which opens nothing else:
 * - `GET /feedback?s={id}&token=rd_…&paper={key}&signal=up|down|save`: a page naming the paper and
 *   the signal with one button. A GET records nothing: mail scanners open every link of a mail.
 * - `POST /feedback` (a form: s, token, paper, signal up|down|save|clear, optional return=page and
 *   week): records the signal (idempotent), then the "recorded" page or, with return=page, a 303
 *   back to the subscription's page.
 * - `GET /s/{id}?token=rd_…&week=…`: the subscription's own page (pages/subscriber-page.tsx); the
 *   week defaults to the latest published one (the current preview while none is).
 * A wrong token and an unknown subscription answer the same 404; an ended subscription 410. The
 * token is in the address, so these answers are never indexed, cached or sent on as a Referer.
 *
 * Not rate-limited: the public limiter (subscription-guards.ts) counts subscription attempts, 10 a
 * minute, which a reader pressing through a week's picks would exceed. Every request here needs a
 * valid reader token (256 bits, not guessable), and a recorded signal is one upsert of a row per
 * (subscription, paper), so repeating a request adds nothing.
 */

import type { Context } from "hono";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { z } from "zod";
import { latestPublishedWeek } from "../db/queries/digests";
import { namedPaper, pageSignalOf, pageSignals, publishedNeighbours } from "../db/queries/reader-pages";
import { findSubscription, type SubscriptionRow } from "../db/queries/subscriptions";
import { isoWeekOf, loadDigestForWeek, parseIsoWeek, weekRange } from "../digest";
import { briefOf, DEFAULT_PICKS } from "../digest/subscriber-digest";
import { orderedDigest, rankForSubscription } from "../digest/subscriber-ranking";
import type { AppEnv } from "../env";
import { resolvePaperRef } from "../lookup/resolve-ref";
import { badWeekPage, unknownWeekPage } from "../pages/error-page";
import { FeedbackPage, FeedbackRecordedPage } from "../pages/feedback-page";
import { htmlDocument } from "../pages/layout";
import { pageHref, pickAnchor, type ReaderKey } from "../pages/reader-addresses";
import {
  BAD_SIGNAL,
  ENDED,
  INVALID_LINK,
  type ReaderProblem,
  ReaderProblemPage,
  TOO_LARGE,
  UNKNOWN_PAPER,
  UNREADABLE_FORM,
} from "../pages/reader-layout";
import { SubscriberPage } from "../pages/subscriber-page";
import { isReaderToken } from "../security/reader-token";
import { giveFeedback } from "../subscribe/feedback";
import { interestsView } from "../subscribe/interests";

/** A subscription id is a UUID (older rows: a short slug); anything far longer is not one. */
const Credential = z.object({
  s: z.string().min(1).max(100),
  token: z.string().min(1).max(200),
});
const LinkSignal = z.enum(["up", "down", "save"]);
const FormSignal = z.enum(["up", "down", "save", "clear"]);
const PaperRef = z.string().trim().min(1).max(300);
/** `return=page` sends the reader back to the subscription's page for `week`. */
const FormReturn = z.object({
  return: z.literal("page").optional().catch(undefined),
  week: z.string().max(40).optional().catch(undefined),
});

/** A feedback form is a few hundred bytes; the cap stops a large body before it is read. */
const FEEDBACK_MAX_BODY_BYTES = 8 * 1024;
/** The reader's signals a page reads at most (see db/queries/reader-pages.ts). */
const PAGE_SIGNALS = 2000;

const READER_HEADERS = {
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
  "x-robots-tag": "noindex",
};

/** Every answer of these routes, redirects and errors included, carries READER_HEADERS. */
const readerHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  for (const [name, value] of Object.entries(READER_HEADERS)) c.res.headers.set(name, value);
});

async function problem(c: Context<AppEnv>, p: ReaderProblem) {
  return c.html(await htmlDocument(ReaderProblemPage(p)), p.status);
}

type Opened =
  | { ok: true; subscription: SubscriptionRow; reader: ReaderKey }
  | { ok: false; problem: ReaderProblem };

/** The subscription a reader link opens: the token first (no lookup for a wrong one), then the row. */
async function openSubscription(c: Context<AppEnv>, s: unknown, token: unknown): Promise<Opened> {
  const credential = Credential.safeParse({ s, token });
  if (!credential.success) return { ok: false, problem: INVALID_LINK };
  const { s: id, token: presented } = credential.data;
  if (!(await isReaderToken(id, presented, c.var.config.delivery.tokenSecret))) {
    return { ok: false, problem: INVALID_LINK };
  }
  const subscription = await findSubscription(c.var.db, id);
  if (!subscription) return { ok: false, problem: INVALID_LINK };
  if (subscription.status === "unsubscribed" || subscription.status === "disabled") {
    return { ok: false, problem: ENDED };
  }
  return { ok: true, subscription, reader: { id, token: presented } };
}

/** The stored paper a link or form names (any ref form; an alias resolves), or null. */
async function paperOf(c: Context<AppEnv>, raw: unknown) {
  const ref = PaperRef.safeParse(raw);
  const resolved = ref.success ? resolvePaperRef(ref.data) : null;
  return resolved ? namedPaper(c.var.db, resolved.key) : null;
}

export const readerRoutes = new Hono<AppEnv>()
  .use("/feedback", readerHeaders)
  .use("/s/*", readerHeaders)
  .get("/feedback", async (c) => {
    const opened = await openSubscription(c, c.req.query("s"), c.req.query("token"));
    if (!opened.ok) return problem(c, opened.problem);
    const signal = LinkSignal.safeParse(c.req.query("signal"));
    if (!signal.success) return problem(c, BAD_SIGNAL);
    const paper = await paperOf(c, c.req.query("paper"));
    if (!paper) return problem(c, UNKNOWN_PAPER);
    const current = await pageSignalOf(c.var.db, opened.reader.id, paper.key);
    return c.html(
      await htmlDocument(FeedbackPage({ reader: opened.reader, paper, signal: signal.data, current })),
    );
  })
  // CSRF: the credential is the reader token in the form's body, not a cookie (these pages set
  // none), so a form on another site cannot record a signal without already knowing the token.
  .post(
    "/feedback",
    bodyLimit({ maxSize: FEEDBACK_MAX_BODY_BYTES, onError: (c) => problem(c, TOO_LARGE) }),
    async (c) => {
      const body = await c.req.parseBody().catch(() => null);
      if (body === null) return problem(c, UNREADABLE_FORM);
      const opened = await openSubscription(c, body.s, body.token);
      if (!opened.ok) return problem(c, opened.problem);
      const signal = FormSignal.safeParse(body.signal);
      if (!signal.success) return problem(c, BAD_SIGNAL);
      const paper = await paperOf(c, body.paper);
      if (!paper) return problem(c, UNKNOWN_PAPER);
      const outcome = await giveFeedback(
        c.var.db,
        opened.reader.id,
        { paper: paper.key, signal: signal.data, by: null },
        Date.now(),
      );
      if (!outcome.ok) return problem(c, UNKNOWN_PAPER);
      const after = FormReturn.parse({ return: body.return, week: body.week });
      if (after.return === "page") {
        const week = after.week === undefined ? null : parseIsoWeek(after.week);
        return c.redirect(`${pageHref(opened.reader, week)}#${pickAnchor(outcome.paper)}`, 303);
      }
      return c.html(
        await htmlDocument(FeedbackRecordedPage({ reader: opened.reader, paper, signal: outcome.signal })),
      );
    },
  )
  .get("/s/:id", async (c) => {
    const opened = await openSubscription(c, c.req.param("id"), c.req.query("token"));
    if (!opened.ok) return problem(c, opened.problem);
    const { subscription, reader } = opened;
    const db = c.var.db;
    const now = Date.now();
    const raw = c.req.query("week");
    const week = raw ? parseIsoWeek(raw) : ((await latestPublishedWeek(db)) ?? isoWeekOf(now));
    if (week === null) return problem(c, badWeekPage(raw ?? "", isoWeekOf(now)));
    const digest = await loadDigestForWeek(db, week, now);
    if (digest === null) return problem(c, unknownWeekPage(week, weekRange(week).start > now));
    const picks = subscription.digestSize ?? DEFAULT_PICKS;
    const ranking = await rankForSubscription(db, digest, subscription, { explain: picks });
    const [signals, interests, around] = await Promise.all([
      pageSignals(db, subscription.id, PAGE_SIGNALS),
      interestsView(db, subscription.id),
      publishedNeighbours(db, week),
    ]);
    const current = isoWeekOf(now);
    // After the newest published week comes the week so far, as its preview.
    const next = around.next ?? (week < current ? current : null);
    const labels = new Map(digest.themes.map((t) => [t.id, t.label]));
    const full = orderedDigest(ranking);
    return c.html(
      await htmlDocument(
        SubscriberPage({
          reader,
          channel: subscription.channel,
          brief: briefOf(ranking, picks, c.var.config.delivery.publicBaseUrl, full),
          week: digest,
          full,
          signals,
          interests,
          filters: {
            themes: subscription.themes.map((id) => labels.get(id) ?? id),
            query: subscription.query,
          },
          neighbours: { previous: around.previous, next },
        }),
      ),
    );
  });
