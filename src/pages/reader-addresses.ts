/**
 * The reader's pages link to each other with the same addresses as digest/reader-links.ts, but
 * relative to the page: a reader who opened the page on one host stays on it (mails name
 * PUBLIC_BASE_URL; a local run or a preview deployment serves the same paths elsewhere).
 */
import {
  type FeedbackSignal,
  feedbackUrl,
  subscriberFeedPath,
  subscriberPagePath,
} from "../digest/reader-links";

/** The subscription whose pages these are, and the reader token that opens them. */
export interface ReaderKey {
  id: string;
  token: string;
}

/** `/s/{id}?token=…` (and `&week=…`): the subscription's page, for one week or its latest. */
export function pageHref(key: ReaderKey, week?: string | null): string {
  const base = `${subscriberPagePath(key.id)}?token=${encodeURIComponent(key.token)}`;
  return week ? `${base}&week=${encodeURIComponent(week)}` : base;
}

export function interestsHref(key: ReaderKey, week?: string | null): string {
  return `${pageHref(key, week)}#interests`;
}

export function feedHref(key: ReaderKey): string {
  return `${subscriberFeedPath(key.id)}?token=${encodeURIComponent(key.token)}`;
}

/** `GET /feedback?…`: the page whose button records `signal` on the paper. */
export function feedbackHref(key: ReaderKey, paperKey: string, signal: FeedbackSignal): string {
  const base = `/feedback?s=${encodeURIComponent(key.id)}&token=${encodeURIComponent(key.token)}`;
  return feedbackUrl({ feedback: base }, paperKey, signal);
}

/** A pick's fragment id on the page (`pick-arxiv-2510-01234`): where POST /feedback returns to. */
export function pickAnchor(paperKey: string): string {
  return `pick-${paperKey.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}
