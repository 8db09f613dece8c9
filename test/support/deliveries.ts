/** Helpers for delivery tests: subscribe through the API, wait for the queue consumer. */
import { expect } from "vitest";
import { ADMIN_TOKEN, call } from "./api";

export interface CreatedSubscription {
  id: string;
  status: string;
  manageToken: string;
  unsubscribeUrl: string;
  webhookSecret?: string;
}

export async function subscribe(body: Record<string, unknown>): Promise<CreatedSubscription> {
  const res = await call("/api/subscriptions", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as CreatedSubscription;
}

export interface DeliveryView {
  id: number;
  subscription: string;
  channel: string;
  status: string;
  attempts: number;
  lastError: string | null;
}

export async function deliveriesOf(week: string): Promise<DeliveryView[]> {
  const res = await call(`/api/deliveries?week=${week}`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { deliveries: DeliveryView[] }).deliveries;
}

/** Polls until every delivery of the week has left pending/sending (the queue consumer runs in the background). */
export async function waitForDeliveries(
  week: string,
  done: (d: DeliveryView) => boolean = (d) => !["pending", "sending"].includes(d.status),
  timeoutMs = 20_000,
): Promise<DeliveryView[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await deliveriesOf(week);
    if (rows.length > 0 && rows.every(done)) return rows;
    if (Date.now() > deadline) throw new Error(`deliveries of ${week} not done: ${JSON.stringify(rows)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
