/**
 * Email Routing entry point: the `mailto:unsubscribe@…?subject=unsubscribe <token>` fallback of
 * every digest's List-Unsubscribe header (RFC 2369), for mail programs without one-click. The token
 * in the subject (or body) ends the subscription, as the https link would; anything else is refused
 * back to the sender with a reason.
 */
import PostalMime from "postal-mime";
import { openDatabase } from "../db/client";
import { logEvent } from "../log";
import { unsubscribeByToken } from "../subscribe/subscriptions";

const TOKEN = /\b(unsub_[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/;

export async function runInboundEmail(message: ForwardableEmailMessage, env: Env): Promise<void> {
  if (!message.to.toLowerCase().startsWith("unsubscribe@")) {
    message.setReject("This address does not take mail; write to the list's owner instead.");
    return;
  }
  const mail = await PostalMime.parse(message.raw);
  const token = TOKEN.exec(`${mail.subject ?? ""}\n${mail.text ?? ""}`)?.[1];
  if (!token) {
    message.setReject(
      "No unsubscribe token found: send the message your mail program prepared, subject unchanged.",
    );
    return;
  }
  const result = await unsubscribeByToken(openDatabase(env.DB), token, Date.now());
  if (result === "unknown") {
    message.setReject("That unsubscribe token is not known.");
    return;
  }
  logEvent("inbound-unsubscribe", { result });
}
