import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { recordSlackSignature } from "../db/queries/slack-signatures";
import type { AppEnv } from "../env";
import { ApiError, type ErrorCode } from "../errors";
import {
  REPLAYED,
  ReplayGuard,
  type SlackSignatureFailure,
  verifySlackRequest,
} from "../security/slack-signature";
import { answerInteraction, readInteraction } from "../slack-interactions";
import { answerSlashCommand, parseSlashPayload } from "../slash-command";

/** A slash-command payload is a few kB; anything much larger is not from Slack. */
const MAX_BODY_BYTES = 64 * 1024;
/**
 * A button click carries the whole message it was clicked in (a digest: at most 50 blocks and
 * about 12,000 characters of text, URL-encoded JSON around them): far below this.
 */
const MAX_INTERACTION_BYTES = 512 * 1024;

const FAILURE_CODES: Record<SlackSignatureFailure, ErrorCode> = {
  missing: "missing_signature",
  invalid: "invalid_signature",
  stale: "stale_request",
  replayed: "replayed_request",
};

/** Signatures seen by this isolate within the five-minute window (security/slack-signature.ts). */
const replayGuard = new ReplayGuard();

/**
 * The raw body of a request Slack signed, or a 401: the v0 signature over the raw bytes within the
 * five-minute window, then the replay guards (this isolate's, then D1's across isolates).
 */
async function signedBody(c: Context<AppEnv>, now: number): Promise<Uint8Array> {
  const secret = c.var.config.slackSigningSecret;
  if (!secret) {
    throw new ApiError(
      500,
      "misconfigured",
      "SLACK_SIGNING_SECRET is not set (wrangler secret put SLACK_SIGNING_SECRET): Slack requests cannot be checked.",
    );
  }
  // The signature covers the raw bytes: read them before anything parses the body.
  const body = new Uint8Array(await c.req.arrayBuffer());
  const check = await verifySlackRequest(
    {
      timestamp: c.req.header("x-slack-request-timestamp"),
      signature: c.req.header("x-slack-signature"),
      body,
    },
    secret,
    now,
    replayGuard,
  );
  if (!check.ok) throw new ApiError(401, FAILURE_CODES[check.reason], check.message);
  // The same request seen by another isolate (the in-memory guard only knows this one).
  if (!(await recordSlackSignature(c.env.DB, check.signature, check.expiresAtMs, now))) {
    throw new ApiError(401, FAILURE_CODES.replayed, REPLAYED.message);
  }
  return body;
}

export const slackRoutes = new Hono<AppEnv>()
  .post(
    "/commands",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError(413, "payload_too_large", "A slash-command body is never this large.");
      },
    }),
    async (c) => {
      const now = Date.now();
      const body = await signedBody(c, now);
      const payload = parseSlashPayload(body);
      if (!payload) {
        throw new ApiError(
          400,
          "invalid_command",
          "The body is not a slash-command payload (command, channel_id and a Slack response_url are needed).",
        );
      }
      const answer = await answerSlashCommand({
        db: c.var.db,
        queue: c.env.DELIVERY_QUEUE,
        config: c.var.config,
        now,
        payload,
      });
      if (answer.later) c.executionCtx.waitUntil(answer.later);
      return c.json(answer.reply);
    },
  )
  // Slack's interactivity requests (the digest's buttons): always an empty 200 once signed, since
  // Slack shows a failed click badly; what the member sees goes to the response_url afterwards.
  .post(
    "/interactions",
    bodyLimit({
      maxSize: MAX_INTERACTION_BYTES,
      onError: () => {
        throw new ApiError(413, "payload_too_large", "An interaction payload is never this large.");
      },
    }),
    async (c) => {
      const now = Date.now();
      const body = await signedBody(c, now);
      const answer = await answerInteraction({ db: c.var.db, now, read: readInteraction(body) });
      if (answer.later) c.executionCtx.waitUntil(answer.later);
      return c.body(null, 200);
    },
  );
