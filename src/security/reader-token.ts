/**
 * The reader token (issue #14): what the links in a delivered digest carry so a reader can open
 * that subscription's own page, its Atom feed and its feedback buttons without logging in. It only
 * opens those (never management: interests are changed with the management token). Derived, like
 * the unsubscribe token, from the subscription id under TOKEN_SECRET, so every message can rebuild
 * it and D1 stores nothing; changing TOKEN_SECRET retires every reader link at once.
 */
import { derivedToken, looksLikeToken } from "./tokens";

export const READER_PREFIX = "rd";
const PURPOSE = "reader";

export function readerTokenOf(subscriptionId: string, secret: string): Promise<string> {
  return derivedToken(READER_PREFIX, secret, PURPOSE, subscriptionId);
}

/** Whether `presented` opens this subscription's reader pages (a constant-time comparison). */
export async function isReaderToken(
  subscriptionId: string,
  presented: string | null | undefined,
  secret: string,
): Promise<boolean> {
  if (!looksLikeToken(presented, READER_PREFIX)) return false;
  const expected = await readerTokenOf(subscriptionId, secret);
  let difference = expected.length ^ presented.length;
  for (let i = 0; i < expected.length; i++) {
    difference |= expected.charCodeAt(i) ^ presented.charCodeAt(i % presented.length);
  }
  return difference === 0;
}
