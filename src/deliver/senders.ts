/** The channel senders, built from the checked config and the bindings. */
import type { Database } from "../db/client";
import { findSubscription } from "../db/queries/subscriptions";
import type { DeliveryConfig } from "../env";
import type { DeliveryDeps } from "./deliver-message";
import { createEmailSender } from "./email";
import { createSlackSender } from "./slack";
import type { SendOutcome } from "./types";
import { createWebhookSender } from "./webhook";

export function deliveryDeps(db: Database, env: Env, config: DeliveryConfig): DeliveryDeps {
  const ctx = { config, env, now: () => Date.now() };
  const email = createEmailSender(ctx);
  const base = config.publicBaseUrl;
  return {
    db,
    senders: { email, slack: createSlackSender(ctx), webhook: createWebhookSender(ctx) },
    sendConfirmation: async (subscriptionId, confirmToken, unsubscribeToken): Promise<SendOutcome> => {
      const subscription = await findSubscription(db, subscriptionId);
      // Confirmed, unsubscribed or gone in the meantime: nothing to confirm any more.
      if (subscription?.status !== "pending") return { kind: "sent", detail: "no longer pending" };
      return email.sendConfirmation(subscription, {
        confirm: `${base}/subscriptions/confirm?token=${encodeURIComponent(confirmToken)}`,
        unsubscribe: `${base}/unsubscribe?token=${encodeURIComponent(unsubscribeToken)}`,
      });
    },
    publicBaseUrl: base,
    tokenSecret: config.tokenSecret,
    now: () => Date.now(),
  };
}
