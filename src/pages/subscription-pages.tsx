/**
 * The pages behind the links we send: confirming an e-mail subscription and leaving one. A GET
 * never changes anything (mail scanners prefetch links): it shows a button that POSTs.
 */
import type { SubscriptionRow } from "../db/queries/subscriptions";
import { Layout } from "./layout";

const BY_CHANNEL: Record<SubscriptionRow["channel"], string> = {
  email: "by e-mail to",
  webhook: "to the webhook",
  slack: "to the Slack channel",
};

/** Theme labels by id (an id without a label shows as itself). */
export type ThemeLabels = ReadonlyMap<string, string>;

function describeSubscription(s: SubscriptionRow, labels: ThemeLabels): string {
  const themes = s.themes.map((id) => `“${labels.get(id) ?? id}”`).join(", ");
  const filters = [
    s.themes.length > 0 ? `${s.themes.length === 1 ? "theme" : "themes"} ${themes}` : null,
    s.query ? `papers matching “${s.query}”` : null,
  ].filter(Boolean);
  return `the weekly arXiv digest${filters.length > 0 ? ` (${filters.join("; ")})` : ""} ${BY_CHANNEL[s.channel]} ${s.target}`;
}

interface TokenPageProps {
  subscription: SubscriptionRow;
  token: string;
  themeLabels?: ThemeLabels;
}

export function ConfirmPage({ subscription, token, themeLabels = new Map() }: TokenPageProps) {
  return (
    <Layout title="Confirm your subscription">
      <h1>Confirm your subscription</h1>
      <p>You asked for {describeSubscription(subscription, themeLabels)}.</p>
      <form method="post" action={`/subscriptions/confirm?token=${encodeURIComponent(token)}`}>
        <button type="submit">Confirm subscription</button>
      </form>
      <p class="meta">Nothing is sent until you confirm. If you did not ask for this, ignore the mail.</p>
    </Layout>
  );
}

export function UnsubscribePage({ subscription, token, themeLabels = new Map() }: TokenPageProps) {
  const active = subscription.status === "active" || subscription.status === "pending";
  return (
    <Layout title="Unsubscribe">
      <h1>Unsubscribe</h1>
      {active ? (
        <>
          <p>Stop sending {describeSubscription(subscription, themeLabels)}?</p>
          <form method="post" action={`/unsubscribe?token=${encodeURIComponent(token)}`}>
            <input type="hidden" name="List-Unsubscribe" value="One-Click" />
            <button type="submit">Unsubscribe</button>
          </form>
        </>
      ) : (
        <p>This subscription has already ended; nothing more will be sent.</p>
      )}
    </Layout>
  );
}

export interface DonePageProps {
  heading: string;
  message: string;
  /** Shown once, after confirming: the new management token, for the API. */
  manageToken?: string | null;
}

export function DonePage({ heading, message, manageToken = null }: DonePageProps) {
  return (
    <Layout title={heading}>
      <h1>{heading}</h1>
      <p>{message}</p>
      {manageToken ? (
        <p class="meta">
          To change or delete this subscription through the API, keep this management token (shown only now;
          any earlier one no longer works): <code>{manageToken}</code>
        </p>
      ) : null}
      <p>
        Read the <a href="/">latest digest</a> on the web any time.
      </p>
    </Layout>
  );
}

/** A confirm link of a subscription that was cancelled (or disabled) before it was confirmed. */
export function CancelledPage() {
  return (
    <Layout title="This subscription was cancelled">
      <h1>This subscription was cancelled</h1>
      <p>
        It was cancelled before it was confirmed, so confirming it now changes nothing: no digest will be sent
        to this address.
      </p>
      <p>
        To receive the digest, <a href="/subscribe">subscribe again</a>: a new confirmation mail follows.
      </p>
    </Layout>
  );
}
