/**
 * The pages behind the links we send: confirming an e-mail subscription and leaving one. A GET
 * never changes anything (mail scanners prefetch links): it shows a button that POSTs.
 */
import type { SubscriptionRow } from "../db/queries/subscriptions";
import { Layout } from "./layout";

function describeSubscription(s: SubscriptionRow): string {
  const filters = [
    s.themes.length > 0 ? `themes ${s.themes.join(", ")}` : null,
    s.query ? `papers matching “${s.query}”` : null,
  ].filter(Boolean);
  return `the weekly arXiv digest${filters.length > 0 ? ` (${filters.join("; ")})` : ""} by ${s.channel} to ${s.target}`;
}

export function ConfirmPage({ subscription, token }: { subscription: SubscriptionRow; token: string }) {
  return (
    <Layout title="Confirm your subscription">
      <h1>Confirm your subscription</h1>
      <p>You asked for {describeSubscription(subscription)}.</p>
      <form method="post" action={`/subscriptions/confirm?token=${encodeURIComponent(token)}`}>
        <button type="submit">Confirm subscription</button>
      </form>
      <p class="meta">Nothing is sent until you confirm. If you did not ask for this, ignore the mail.</p>
    </Layout>
  );
}

export function UnsubscribePage({ subscription, token }: { subscription: SubscriptionRow; token: string }) {
  const active = subscription.status === "active" || subscription.status === "pending";
  return (
    <Layout title="Unsubscribe">
      <h1>Unsubscribe</h1>
      {active ? (
        <>
          <p>Stop sending {describeSubscription(subscription)}?</p>
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

export function DonePage({ heading, message }: { heading: string; message: string }) {
  return (
    <Layout title={heading}>
      <h1>{heading}</h1>
      <p>{message}</p>
      <p>
        Read the <a href="/">latest digest</a> on the web any time.
      </p>
    </Layout>
  );
}
