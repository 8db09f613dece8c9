/**
 * Whom a public request is counted against for rate limiting: the client's IP as Cloudflare's edge
 * saw it (`CF-Connecting-IP`, set by Cloudflare on every request and not forgeable through it).
 * Without it (a local run, a service binding) every such request shares one bucket.
 */
const MAX_KEY_LENGTH = 64;

export function clientKey(headers: Headers): string {
  const ip = headers.get("cf-connecting-ip")?.trim();
  return ip ? `ip:${ip.slice(0, MAX_KEY_LENGTH)}` : "ip:unknown";
}
