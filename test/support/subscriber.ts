/** Helpers for the subscription profile routes (issue #13): a webhook subscription and its token. */
import { expect } from "vitest";
import { ADMIN_TOKEN, call, postSubscription } from "./api";

const RUN = crypto.randomUUID().slice(0, 8);

export interface Subscriber {
  id: string;
  token: string;
  /** The create answer, interests and `unmatched` included when interests were given. */
  created: Record<string, unknown>;
}

/** A webhook subscription made through the API (its own receiver name), with optional interests. */
export async function webhookSubscriber(
  name: string,
  interests?: unknown,
  size?: number,
): Promise<Subscriber> {
  const res = await postSubscription({
    channel: "webhook",
    target: `https://${name}-${RUN}.receiver.example.com/hook`,
    ...(interests === undefined ? {} : { interests }),
    ...(size === undefined ? {} : { size }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const created = (await res.json()) as Record<string, unknown> & { id: string; manageToken: string };
  return { id: created.id, token: created.manageToken, created };
}

/** A call to a subscription route with a bearer (the management token, the admin's, or none). */
export function asSubscriber(
  path: string,
  token: string | null,
  init: { method?: string; body?: unknown } = {},
): Promise<Response> {
  return call(path, {
    method: init.method ?? "GET",
    headers: {
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...(init.body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}

export const asAdmin = (path: string, init: { method?: string; body?: unknown } = {}) =>
  asSubscriber(path, ADMIN_TOKEN, init);

export async function jsonOf<T>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

/** Ingest through the API as received at `receivedAt` (importing history). */
export async function importAt(body: string, receivedAt: string): Promise<void> {
  const res = await call(`/api/ingest?receivedAt=${encodeURIComponent(receivedAt)}`, {
    method: "POST",
    body,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  expect(res.status, await res.clone().text()).toBe(200);
}
