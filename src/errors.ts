/**
 * One error class and one error shape everywhere (contract):
 * `{"error": {"code": "<snake_case>", "message": "<human sentence>"}}`.
 */
import type { ContentfulStatusCode } from "hono/utils/http-status";

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    /** Response headers the status needs (e.g. `Retry-After` with a 429). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** A throttled caller (429, contract): how long to wait is in `Retry-After`, in seconds. */
export const RATE_LIMITED = "rate_limited";

export function rateLimited(retryAfterSeconds: number): ApiError {
  return new ApiError(
    429,
    RATE_LIMITED,
    `Too many requests from this client; try again in ${retryAfterSeconds} seconds.`,
    { "retry-after": String(retryAfterSeconds) },
  );
}

export interface ErrorBody {
  error: { code: string; message: string };
}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}

/** A zod failure as one readable line: "field: problem; other: problem" ("body" for the whole value). */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `${i.path.map(String).join(".") || "body"}: ${i.message}`).join("; ");
}
