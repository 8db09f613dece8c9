import { createMiddleware } from "hono/factory";
import { openDatabase } from "../db/client";
import { type AppEnv, readConfig } from "../env";
import { ApiError } from "../errors";
import { bearerToken, isAdminToken } from "../security/admin-token";

/** Makes the checked config and the database available to every route. */
export const withContext = createMiddleware<AppEnv>(async (c, next) => {
  c.set("config", readConfig(c.env));
  c.set("db", openDatabase(c.env.DB));
  await next();
});

export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  const presented = bearerToken(c.req.header("authorization"));
  if (presented === null) {
    throw new ApiError(
      401,
      "unauthorized",
      "This route needs an `Authorization: Bearer <ADMIN_TOKEN>` header.",
    );
  }
  // RFC 6750: a wrong token is a 401 too (the client must authenticate again), not a 403.
  if (!isAdminToken(presented, c.var.config.adminToken)) {
    throw new ApiError(401, "invalid_token", "The bearer token is not this bot's ADMIN_TOKEN.");
  }
  await next();
});
