/**
 * The double opt-in mail: what was asked for, the confirm link, the promise that nothing else is
 * sent before it is confirmed, and the link that cancels it. The confirm link opens a page with a
 * button (a GET never confirms: link scanners in mail systems open every link).
 */
import type { SubscriptionRow } from "../../db/queries/subscriptions";
import type { RenderedMail } from "./digest-mail";
import { esc, htmlDocument, link, STYLE } from "./html";

export interface ConfirmationLinks {
  confirm: string;
  unsubscribe: string;
}

export const CONFIRMATION_SUBJECT = "Confirm your subscription to the weekly arXiv digest";

/** "every theme", or the chosen themes by label (their id when the label is unknown). */
function themesWanted(subscription: SubscriptionRow, labels: ReadonlyMap<string, string>): string {
  if (subscription.themes.length === 0) return "every theme";
  const names = subscription.themes.map((id) => labels.get(id) ?? id);
  return `${names.length === 1 ? "the theme" : "the themes"} ${names.map((n) => `“${n}”`).join(", ")}`;
}

export function renderConfirmationMail(
  subscription: SubscriptionRow,
  links: ConfirmationLinks,
  publicBaseUrl: string,
  themeLabels: ReadonlyMap<string, string> = new Map(),
): RenderedMail {
  const host = new URL(publicBaseUrl).host;
  const asked = `Someone, probably you, asked for the weekly arXiv digest of ${host} to be sent to ${subscription.target}.`;
  // The keywords are the caller's free text, not yet confirmed by this address: a mail must not
  // carry a stranger's words to an inbox (the confirm page, behind the link, shows them).
  const what = `${themesWanted(subscription, themeLabels)}${subscription.query ? ", only papers matching the keywords given when subscribing (shown on the confirmation page)" : ""}`;
  const when = "One mail a week, after the digest is published on Monday at 08:00 UTC.";
  const nothing =
    "Nothing is sent to this address before you confirm. If you did not ask for this, ignore this mail: without a confirmation you will not hear from us again.";

  const html = htmlDocument(
    CONFIRMATION_SUBJECT,
    "One click to start the weekly arXiv digest; nothing is sent before you confirm.",
    [
      `<h1 style="${STYLE.h1}">Please confirm your subscription</h1>`,
      `<p style="${STYLE.p}">${esc(asked)}</p>`,
      `<p style="${STYLE.p}"><strong>What you asked for:</strong> ${esc(what)}. ${esc(when)}</p>`,
      `<p style="${STYLE.p}">${link(links.confirm, "Confirm the subscription", STYLE.button)}</p>`,
      `<p style="${STYLE.muted}">If the button does not work, open this link: ${link(links.confirm, links.confirm)}</p>`,
      `<p style="${STYLE.p}">${esc(nothing)}</p>`,
      `<div style="${STYLE.footer}"><p style="${STYLE.p}">Changed your mind? ${link(links.unsubscribe, "Cancel this subscription")}.</p></div>`,
    ].join("\n"),
  );

  const text = [
    "Please confirm your subscription",
    "",
    asked,
    "",
    `What you asked for: ${what}.`,
    when,
    "",
    "Confirm the subscription:",
    links.confirm,
    "",
    nothing,
    "",
    "-- ",
    `Changed your mind? Cancel this subscription: ${links.unsubscribe}`,
    "",
  ].join("\n");

  return { subject: CONFIRMATION_SUBJECT, html, text };
}
