/**
 * One error class and one error shape everywhere (contract):
 * `{"error": {"code": "<snake_case>", "message": "<human sentence>"}}`.
 */
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** Every `error.code` the API answers with (docs/contract.md lists the ingest ones with their status). */
export const ERROR_CODES = [
  // 400
  "bad_request",
  "empty_body",
  "invalid_body",
  "invalid_command",
  "invalid_feedback",
  "invalid_harvest_config",
  "invalid_interests",
  "invalid_paper_ref",
  "invalid_limit",
  "invalid_query",
  "invalid_received_at",
  "invalid_subscription",
  "invalid_target",
  "invalid_theme",
  "invalid_theme_id",
  "invalid_week",
  "received_at_in_future",
  "unknown_theme",
  // 401 / 403
  "unauthorized",
  "invalid_token",
  "missing_signature",
  "invalid_signature",
  "stale_request",
  "replayed_request",
  "forbidden",
  "forbidden_target",
  // 404 / 405 / 409
  "not_found",
  "method_not_allowed",
  "digest_not_found",
  "paper_not_found",
  "subscription_not_found",
  "theme_not_found",
  "theme_id_taken",
  "already_subscribed",
  "week_published",
  // 413 / 415
  "payload_too_large",
  "unsupported_format",
  // 429
  "rate_limited",
  // 5xx
  "misconfigured",
  "internal_error",
  // 503: ingests kept losing to concurrent writers (db/store-ingest.ts)
  "busy",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    /** Response headers the status needs (e.g. `Retry-After` with a 429). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** A throttled caller (429, contract): how long to wait is in `Retry-After`, in seconds. */
export function rateLimited(retryAfterSeconds: number): ApiError {
  return new ApiError(
    429,
    "rate_limited",
    `Too many requests from this client; try again in ${retryAfterSeconds} seconds.`,
    { "retry-after": String(retryAfterSeconds) },
  );
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}

/** A zod failure as one readable line: "field: problem; other: problem" ("body" for the whole value). */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `${i.path.map(String).join(".") || "body"}: ${i.message}`).join("; ");
}

/** The code for an error status raised outside our routes (Hono's own HTTPException). */
export function codeForStatus(status: number): ErrorCode {
  if (status >= 500) return "internal_error";
  const byStatus: Partial<Record<number, ErrorCode>> = {
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_format",
  };
  return byStatus[status] ?? "bad_request";
}
