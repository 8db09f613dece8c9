/**
 * Mails the Worker sent through the Cloudflare `send_email` binding. Locally that binding is
 * miniflare's: it checks the MIME and writes it to `<os.tmpdir()>/miniflare-<id>/files/email/<uuid>.eml`
 * (miniflare's `/core/store-temp-file`), which a test in workerd cannot read. This runs in the
 * vitest (Node) process, as the stand-ins do, and answers with the raw text of the recent .eml
 * files that contain a given text (each test mails its own unique address, so that picks its mails
 * out of everything other test files and `wrangler dev` runs write there).
 *
 * `GET …?contains=<text>&since=<epoch ms>` → `[{ file, mtime, raw }]`, oldest first.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export interface SentMailFile {
  file: string;
  mtime: number;
  raw: string;
}

export async function findSentMail(contains: string, since: number): Promise<SentMailFile[]> {
  const tmp = os.tmpdir();
  const found: SentMailFile[] = [];
  const roots = (await readdir(tmp).catch(() => [])).filter((name) => name.startsWith("miniflare-"));
  for (const root of roots) {
    const dir = path.join(tmp, root, "files", "email");
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.endsWith(".eml"))) {
      const file = path.join(dir, name);
      const info = await stat(file).catch(() => null);
      if (!info || info.mtimeMs < since) continue;
      const raw = await readFile(file, "utf8").catch(() => "");
      if (raw.includes(contains)) found.push({ file, mtime: info.mtimeMs, raw });
    }
  }
  return found.sort((a, b) => a.mtime - b.mtime);
}

export async function sentMail(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const contains = url.searchParams.get("contains") ?? "";
  if (contains.length < 3) return new Response("give ?contains= (at least 3 characters)", { status: 400 });
  const since = Number(url.searchParams.get("since") ?? Date.now() - 10 * 60_000);
  return Response.json(await findSentMail(contains, Number.isFinite(since) ? since : 0));
}
