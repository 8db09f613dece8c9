/**
 * How a finished mail leaves: one small interface, two real implementations (the Cloudflare
 * `send_email` binding, the Resend HTTP API), chosen by MAIL_PROVIDER. Each maps its own failures
 * onto the channel-independent SendOutcome (sent / retry / failed / disable).
 */
import type { SendOutcome } from "../types";
import type { MailMessage } from "./message";

export interface MailTransport {
  /** "cloudflare" or "resend": named in outcomes and logs. */
  readonly name: string;
  send(message: MailMessage): Promise<SendOutcome>;
}

/** A `Retry-After` value (seconds, or an HTTP date) in ms; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
