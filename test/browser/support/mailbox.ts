/**
 * The mails the bot under `wrangler dev` sent. With MAIL_PROVIDER=cloudflare, miniflare's
 * `send_email` binding writes each one to `<os.tmpdir()>/miniflare-<id>/files/email/<uuid>.eml` (and
 * logs that path); test/standins/sent-mail.ts lists them. Other wrangler processes on the machine
 * write there too, so a test mails its own unique address and picks its mails out by recipient,
 * parsed with postal-mime.
 */
import PostalMime, { type Email } from "postal-mime";
import { findSentMail } from "../../standins/sent-mail";

export interface SentMail {
  file: string;
  email: Email;
}

/** The mails to `address` written since `since` (epoch ms), oldest first. */
export async function mailsTo(address: string, since: number): Promise<SentMail[]> {
  const found: SentMail[] = [];
  for (const { file, raw } of await findSentMail(address, since)) {
    const email = await PostalMime.parse(raw);
    if (email.to?.some((to) => to.address?.toLowerCase() === address.toLowerCase()))
      found.push({ file, email });
  }
  return found;
}

/** Waits for the first mail to `address` since `since`; fails after `timeoutMs`. */
export async function waitForMail(address: string, since: number, timeoutMs = 30_000): Promise<SentMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [first] = await mailsTo(address, since);
    if (first) return first;
    if (Date.now() > deadline) {
      throw new Error(`no mail to ${address} within ${timeoutMs / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Every http(s) link in the mail's text part that has `pathname`. */
export function linksTo(email: Email, pathname: string): URL[] {
  const urls = (email.text ?? "").match(/https?:\/\/[^\s<>"]+/g) ?? [];
  return urls.map((u) => new URL(u)).filter((u) => u.pathname === pathname);
}
