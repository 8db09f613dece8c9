/**
 * Local stand-ins for the services the bot calls (Slack, the mail provider, webhook receivers).
 * They run in the vitest (Node) process: miniflare's `outboundService` sends every outbound fetch
 * of the Worker under test here, and tests read what arrived (and script failures) through the
 * `STANDINS` service binding. Nothing leaves the machine.
 *
 * Tests in different files may run at once and share this state, so each test uses its own
 * target (a unique path or host) and reads back only the requests for it.
 */
import { arxivStandIn } from "./arxiv";
import { mailApiStandIn } from "./mail-api";
import { slackStandIn } from "./slack";
import type { RecordedRequest, ScriptedResponse, StandIn } from "./types";
import { webhookReceiver } from "./webhook-receiver";

const STANDINS: StandIn[] = [slackStandIn, mailApiStandIn, webhookReceiver, arxivStandIn];

const recorded = new Map<string, RecordedRequest[]>();
/** Scripted answers per `host + path`, used in order before the stand-in's own behaviour. */
const scripts = new Map<string, ScriptedResponse[]>();

function standInFor(url: URL): StandIn | undefined {
  return STANDINS.find((s) => s.matches(url));
}

export async function routeOutbound(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const standIn = standInFor(url);
  if (!standIn) {
    return new Response(`no outbound network in tests (${url.host})`, { status: 502 });
  }
  const body = await request.text();
  const entry: RecordedRequest = {
    at: Date.now(),
    method: request.method,
    url: url.href,
    headers: Object.fromEntries(request.headers),
    body,
  };
  const log = recorded.get(standIn.name) ?? [];
  log.push(entry);
  recorded.set(standIn.name, log);

  const key = `${url.host}${url.pathname}`;
  const scripted = scripts.get(key)?.shift();
  if (scripted) {
    if (scripted.delayMs) await new Promise((r) => setTimeout(r, scripted.delayMs));
    entry.answeredStatus = scripted.status;
    return new Response(scripted.body ?? "", { status: scripted.status, headers: scripted.headers ?? {} });
  }
  const response = await standIn.handle(entry);
  entry.answeredStatus = response.status;
  return response;
}

/**
 * The STANDINS binding: `GET /<name>/requests?contains=…` lists what reached a stand-in (only
 * requests whose URL contains the text), `POST /script?target=<url>` queues answers for a URL.
 */
export async function controlStandins(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const [name, action] = url.pathname.split("/").filter(Boolean);
  if (request.method === "POST" && name === "script") {
    const target = new URL(url.searchParams.get("target") ?? "");
    const key = `${target.host}${target.pathname}`;
    scripts.set(key, [...(scripts.get(key) ?? []), ...((await request.json()) as ScriptedResponse[])]);
    return Response.json({ ok: true });
  }
  if (request.method === "GET" && name && action === "requests") {
    const contains = url.searchParams.get("contains") ?? "";
    return Response.json((recorded.get(name) ?? []).filter((r) => r.url.includes(contains)));
  }
  const standIn = STANDINS.find((s) => s.name === name);
  if (standIn?.control) return standIn.control(request, action ?? "");
  return new Response("unknown stand-in control", { status: 404 });
}
