/** A form body signed as Slack signs its requests (v0: HMAC-SHA256 of `v0:<timestamp>:<body>`). */
import { createHmac } from "node:crypto";

export function slackSigned(body: string, secret: string, nowMs = Date.now()) {
  const timestamp = String(Math.floor(nowMs / 1000));
  const signature = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return {
    body,
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": timestamp,
      "x-slack-signature": signature,
    },
  };
}
