/**
 * Resend's HTTP API (resend.com/docs/api-reference/emails/send-email): POST {base}/emails with
 * `Authorization: Bearer <key>` and `{ from, to, subject, html, text, headers }`; 200 `{ "id" }`.
 * Errors are `{ statusCode, name, message }` (resend.com/docs/api-reference/errors).
 *
 * Every request carries an `Idempotency-Key` that is the same for every attempt at one delivery:
 * when an answer is lost (a timeout after Resend accepted the mail), the retry is recognised and
 * not sent twice (keys are kept 24 h). So the body must be the same on every attempt too: no Date
 * or Message-ID header here (Resend sets both), nothing that depends on the clock.
 */
import type { SendOutcome } from "../types";
import type { MailMessage } from "./message";
import { type MailTransport, retryAfterMs } from "./transport";

export const RESEND_API = "https://api.resend.com";
export const SEND_TIMEOUT_MS = 15_000;

export interface ResendOptions {
  apiKey: string | undefined;
  /** The API origin: https://api.resend.com, or a stand-in in tests. */
  baseUrl?: string;
  timeoutMs?: number;
}

interface ResendError {
  statusCode?: number;
  name?: string;
  message?: string;
}

function fromField(message: MailMessage): string {
  const { name, address } = message.from;
  return name ? `${/[",<>@]/.test(name) ? JSON.stringify(name) : name} <${address}>` : address;
}

export function resendBody(message: MailMessage) {
  return {
    from: fromField(message),
    to: [message.to],
    subject: message.subject,
    html: message.html,
    text: message.text,
    headers: message.headers,
  };
}

/** Status and error body → outcome (the 2xx case is handled by the caller). */
export function resendErrorOutcome(
  status: number,
  body: ResendError,
  retryAfter: number | undefined,
): SendOutcome {
  const name = body.name ?? "error";
  const error = `Resend ${status} ${name}: ${body.message ?? "no message"}`;
  const retry = (): SendOutcome =>
    retryAfter === undefined ? { kind: "retry", error } : { kind: "retry", error, retryAfterMs: retryAfter };
  if (status === 429 || status >= 500 || status === 408 || status === 425) return retry();
  // The same key while the first request is still running: ask again later. The same key with a
  // different body is our bug, and sending again would not change that.
  if (status === 409) return name === "invalid_idempotent_request" ? { kind: "failed", error } : retry();
  return { kind: "failed", error };
}

export function resendTransport(options: ResendOptions): MailTransport {
  const base = (options.baseUrl ?? RESEND_API).replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? SEND_TIMEOUT_MS;
  return {
    name: "resend",
    async send(message: MailMessage): Promise<SendOutcome> {
      if (!options.apiKey) {
        return { kind: "failed", error: "MAIL_API_KEY is not set (wrangler secret put MAIL_API_KEY)" };
      }
      let response: Response;
      try {
        response = await fetch(`${base}/emails`, {
          method: "POST",
          headers: {
            authorization: `Bearer ${options.apiKey}`,
            "content-type": "application/json",
            "idempotency-key": message.idempotencyKey,
            "user-agent": "arxiv-digest",
          },
          body: JSON.stringify(resendBody(message)),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const timedOut =
          error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
        return {
          kind: "retry",
          error: timedOut
            ? `Resend did not answer within ${timeoutMs / 1000} s`
            : `Resend unreachable: ${error instanceof Error ? error.message : String(error)}`,
        };
      }
      const text = await response.text().catch(() => "");
      let body: ResendError & { id?: string } = { message: text.slice(0, 200) || response.statusText };
      try {
        const parsed: unknown = JSON.parse(text);
        if (parsed && typeof parsed === "object") body = parsed as typeof body;
      } catch {
        // Not JSON (a proxy's error page): keep the start of the text as the message.
      }
      if (response.ok) return { kind: "sent", detail: `resend ${body.id ?? ""}`.trim() };
      return resendErrorOutcome(response.status, body, retryAfterMs(response.headers.get("retry-after")));
    },
  };
}
