import { env, exports } from "cloudflare:workers";
import type { Verdict } from "../../src/identify/types";

export const ADMIN_TOKEN = "test-admin-token";

export interface IngestRecord {
  index: number;
  key: string | null;
  arxivId: string | null;
  version: number | null;
  title: string | null;
  verdict: Verdict;
  matchOf?: string;
  similarity?: number;
  note?: string;
}

export interface IngestResponse {
  batchId: string | null;
  received: number;
  stored: number;
  records: IngestRecord[];
  errors: Array<{ index: number; message: string }>;
}

export function call(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(`http://bot.test${path}`, init));
}

export function postIngest(body: BodyInit, headers: Record<string, string> = {}): Promise<Response> {
  return call("/api/ingest", {
    method: "POST",
    body,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...headers },
  });
}

export async function ingest(body: BodyInit): Promise<IngestResponse> {
  const res = await postIngest(body);
  if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as IngestResponse;
}

export async function fixtureText(path: string): Promise<string> {
  const res = await env.FIXTURES.fetch(`http://fixtures/${path}`);
  if (!res.ok) throw new Error(`missing fixture ${path}`);
  return res.text();
}

export async function fixtureBytes(path: string): Promise<Uint8Array> {
  const res = await env.FIXTURES.fetch(`http://fixtures/${path}`);
  if (!res.ok) throw new Error(`missing fixture ${path}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** Verdict counts of an answer, as ingest batches store them (src/identify/verdict-counts.ts). */
export { countVerdicts } from "../../src/identify/verdict-counts";

/** Row counts of every table, to prove a request changed nothing. */
export async function tableCounts(): Promise<Record<string, number>> {
  const tables = [
    "papers",
    "paper_versions",
    "record_matches",
    "ingest_batches",
    "lsh_bands",
    "paper_aliases",
    "themes",
    "theme_assignments",
    "digests",
    "digest_parts",
  ];
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const row = await env.DB.prepare(`SELECT count(*) AS n FROM ${t}`).first<{ n: number }>();
    counts[t] = row?.n ?? -1;
  }
  return counts;
}

/**
 * A client address of its own, sent as Cloudflare sends it (`CF-Connecting-IP`): the public
 * subscription routes are rate-limited per client, and the limiter is shared by every test file.
 */
export function freshClientIp(): string {
  // A /64 of its own (the limiter counts IPv6 clients by /64): 32 random bits in the prefix.
  const [a, b, c, d] = [...crypto.getRandomValues(new Uint16Array(4))].map((n) => n.toString(16));
  return `2001:db8:${a}:${b}::${c}:${d}`;
}

/** POST /api/subscriptions as JSON from a client of its own; `token` as the bearer. */
export function postSubscription(body: unknown, token?: string): Promise<Response> {
  return call("/api/subscriptions", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "cf-connecting-ip": freshClientIp(),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
}
