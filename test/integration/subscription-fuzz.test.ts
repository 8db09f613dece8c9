/**
 * Property tests of the subscription surfaces (issue #11): `POST /api/subscriptions`, `POST
 * /subscribe` and `POST /slack/commands` (unsigned and signed), fed random bytes, truncated valid
 * bodies and huge fields. Never a 5xx; a 4xx writes nothing (subscriptions, deliveries and the
 * confirmation quota keep their row counts); and whatever is accepted, no target ever has two live
 * subscriptions. numRuns per property: BENCHMARKS.md, "Subscription fuzzing".
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, call, freshClientIp } from "../support/api";
import { postSigned, slashBody } from "../support/slack";

const RUNS = { api: 200, form: 150, slackUnsigned: 100, slackSigned: 150 } as const;

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ["subscriptions", "deliveries", "confirmation_mail_quota"]) {
    out[table] = (await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>())!.n;
  }
  return out;
}

async function duplicateLiveTargets(): Promise<number> {
  const { results } = await env.DB.prepare(
    "SELECT channel, target FROM subscriptions WHERE status IN ('pending', 'active') GROUP BY channel, target HAVING count(*) > 1",
  ).all();
  return results.length;
}

/** Sends one request; true when it answered below 500 and, for a 4xx, wrote nothing. */
async function holds(send: () => Promise<Response>): Promise<boolean> {
  const before = await counts();
  const res = await send();
  const status = res.status;
  await res.body?.cancel();
  if (status >= 500) return false;
  if (status >= 400 && JSON.stringify(await counts()) !== JSON.stringify(before)) return false;
  return (await duplicateLiveTargets()) === 0;
}

const huge = (min: number, max: number) =>
  fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.integer({ min, max })).map(([s, n]) => s.repeat(n));

const target = fc.oneof(
  fc.emailAddress(),
  fc.constantFrom("twice@example.org", "https://fuzz.receiver.example.com/in", "C0FUZZCHAN1"),
  fc.constant("https://hooks.slack.com/services/T0/B0/fuzz"),
  fc.webUrl({ withQueryParameters: true }),
  fc.string({ maxLength: 300 }),
  huge(100, 20_000),
);

const subscriptionJson = fc.record(
  {
    channel: fc.oneof(fc.constantFrom("email", "webhook", "slack"), fc.string({ maxLength: 10 })),
    target,
    themes: fc.oneof(
      fc.array(fc.constantFrom("graphs", "t1"), { maxLength: 3 }),
      fc.array(fc.string(), { maxLength: 60 }),
    ),
    query: fc.oneof(fc.string({ maxLength: 250 }), huge(50, 5_000), fc.integer()),
  },
  { requiredKeys: [] },
);

/** A valid body, cut anywhere. */
const truncated = (text: string) => fc.integer({ min: 0, max: text.length }).map((n) => text.slice(0, n));

const bytes = fc.uint8Array({ maxLength: 3_000 });

beforeAll(async () => {
  const res = await call("/api/themes/graphs", {
    method: "PUT",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ name: "Graphs", keywords: ["graph"] }),
  });
  expect(res.status).toBe(200);
});

describe("POST /api/subscriptions, fuzzed", () => {
  it("never answers 5xx and writes nothing when it refuses", async () => {
    const valid = JSON.stringify({
      channel: "email",
      target: "cut@example.org",
      themes: ["graphs"],
      query: "graph",
    });
    const body = fc.oneof(
      subscriptionJson.map((b) => JSON.stringify(b)),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      truncated(valid),
      bytes,
      huge(1_000, 40_000),
    );
    const auth = fc.constantFrom<string | null>(
      null,
      null,
      `Bearer ${ADMIN_TOKEN}`,
      "Bearer sub_nope",
      "Basic x",
    );
    const type = fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded", "");
    await fc.assert(
      fc.asyncProperty(body, auth, type, (b, a, t) =>
        holds(() =>
          call("/api/subscriptions", {
            method: "POST",
            headers: {
              "cf-connecting-ip": freshClientIp(),
              ...(t ? { "content-type": t } : {}),
              ...(a ? { authorization: a } : {}),
            },
            body: b,
          }),
        ),
      ),
      { numRuns: RUNS.api },
    );
  });
});

