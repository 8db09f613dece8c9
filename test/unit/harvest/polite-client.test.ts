/** The politeness rules with a fake clock and a fake fetch: pacing, retries, Retry-After, budgets. */
import { describe, expect, it } from "vitest";
import {
  type Clock,
  PoliteClient,
  type PoliteOptions,
  retryAfterMs,
} from "../../../src/harvest/polite-client";

class FakeClock implements Clock {
  t = 1_000_000;
  sleeps: number[] = [];
  now = () => this.t;
  sleep = async (ms: number) => {
    this.sleeps.push(ms);
    this.t += ms;
  };
}

type Answer = Response | "timeout" | "network";

function fakeFetch(clock: FakeClock, answers: Answer[]) {
  const sent: { at: number; url: string; userAgent: string | null }[] = [];
  const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
    sent.push({
      at: clock.now(),
      url: String(input),
      userAgent: new Headers(init?.headers).get("user-agent"),
    });
    const answer = answers.shift() ?? new Response("ok");
    if (answer === "timeout") throw new DOMException("The operation timed out.", "TimeoutError");
    if (answer === "network") throw new TypeError("Network connection lost.");
    return answer;
  }) as typeof fetch;
  return { fetcher, sent };
}

function client(answers: Answer[], options: Partial<PoliteOptions> = {}) {
  const clock = new FakeClock();
  const { fetcher, sent } = fakeFetch(clock, answers);
  const polite = new PoliteClient(
    {
      userAgent: "arxiv-digest/0.1 (test)",
      requestIntervalMs: 3000,
      timeoutMs: 30_000,
      maxAttempts: 3,
      maxRetryWaitMs: 60_000,
      maxRequests: 10,
      deadline: clock.t + 600_000,
      ...options,
    },
    fetcher,
    clock,
  );
  return { polite, clock, sent };
}

const unavailable = (headers: Record<string, string> = {}) => new Response("busy", { status: 503, headers });

describe("PoliteClient", () => {
  it("spaces requests by the interval and sends the User-Agent", async () => {
    const { polite, sent } = client([]);
    for (const path of ["a", "b", "c"]) expect((await polite.get(`https://x.test/${path}`)).ok).toBe(true);
    expect(sent.map((s) => s.at - sent[0]!.at)).toEqual([0, 3000, 6000]);
    expect(sent.every((s) => s.userAgent === "arxiv-digest/0.1 (test)")).toBe(true);
    expect(polite.requests).toBe(3);
  });

  it("retries a 503, waiting what Retry-After asks", async () => {
    const { polite, sent } = client([unavailable({ "retry-after": "20" })]);
    const outcome = await polite.get("https://x.test/q");
    expect(outcome).toMatchObject({ ok: true, attempts: 2 });
    expect(sent[1]!.at - sent[0]!.at).toBe(20_000);
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = Date.parse("2024-01-16T09:00:00Z");
    expect(retryAfterMs("7", now)).toBe(7000);
    expect(retryAfterMs("Tue, 16 Jan 2024 09:01:30 GMT", now)).toBe(90_000);
    expect(retryAfterMs("Tue, 16 Jan 2024 08:00:00 GMT", now)).toBe(0);
    expect(retryAfterMs("soon", now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });

  it("backs off exponentially without Retry-After, on 5xx, 429, timeouts and network errors", async () => {
    const { polite, sent } = client([new Response("", { status: 429 }), "timeout", "network"], {
      maxAttempts: 4,
    });
    expect((await polite.get("https://x.test/q")).ok).toBe(true);
    const gaps = sent.slice(1).map((s, i) => s.at - sent[i]!.at);
    expect(gaps).toEqual([3000, 6000, 12_000]);
  });

  it("gives up after the last attempt and says why", async () => {
    const { polite } = client(["timeout", "timeout", "timeout"], { timeoutMs: 500 });
    expect(await polite.get("https://x.test/q")).toEqual({
      ok: false,
      kind: "outage",
      message: "no answer within 500 ms (timeout); gave up after 3 attempts",
      attempts: 3,
      status: null,
    });
  });

  it("does not retry a refusal (4xx)", async () => {
    const { polite, sent } = client([new Response("no such category", { status: 404 })]);
    expect(await polite.get("https://x.test/q")).toMatchObject({ ok: false, kind: "refused", status: 404 });
    expect(sent).toHaveLength(1);
  });

  it("does not wait for a Retry-After longer than allowed", async () => {
    const { polite, sent } = client([unavailable({ "retry-after": "3600" })]);
    const outcome = await polite.get("https://x.test/q");
    expect(outcome).toMatchObject({ ok: false, kind: "outage", attempts: 1 });
    expect(!outcome.ok && outcome.message).toContain("asked to come back in 3600 s");
    expect(sent).toHaveLength(1);
  });

  it("stops at the request budget, retries included, and then sends nothing more", async () => {
    const { polite, sent } = client([unavailable(), unavailable()], { maxRequests: 2 });
    const outcome = await polite.get("https://x.test/q");
    expect(outcome).toMatchObject({ ok: false, kind: "outage", attempts: 2 });
    expect(await polite.get("https://x.test/other")).toMatchObject({
      ok: false,
      kind: "budget",
      attempts: 0,
    });
    expect(sent).toHaveLength(2);
    expect(polite.hasBudget()).toBe(false);
  });

  it("does not start a request whose turn comes after the deadline", async () => {
    const { polite, clock, sent } = client([], { deadline: 1_000_000 + 2000 });
    expect((await polite.get("https://x.test/a")).ok).toBe(true);
    clock.t += 500;
    expect(await polite.get("https://x.test/b")).toMatchObject({ ok: false, kind: "budget" });
    expect(sent).toHaveLength(1);
  });
});
