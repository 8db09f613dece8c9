// PLACEHOLDER: the mail provider stand-in (Resend / Postmark API shapes) replaces this.
import type { StandIn } from "./types";

export const mailApiStandIn: StandIn = {
  name: "mail-api",
  matches: (url) => url.hostname === "mail-api.standin.test",
  handle: async () => new Response("not built yet", { status: 501 }),
};
