/**
 * Who may read or change a subscription: the admin (every one), or the holder of its management
 * token (that one only). Interests, signals and the subscriber's digest are private to these two.
 */
import { findSubscription, type SubscriptionRow } from "../db/queries/subscriptions";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { bearerToken, isAdminToken } from "../security/admin-token";
import { subscriptionByManageToken } from "../subscribe/subscriptions";

export type Caller = { kind: "admin" } | { kind: "subscriber"; subscription: SubscriptionRow };

export async function authorise(header: string | undefined, vars: AppEnv["Variables"]): Promise<Caller> {
  const token = bearerToken(header);
  if (token === null) {
    throw new ApiError(
      401,
      "unauthorized",
      "Send `Authorization: Bearer <token>`: the subscription's management token or the admin token.",
    );
  }
  if (isAdminToken(token, vars.config.adminToken)) return { kind: "admin" };
  const subscription = await subscriptionByManageToken(vars.db, token);
  if (!subscription)
    throw new ApiError(401, "invalid_token", "The token is neither a management token nor the admin token.");
  return { kind: "subscriber", subscription };
}

/**
 * The subscription `id`, when the caller may see it. Another subscription's id answers the same
 * 404 as an unknown one, so a management token cannot probe which ids exist.
 */
export async function authoriseSubscription(
  header: string | undefined,
  vars: AppEnv["Variables"],
  id: string,
): Promise<SubscriptionRow> {
  const caller = await authorise(header, vars);
  const subscription = caller.kind === "admin" ? await findSubscription(vars.db, id) : caller.subscription;
  if (!subscription || subscription.id !== id) {
    throw new ApiError(404, "subscription_not_found", "No subscription with this id belongs to the token.");
  }
  return subscription;
}
