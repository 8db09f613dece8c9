import { Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { endSubscription, findSubscription, listSubscriptions } from "../../db/queries/subscriptions";
import type { AppEnv } from "../../env";
import { ApiError, describeIssues } from "../../errors";
import { bearerToken } from "../../security/admin-token";
import { PUBLIC, type SubscribeAuthority } from "../../security/subscribe-authority";
import { setInterests } from "../../subscribe/interests";
import { SubscriptionBody } from "../../subscribe/subscription-input";
import { createSubscription, type SubscribeRefusal, subscriptionView } from "../../subscribe/subscriptions";
import { authorise } from "../subscription-auth";
import { publicRateLimit, subscriptionBodyLimit } from "../subscription-guards";

const REFUSAL_STATUS = {
  invalid_target: 400,
  unknown_theme: 400,
  forbidden_target: 403,
  already_subscribed: 409,
} as const satisfies Record<SubscribeRefusal["reason"], ContentfulStatusCode>;

function refusalError(refusal: SubscribeRefusal): ApiError {
  return new ApiError(REFUSAL_STATUS[refusal.reason], refusal.reason, refusal.message);
}

export const subscriptionRoutes = new Hono<AppEnv>()
  .post("/", publicRateLimit, subscriptionBodyLimit, async (c) => {
    const body = SubscriptionBody.safeParse(await c.req.json().catch(() => null));
    if (!body.success) {
      const problems = describeIssues(body.error.issues);
      throw new ApiError(400, "invalid_subscription", `The subscription is not valid: ${problems}.`);
    }
    const authority = await subscribeAuthority(c.req.header("authorization"), c.var);
    const outcome = await createSubscription(
      c.var.db,
      c.env.DELIVERY_QUEUE,
      body.data,
      c.var.config.delivery,
      Date.now(),
      authority,
    );
    if (!outcome.ok) throw refusalError(outcome.refusal);
    const created = outcome.value;
    const { subscription: s } = created;
    // Saved once the subscription exists (the caller was allowed to make or change it).
    const interests = body.data.interests
      ? await setInterests(c.var.db, s.id, body.data.interests, Date.now())
      : null;
    const base = c.var.config.delivery.publicBaseUrl;
    const pending = s.status === "pending";
    const message = created.created
      ? pending
        ? `A confirmation mail is on its way to ${s.target}; nothing else is sent before it is confirmed.`
        : null
      : pending
        ? `${s.target} already had a subscription waiting for confirmation: it now has these filters, and a confirmation mail is on its way; nothing else is sent before it is confirmed.`
        : "This target already had a subscription: it now has these filters. Its management token, unsubscribe link and signing secret are unchanged.";
    return c.json(
      {
        ...subscriptionView(s),
        // 201 with a new subscription; 200 when the target's live subscription was updated instead.
        updated: !created.created,
        // Shown once: keep it to list or delete this subscription (Authorization: Bearer <token>).
        ...(created.manageToken ? { manageToken: created.manageToken } : {}),
        ...(created.unsubscribeToken
          ? { unsubscribeUrl: `${base}/unsubscribe?token=${encodeURIComponent(created.unsubscribeToken)}` }
          : {}),
        ...(created.webhookSecret ? { webhookSecret: created.webhookSecret } : {}),
        ...(interests ?? {}),
        ...(message ? { message } : {}),
      },
      created.created ? 201 : 200,
    );
  })
  // The admin sees every subscription; a subscriber's management token sees its own.
  .get("/", async (c) => {
    const caller = await authorise(c.req.header("authorization"), c.var);
    const rows = caller.kind === "admin" ? await listSubscriptions(c.var.db) : [caller.subscription];
    return c.json({ subscriptions: rows.map(subscriptionView) });
  })
  .delete("/:id", async (c) => {
    const caller = await authorise(c.req.header("authorization"), c.var);
    const id = c.req.param("id");
    if (caller.kind === "subscriber" && caller.subscription.id !== id) {
      throw new ApiError(404, "subscription_not_found", "No subscription with this id belongs to the token.");
    }
    const ended = await endSubscription(c.var.db, id, "unsubscribed", "deleted through the API", Date.now());
    // Deleting twice is fine (idempotent); deleting what never existed is a 404.
    if (!ended && !(await findSubscription(c.var.db, id))) {
      throw new ApiError(404, "subscription_not_found", `No subscription has the id "${id.slice(0, 60)}".`);
    }
    return c.body(null, 204);
  });

/** The bearer, when there is one: the admin token or a management token (else 401); none is the public. */
async function subscribeAuthority(
  header: string | undefined,
  vars: AppEnv["Variables"],
): Promise<SubscribeAuthority> {
  if (bearerToken(header) === null) return PUBLIC;
  const caller = await authorise(header, vars);
  return caller.kind === "admin"
    ? { kind: "admin" }
    : { kind: "subscriber", subscriptionId: caller.subscription.id };
}
