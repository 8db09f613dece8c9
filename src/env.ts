/**
 * Bindings and secrets, checked with zod once per isolate. A missing secret is our
 * (the operator's) fault, so it surfaces as a 500 `misconfigured` naming the variable.
 */
import { z } from "zod";
import type { Database } from "./db/client";
import { ApiError, describeIssues } from "./errors";
import { parseDefaultCategories } from "./harvest/followed";
import { HARVEST_DEFAULTS, type HarvestSettings, harvestUserAgent } from "./harvest/settings";

const ConfigSchema = z.object({
  ADMIN_TOKEN: z.string().min(1, "ADMIN_TOKEN is not set (wrangler secret put ADMIN_TOKEN)"),
  SLACK_SIGNING_SECRET: z.string().optional(),
  // Key of the derived unsubscribe tokens (security/tokens.ts). Set it once and keep it: links
  // issued under one key do not work under another. Unset, ADMIN_TOKEN is the key.
  TOKEN_SECRET: z.string().min(16, "TOKEN_SECRET must be at least 16 characters").optional(),
  INGEST_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).default("http://localhost:8787"),
  MAIL_FROM: z.string().min(3).default("arxiv-digest <digest@example.com>"),
  MAIL_PROVIDER: z.enum(["cloudflare", "resend"]).default("cloudflare"),
  // Secret for Resend (wrangler secret put MAIL_API_KEY).
  MAIL_API_KEY: z.string().optional(),
  // Override of the provider's API origin (a local stand-in in tests).
  MAIL_API_URL: z.url().optional(),
  // Bot token for posting to Slack channels by id (chat.postMessage); webhook URLs need none.
  SLACK_BOT_TOKEN: z.string().optional(),
  SLACK_API_URL: z.url().default("https://slack.com/api"),
  // Local development only: let webhook subscriptions target loopback receivers (http://127.0.0.1:…).
  WEBHOOK_ALLOW_LOOPBACK: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  // arXiv harvest (docs/harvest.md): endpoints, the default followed categories, a contact for the
  // User-Agent; the politeness interval and timeouts only change in tests.
  ARXIV_API_URL: z.url({ protocol: /^https?$/ }).default(HARVEST_DEFAULTS.apiUrl),
  ARXIV_RSS_URL: z.url({ protocol: /^https?$/ }).default(HARVEST_DEFAULTS.rssUrl),
  HARVEST_CATEGORIES: z.string().default("cs.LG,cs.IR"),
  HARVEST_CONTACT: z.string().trim().max(200).optional(),
  HARVEST_REQUEST_INTERVAL_MS: z.coerce.number().int().min(0).default(HARVEST_DEFAULTS.requestIntervalMs),
  HARVEST_TIMEOUT_MS: z.coerce.number().int().positive().default(HARVEST_DEFAULTS.timeoutMs),
  HARVEST_MAX_RETRY_WAIT_MS: z.coerce.number().int().min(0).default(HARVEST_DEFAULTS.maxRetryWaitMs),
  HARVEST_PAGE_SIZE: z.coerce.number().int().min(1).max(2000).default(HARVEST_DEFAULTS.pageSize),
});

export interface DeliveryConfig {
  publicBaseUrl: string;
  mailFrom: string;
  mailProvider: "cloudflare" | "resend";
  mailApiKey: string | undefined;
  mailApiUrl: string | undefined;
  slackBotToken: string | undefined;
  slackApiUrl: string;
  webhookAllowLoopback: boolean;
  /** Key of the derived unsubscribe tokens: TOKEN_SECRET, else ADMIN_TOKEN. */
  tokenSecret: string;
}

export interface AppConfig {
  adminToken: string;
  slackSigningSecret: string | undefined;
  ingestMaxBytes: number;
  delivery: DeliveryConfig;
  harvest: HarvestSettings;
}

const cache = new WeakMap<Env, AppConfig>();

export function readConfig(env: Env): AppConfig {
  const cached = cache.get(env);
  if (cached) return cached;
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = describeIssues(parsed.error.issues);
    throw new ApiError(500, "misconfigured", `The bot is misconfigured: ${problems}.`);
  }
  const config: AppConfig = {
    adminToken: parsed.data.ADMIN_TOKEN,
    slackSigningSecret: parsed.data.SLACK_SIGNING_SECRET,
    ingestMaxBytes: parsed.data.INGEST_MAX_BYTES,
    delivery: {
      publicBaseUrl: parsed.data.PUBLIC_BASE_URL.replace(/\/+$/, ""),
      mailFrom: parsed.data.MAIL_FROM,
      mailProvider: parsed.data.MAIL_PROVIDER,
      mailApiKey: parsed.data.MAIL_API_KEY,
      mailApiUrl: parsed.data.MAIL_API_URL,
      slackBotToken: parsed.data.SLACK_BOT_TOKEN,
      slackApiUrl: parsed.data.SLACK_API_URL.replace(/\/+$/, ""),
      webhookAllowLoopback: parsed.data.WEBHOOK_ALLOW_LOOPBACK,
      tokenSecret: parsed.data.TOKEN_SECRET ?? parsed.data.ADMIN_TOKEN,
    },
    harvest: {
      ...HARVEST_DEFAULTS,
      apiUrl: parsed.data.ARXIV_API_URL,
      rssUrl: parsed.data.ARXIV_RSS_URL,
      userAgent: harvestUserAgent(
        parsed.data.PUBLIC_BASE_URL.replace(/\/+$/, ""),
        parsed.data.HARVEST_CONTACT || undefined,
      ),
      defaultCategories: parseDefaultCategories(parsed.data.HARVEST_CATEGORIES),
      requestIntervalMs: parsed.data.HARVEST_REQUEST_INTERVAL_MS,
      timeoutMs: parsed.data.HARVEST_TIMEOUT_MS,
      maxRetryWaitMs: parsed.data.HARVEST_MAX_RETRY_WAIT_MS,
      pageSize: parsed.data.HARVEST_PAGE_SIZE,
    },
  };
  cache.set(env, config);
  return config;
}

export interface AppEnv {
  Bindings: Env;
  Variables: { config: AppConfig; db: Database };
}
