/**
 * Bindings and secrets, checked with zod once per isolate. A missing secret is our
 * (the operator's) fault, so it surfaces as a 500 `misconfigured` naming the variable.
 */
import { z } from "zod";
import type { Database } from "./db/client";
import { ApiError } from "./errors";

const ConfigSchema = z.object({
  ADMIN_TOKEN: z.string().min(1, "ADMIN_TOKEN is not set (wrangler secret put ADMIN_TOKEN)"),
  SLACK_SIGNING_SECRET: z.string().optional(),
  INGEST_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
});

export interface AppConfig {
  adminToken: string;
  slackSigningSecret: string | undefined;
  ingestMaxBytes: number;
}

const cache = new WeakMap<Env, AppConfig>();

export function readConfig(env: Env): AppConfig {
  const cached = cache.get(env);
  if (cached) return cached;
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new ApiError(500, "misconfigured", `The bot is misconfigured: ${problems}.`);
  }
  const config: AppConfig = {
    adminToken: parsed.data.ADMIN_TOKEN,
    slackSigningSecret: parsed.data.SLACK_SIGNING_SECRET,
    ingestMaxBytes: parsed.data.INGEST_MAX_BYTES,
  };
  cache.set(env, config);
  return config;
}

export interface AppEnv {
  Bindings: Env;
  Variables: { config: AppConfig; db: Database };
}
