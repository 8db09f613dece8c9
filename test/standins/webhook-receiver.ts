/**
 * A real Standard Webhooks receiver (Node side), for any host ending in `.receiver.example.com`.
 * Tests register each endpoint's `whsec_` secret first (`POST http://standins/webhook/register`
 * with `{ "url": "…", "secret": "whsec_…" }`); every request that reaches the receiver's own
 * behaviour is verified with the `standardwebhooks` library's `Webhook.verify` (signature and
 * timestamp tolerance): 204 when it verifies, 401 when it does not (or no secret is registered).
 * `GET http://standins/webhook/verified?contains=…` lists the verdicts, with the parsed payload.
 * Answers scripted through `/script` are returned before this behaviour runs (the registry), so
 * they are recorded in `/webhook/requests` but not verified.
 */
import { Webhook } from "standardwebhooks";
import type { RecordedRequest, StandIn } from "./types";

export interface WebhookVerdict {
  at: number;
  url: string;
  webhookId: string | null;
  webhookTimestamp: string | null;
  verified: boolean;
  /** Why verification failed. */
  error?: string;
  /** A verified request whose webhook-id was verified before (a receiver would drop it). */
  duplicate: boolean;
  /** The verified, parsed body. */
  payload?: unknown;
}

/** Secrets by `host + path` (the same key the registry's scripts use). */
const secrets = new Map<string, string>();
const verdicts: WebhookVerdict[] = [];
const seenIds = new Set<string>();

const endpointKey = (url: URL) => `${url.host}${url.pathname}`;

function verify(request: RecordedRequest): WebhookVerdict {
  const url = new URL(request.url);
  const verdict: WebhookVerdict = {
    at: request.at,
    url: url.href,
    webhookId: request.headers["webhook-id"] ?? null,
    webhookTimestamp: request.headers["webhook-timestamp"] ?? null,
    verified: false,
    duplicate: false,
  };
  const secret = secrets.get(endpointKey(url));
  if (!secret) return { ...verdict, error: `no secret registered for ${endpointKey(url)}` };
  try {
    const payload = new Webhook(secret).verify(request.body, request.headers);
    const duplicate = seenIds.has(`${endpointKey(url)} ${verdict.webhookId}`);
    seenIds.add(`${endpointKey(url)} ${verdict.webhookId}`);
    return { ...verdict, verified: true, duplicate, payload };
  } catch (error) {
    return { ...verdict, error: error instanceof Error ? error.message : String(error) };
  }
}

export const webhookReceiver: StandIn = {
  name: "webhook",
  matches: (url) => url.hostname.endsWith(".receiver.example.com"),
  handle: async (request) => {
    const verdict = verify(request);
    verdicts.push(verdict);
    if (!verdict.verified) return Response.json({ error: verdict.error }, { status: 401 });
    return new Response(null, { status: 204 });
  },
  control: async (request, action) => {
    if (request.method === "POST" && action === "register") {
      const { url, secret } = (await request.json()) as { url: string; secret: string };
      secrets.set(endpointKey(new URL(url)), secret);
      return Response.json({ ok: true });
    }
    if (request.method === "GET" && action === "verified") {
      const contains = new URL(request.url).searchParams.get("contains") ?? "";
      return Response.json(verdicts.filter((v) => v.url.includes(contains)));
    }
    return new Response("unknown webhook receiver control", { status: 404 });
  },
};
