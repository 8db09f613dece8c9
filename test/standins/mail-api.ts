/**
 * A local Resend (the HTTP mail provider, resend.com/docs/api-reference/emails/send-email), at
 * https://mail-api.standin.test (MAIL_API_URL in the tests). Like the real API it wants
 * `Authorization: Bearer <key>`, a JSON body with `from`, `to`, `subject` and `html` or `text`,
 * answers `200 {"id": "<uuid>"}`, errors as `{statusCode, name, message}` with Resend's names, and
 * honours `Idempotency-Key` (the same key and body answer the first id again; the same key with
 * another body is a 409). Tests script failures (429, 500, slow answers) through the registry.
 *
 * Controls (on the STANDINS binding):
 * - `GET /mail-api/emails?to=<address>`: the mails it accepted for an address (parsed bodies).
 * - `GET /mail-api/sent-eml?contains=<text>&since=<ms>`: what the Cloudflare `send_email` binding
 *   wrote to disk (test/standins/sent-mail.ts), for the tests of the binding path.
 */
import { sentMail } from "./sent-mail";
import type { RecordedRequest, StandIn } from "./types";

export const MAIL_API_KEY = "test-mail-api-key";
const MAX_RECIPIENTS = 50;

export interface AcceptedEmail {
  id: string;
  at: number;
  idempotencyKey: string | null;
  body: {
    from: string;
    to: string | string[];
    subject: string;
    html?: string;
    text?: string;
    headers?: Record<string, string>;
    [field: string]: unknown;
  };
}

const accepted: AcceptedEmail[] = [];
/** Idempotency-Key → the body it came with and the id it got. */
const idempotency = new Map<string, { body: string; id: string }>();

function error(statusCode: number, name: string, message: string): Response {
  return Response.json({ statusCode, name, message }, { status: statusCode });
}

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const NAMED_ADDRESS = /^\s*(?:"[^"]*"|[^"<>]*?)\s*<([^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)>\s*$/;

function validFrom(from: string): boolean {
  return ADDRESS.test(from.trim()) || NAMED_ADDRESS.test(from);
}

function recipients(to: unknown): string[] | null {
  const list = typeof to === "string" ? [to] : Array.isArray(to) ? to : null;
  if (!list || list.length === 0 || !list.every((t) => typeof t === "string")) return null;
  return list as string[];
}

async function sendEmail(req: RecordedRequest): Promise<Response> {
  const auth = req.headers.authorization;
  if (!auth) {
    return error(401, "missing_api_key", "Missing API key in the authorization header.");
  }
  if (auth !== `Bearer ${MAIL_API_KEY}`) return error(403, "invalid_api_key", "API key is invalid");

  const key = req.headers["idempotency-key"] ?? null;
  if (key !== null && (key.length < 1 || key.length > 256)) {
    return error(400, "invalid_idempotency_key", "The key must be between 1-256 chars.");
  }

  let body: AcceptedEmail["body"];
  try {
    body = JSON.parse(req.body) as AcceptedEmail["body"];
    if (!body || typeof body !== "object" || Array.isArray(body)) throw new Error("not an object");
  } catch {
    return error(400, "validation_error", "Invalid JSON body.");
  }
  for (const field of ["from", "to", "subject"] as const) {
    if (body[field] === undefined || body[field] === "") {
      return error(422, "missing_required_field", `Missing \`${field}\` field.`);
    }
  }
  if (body.html === undefined && body.text === undefined && body.react === undefined) {
    return error(422, "missing_required_field", "Missing `html`, `text`, or `react` field.");
  }
  if (typeof body.from !== "string" || !validFrom(body.from)) {
    return error(
      422,
      "invalid_from_address",
      "Invalid `from` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.",
    );
  }
  const to = recipients(body.to);
  if (!to?.every((t) => ADDRESS.test(t))) {
    return error(
      422,
      "validation_error",
      "Invalid `to` field. The email address needs to follow the `email@example.com` format.",
    );
  }
  if (to.length > MAX_RECIPIENTS) {
    return error(422, "validation_error", `Too many recipients: \`to\` takes at most ${MAX_RECIPIENTS}.`);
  }
  if (body.headers !== undefined) {
    const headers = body.headers;
    if (
      typeof headers !== "object" ||
      headers === null ||
      Object.values(headers).some((v) => typeof v !== "string")
    ) {
      return error(422, "validation_error", "Invalid `headers` field: an object of string values.");
    }
  }

  if (key !== null) {
    const earlier = idempotency.get(key);
    if (earlier) {
      if (earlier.body !== req.body) {
        return error(
          409,
          "invalid_idempotent_request",
          "Same idempotency key used with a different request payload. Change your idempotency key or payload.",
        );
      }
      return Response.json({ id: earlier.id });
    }
  }
  const id = crypto.randomUUID();
  if (key !== null) idempotency.set(key, { body: req.body, id });
  accepted.push({ id, at: req.at, idempotencyKey: key, body });
  return Response.json({ id });
}

export const mailApiStandIn: StandIn = {
  name: "mail-api",
  // Tests that script answers use their own subdomain (t-<id>.mail-api.standin.test) so that
  // scripts of test files running at the same time never meet.
  matches: (url) =>
    url.hostname === "mail-api.standin.test" || url.hostname.endsWith(".mail-api.standin.test"),
  handle: async (req) => {
    const path = new URL(req.url).pathname;
    if (path !== "/emails") return error(404, "not_found", "The requested endpoint does not exist.");
    if (req.method !== "POST")
      return error(405, "method_not_allowed", "Method is not allowed for the requested path.");
    return sendEmail(req);
  },
  control: async (request, action) => {
    if (action === "sent-eml") return sentMail(request);
    if (action === "emails") {
      const to = new URL(request.url).searchParams.get("to") ?? "";
      return Response.json(accepted.filter((m) => recipients(m.body.to)?.includes(to)));
    }
    return new Response("unknown mail-api control", { status: 404 });
  },
};
