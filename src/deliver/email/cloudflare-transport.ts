/**
 * Cloudflare Email Service through the `send_email` binding (wrangler.toml: EMAIL), with the mail
 * as raw MIME in an `EmailMessage`. Locally (wrangler dev, the tests) miniflare parses the MIME,
 * checks that From matches the envelope sender and writes it to `<tmp>/files/email/<uuid>.eml`.
 * Errors carry a string `code` (developers.cloudflare.com/email-service/api/send-emails/workers-api/).
 */
import { EmailMessage } from "cloudflare:email";
import type { SendOutcome } from "../types";
import type { MailMessage } from "./message";
import { toMime } from "./mime";
import type { MailTransport } from "./transport";

/** Worth another try later, with how long to wait at least. */
const TRANSIENT: Record<string, number | undefined> = {
  E_RATE_LIMIT_EXCEEDED: 60_000,
  E_DAILY_LIMIT_EXCEEDED: 3_600_000,
  E_INTERNAL_SERVER_ERROR: undefined,
  E_DELIVERY_FAILED: undefined,
};

/** The address bounced or complained: stop mailing it. */
const STOP = new Set(["E_RECIPIENT_SUPPRESSED"]);

export function bindingErrorOutcome(error: unknown): SendOutcome {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : null;
  const message = error instanceof Error ? error.message : String(error);
  const detail = `Cloudflare send_email: ${code ? `${code}: ` : ""}${message}`;
  if (code && STOP.has(code)) return { kind: "disable", error: detail };
  if (code && code in TRANSIENT) {
    const wait = TRANSIENT[code];
    return wait === undefined
      ? { kind: "retry", error: detail }
      : { kind: "retry", error: detail, retryAfterMs: wait };
  }
  // A documented code not listed above is about this mail or our setup (sender not verified,
  // header rejected, too large): sending it again will not help. No code at all: the runtime failed.
  if (code?.startsWith("E_")) return { kind: "failed", error: detail };
  return { kind: "retry", error: detail };
}

export function cloudflareTransport(binding: SendEmail): MailTransport {
  return {
    name: "cloudflare",
    async send(message: MailMessage): Promise<SendOutcome> {
      try {
        const result = await binding.send(
          new EmailMessage(message.from.address, message.to, toMime(message)),
        );
        return { kind: "sent", detail: `cloudflare ${result?.messageId ?? message.messageId}` };
      } catch (error) {
        return bindingErrorOutcome(error);
      }
    },
  };
}
