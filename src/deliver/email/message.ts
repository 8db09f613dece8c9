/** One outgoing mail, independent of how it travels (MIME through the binding, JSON to an HTTP API). */
import type { Mailbox } from "./mailbox";

export interface MailMessage {
  from: Mailbox;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** `<digest-2026-W47-12@example.org>`: the same for every attempt at one delivery. */
  messageId: string;
  /** Epoch ms, for the Date header. */
  date: number;
  /** List-Id, List-Unsubscribe, List-Unsubscribe-Post (values unfolded, no CR/LF). */
  headers: Record<string, string>;
  /** The provider's de-duplication key (Resend `Idempotency-Key`): same for every attempt. */
  idempotencyKey: string;
}
