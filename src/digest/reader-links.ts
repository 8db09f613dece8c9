/**
 * The addresses a delivered digest points its reader to (issue #14), built in one place so the
 * e-mail, Slack, the feed and the subscriber's page agree with the routes (src/routes/reader.tsx).
 * The reader token opens the subscription's page, feed and feedback only (security/reader-token.ts).
 */
export type FeedbackSignal = "up" | "down" | "save";

export interface ReaderLinks {
  /** The week's full digest on the public web. */
  web: string;
  /** The subscription's own page for this week: its picks with feedback buttons, interests, the full week. */
  page: string;
  /** Where its interests are shown (on its page). */
  interests: string;
  /** Atom feed of its picks. */
  feed: string;
  /** One-click unsubscribe (RFC 8058 POST target; GET shows a confirmation page). */
  unsubscribe: string;
  /** `GET /feedback?…` without paper and signal; see feedbackUrl. */
  feedback: string;
}

export function subscriberPagePath(subscriptionId: string): string {
  return `/s/${encodeURIComponent(subscriptionId)}`;
}

export function subscriberFeedPath(subscriptionId: string): string {
  return `/feeds/subscriptions/${encodeURIComponent(subscriptionId)}.atom`;
}

export function themeFeedPath(themeId: string): string {
  return `/feeds/themes/${encodeURIComponent(themeId)}.atom`;
}

export function readerLinks(input: {
  publicBaseUrl: string;
  subscriptionId: string;
  readerToken: string;
  week: string;
  unsubscribe: string;
}): ReaderLinks {
  const { publicBaseUrl: base, subscriptionId: id, week } = input;
  const token = encodeURIComponent(input.readerToken);
  const page = `${base}${subscriberPagePath(id)}?token=${token}&week=${encodeURIComponent(week)}`;
  return {
    web: `${base}/digests/${encodeURIComponent(week)}`,
    page,
    interests: `${page}#interests`,
    feed: `${base}${subscriberFeedPath(id)}?token=${token}`,
    unsubscribe: input.unsubscribe,
    feedback: `${base}/feedback?s=${encodeURIComponent(id)}&token=${token}`,
  };
}

/** The link of one feedback button (a `GET` that only shows a page: mail scanners open links). */
export function feedbackUrl(links: Pick<ReaderLinks, "feedback">, paperKey: string, signal: FeedbackSignal) {
  return `${links.feedback}&paper=${encodeURIComponent(paperKey)}&signal=${signal}`;
}
