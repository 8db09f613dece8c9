/**
 * The unsubscribe token of a subscription (security/tokens.ts): derived from its id and the
 * operator's TOKEN_SECRET, so it can be rebuilt for every message, and stored only as
 * `sha256:<hex>` in `subscriptions.unsubscribe_token`. Rows from before migration 0008 hold the
 * token as it was issued (random); those keep working as they are.
 */
import { derivedToken, hashToken } from "./tokens";

export const UNSUBSCRIBE_PREFIX = "unsub";
const HASHED = "sha256:";
const PURPOSE = "unsubscribe";

export interface IssuedUnsubscribeToken {
  token: string;
  /** What D1 keeps. */
  stored: string;
}

export async function issueUnsubscribeToken(
  subscriptionId: string,
  secret: string,
): Promise<IssuedUnsubscribeToken> {
  const token = await derivedToken(UNSUBSCRIBE_PREFIX, secret, PURPOSE, subscriptionId);
  return { token, stored: `${HASHED}${await hashToken(token)}` };
}

/**
 * The token to put in a message, or null when the stored hash does not match what the secret
 * derives (TOKEN_SECRET was changed): then no message may go out with a link that does not work.
 */
export async function unsubscribeTokenOf(
  subscription: { id: string; unsubscribeTokenStored: string },
  secret: string,
): Promise<string | null> {
  const stored = subscription.unsubscribeTokenStored;
  if (!stored.startsWith(HASHED)) return stored; // issued before migration 0008
  const issued = await issueUnsubscribeToken(subscription.id, secret);
  return issued.stored === stored ? issued.token : null;
}

/** The stored forms a presented token may have: hashed (current), or as issued (legacy rows). */
export async function storedFormsOf(token: string): Promise<[string, string]> {
  return [`${HASHED}${await hashToken(token)}`, token];
}