describe("POST /subscribe, fuzzed", () => {
  it("never answers 5xx and writes nothing when it refuses", async () => {
    const valid = new URLSearchParams([
      ["email", "form-cut@example.org"],
      ["themes", "graphs"],
      ["query", "graph"],
    ]).toString();
    const multipart = (boundary: string, email: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="email"\r\n\r\n${email}\r\n--${boundary}--\r\n`;
    const request = fc.oneof(
      fc
        .record({
          email: target,
          themes: fc.array(fc.string({ maxLength: 50 }), { maxLength: 60 }),
          query: fc.string(),
        })
        .map((f) => ({
          type: "application/x-www-form-urlencoded",
          body: new URLSearchParams([
            ["email", f.email],
            ...f.themes.map((t) => ["themes", t]),
            ["query", f.query],
          ] as [string, string][]).toString() as BodyInit,
        })),
      truncated(valid).map((body) => ({ type: "application/x-www-form-urlencoded", body: body as BodyInit })),
      fc
        .tuple(fc.stringMatching(/^[A-Za-z0-9'()+_,.-]{1,30}$/), fc.emailAddress(), fc.nat())
        .chain(([boundary, email, seed]) => {
          const text = multipart(boundary, email);
          const declared = seed % 3 === 0 ? `${boundary}x` : boundary;
          return truncated(text).map((body) => ({
            type: `multipart/form-data; boundary=${declared}`,
            body: body as BodyInit,
          }));
        }),
      fc
        .tuple(
          bytes,
          fc.constantFrom(
            "multipart/form-data",
            "multipart/form-data; boundary=",
            "application/x-www-form-urlencoded",
            "application/json",
          ),
        )
        .map(([body, type]) => ({
          type,
          body: body as BodyInit,
        })),
      huge(1_000, 40_000).map((body) => ({
        type: "application/x-www-form-urlencoded",
        body: `email=${body}` as BodyInit,
      })),
    );
    await fc.assert(
      fc.asyncProperty(request, ({ type, body }) =>
        holds(() =>
          call("/subscribe", {
            method: "POST",
            headers: { "content-type": type, "cf-connecting-ip": freshClientIp() },
            body,
          }),
        ),
      ),
      { numRuns: RUNS.form },
    );
  });
});

describe("POST /slack/commands, fuzzed", () => {
  const text = fc.oneof(
    fc.constantFrom(
      "subscribe",
      "unsubscribe",
      "subscribe graphs",
      'subscribe "graph neural"',
      "help",
      "2403.02545",
    ),
    fc.string({ maxLength: 300 }).map((s) => `subscribe ${s}`),
    huge(100, 8_000).map((s) => `subscribe ${s}`),
    fc.string({ maxLength: 300 }),
  );
  const channel = fc.oneof(
    fc.constantFrom("C0FUZZCHAN1", "C0FUZZCHAN2", "G0FUZZPRIV1", "D0FUZZDM01"),
    fc.string({ maxLength: 30 }),
  );
  const body = fc.oneof(
    fc.tuple(text, channel).map(([t, c]) => slashBody({ text: t, channel_id: c })),
    fc.tuple(text, channel).chain(([t, c]) => truncated(slashBody({ text: t, channel_id: c }))),
    bytes.map((b) => new TextDecoder().decode(b)),
    huge(1_000, 20_000),
  );

  it("answers a signed body whose response_url is cut off with 400, not 500 (found by the property below)", async () => {
    const cut = slashBody({ text: "subscribe", channel_id: "C0FUZZCHAN3" }).replace(
      /&response_url=[^&]*/,
      "&response_url",
    );
    const res = await postSigned(cut);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: "invalid_command", message: expect.any(String) } });
  });

  it("refuses every unsigned request with 401 (413 when over the body cap) and writes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.constantFrom<string | null>(null, "v0=00", `v0=${"a".repeat(64)}`),
        async (b, sig) => {
          const before = await counts();
          const res = await postSigned(b, { signature: sig });
          await res.body?.cancel();
          return [401, 413].includes(res.status) && JSON.stringify(await counts()) === JSON.stringify(before);
        },
      ),
      { numRuns: RUNS.slackUnsigned },
    );
  });

  it("never answers 5xx to a signed request, and a 4xx writes no subscription", async () => {
    await fc.assert(
      fc.asyncProperty(body, (b) => holds(() => postSigned(b))),
      { numRuns: RUNS.slackSigned },
    );
  });
});
