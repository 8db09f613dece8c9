/**
 * Guards of the public subscription routes (POST /api/subscriptions without the admin token,
 * POST /subscribe): a per-client rate limit (Workers Rate Limiting binding `SUBSCRIBE_RATE_LIMIT`,
 * wrangler.toml) and a body cap. Both answer in the contract's error shape before the body is read.
 */
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { ApiError, rateLimited } from "../errors";
import { bearerToken, isAdminToken } from "../security/admin-token";
import { clientKey } from "../security/client-key";

/**
 * A subscription is a few hundred bytes, but its interests may carry a whole BibTeX export (up to
 * 1,000,000 characters, interests/interest-input.ts): 1.5 MiB leaves room for that, escaped in JSON.
 */
export const SUBSCRIPTION_MAX_BODY_BYTES = 1.5 * 1024 * 1024;
/** The binding's window (wrangler.toml `ratelimits[].simple.period`): what a refused client waits. */
export const SUBSCRIBE_RATE_PERIOD_SECONDS = 60;

export const subscriptionBodyLimit = bodyLimit({
  maxSize: SUBSCRIPTION_MAX_BODY_BYTES,
  onError: () => {
    throw new ApiError(
      413,
      "payload_too_large",
      `A subscription request is at most ${SUBSCRIPTION_MAX_BODY_BYTES} bytes.`,
    );
  },
});

/** PUT …/interests: the same room as a subscription with its interests. */
export const interestsBodyLimit = subscriptionBodyLimit;

/** The admin is not throttled (imports, operators); everyone else is counted by client IP. */
export const publicRateLimit = createMiddleware<AppEnv>(async (c, next) => {
  if (!isAdminToken(bearerToken(c.req.header("authorization")), c.var.config.adminToken)) {
    const { success } = await c.env.SUBSCRIBE_RATE_LIMIT.limit({ key: clientKey(c.req.raw.headers) });
    if (!success) throw rateLimited(SUBSCRIBE_RATE_PERIOD_SECONDS);
  }
  await next();
});
