// PLACEHOLDER: the Slack stand-in (chat.postMessage, incoming webhooks, Block Kit limits) replaces this.
import type { StandIn } from "./types";

export const slackStandIn: StandIn = {
  name: "slack",
  matches: (url) => url.hostname === "slack.standin.test" || url.hostname === "hooks.slack.com",
  handle: async () => new Response("not built yet", { status: 501 }),
};
