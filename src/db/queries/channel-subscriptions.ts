/** A Slack channel's own subscriptions (`/paper subscribe` and `/paper unsubscribe`). */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "../client";
import { subscriptions } from "../schema";
import type { SubscriptionRow } from "./subscriptions";

/** The channel's pending or active subscriptions, oldest first (the table is small: no index needed). */
export function liveSubscriptionsOf(
  db: Database,
  channel: SubscriptionRow["channel"],
  target: string,
): Promise<SubscriptionRow[]> {
  return db
    .select()
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.channel, channel),
        eq(subscriptions.target, target),
        inArray(subscriptions.status, ["pending", "active"]),
      ),
    )
    .orderBy(asc(subscriptions.createdAt));
}
