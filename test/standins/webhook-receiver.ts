// PLACEHOLDER: the webhook receiver (verifies with the standardwebhooks library) replaces this.
import type { StandIn } from "./types";

export const webhookReceiver: StandIn = {
  name: "webhook",
  matches: (url) => url.hostname.endsWith(".receiver.example.com"),
  handle: async () => new Response("not built yet", { status: 501 }),
};
