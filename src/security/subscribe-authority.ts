/**
 * Who is asking to subscribe, and what that lets them do (issue #11). Pure: the routes work out the
 * authority (a bearer token, a verified Slack signature), these functions decide.
 *
 * - A Slack channel id makes the bot post with its own token (with `chat:write.public`, into any
 *   public channel), so only that channel itself (a signed `/paper subscribe` from it) or the admin
 *   may subscribe one. An incoming-webhook URL is the channel's own credential: whoever holds it can
 *   post there anyway, so it needs nothing more (like any webhook).
 * - A live subscription to the same target is changed in place only by the admin, that channel,
 *   or the holder of that subscription's management token. Anyone else may only refresh a pending
 *   e-mail subscription (nothing is sent to it before the address confirms).
 */
export type SubscribeAuthority =
  | { kind: "public" }
  | { kind: "admin" }
  /** The bearer is the management token of this subscription. */
  | { kind: "subscriber"; subscriptionId: string }
  /** A signed Slack request sent from this channel. */
  | { kind: "slack-channel"; channelId: string };

export const PUBLIC: SubscribeAuthority = { kind: "public" };

export function mayPostToSlackChannel(authority: SubscribeAuthority, channelId: string): boolean {
  return (
    authority.kind === "admin" || (authority.kind === "slack-channel" && authority.channelId === channelId)
  );
}

/** Which existing live subscription to the same target the caller may update. */
export type UpdateScope = { kind: "any" } | { kind: "pending-email" } | { kind: "only"; id: string };

export function updateScope(authority: SubscribeAuthority): UpdateScope {
  switch (authority.kind) {
    case "admin":
    case "slack-channel":
      return { kind: "any" };
    case "subscriber":
      return { kind: "only", id: authority.subscriptionId };
    case "public":
      return { kind: "pending-email" };
  }
}

/** Tokens of an existing subscription are never re-shown; its unsubscribe link only to who may manage it. */
export function mayReadUnsubscribeLink(authority: SubscribeAuthority): boolean {
  return authority.kind === "admin" || authority.kind === "subscriber";
}
