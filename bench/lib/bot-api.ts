/** A JSON call to a local bot's API with the admin token; throws with the answer when it is not 2xx. */
import type { LocalBot } from "../../scripts/lib/wrangler-process";
import { ADMIN_TOKEN } from "./post-to-bot";

export async function callBot(bot: LocalBot, method: string, route: string, body?: string): Promise<unknown> {
  const res = await fetch(`${bot.url}${route}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${route} answered ${res.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

/** A week's papers as JSON lines for POST /api/ingest: id, title, authors, abstract (no categories). */
export function labJsonLines(
  papers: ReadonlyArray<{ key: string; title: string; authors: string[]; abstract: string }>,
): string {
  return papers
    .map((p) => JSON.stringify({ id: p.key, title: p.title, authors: p.authors, summary: p.abstract }))
    .join("\n");
}
