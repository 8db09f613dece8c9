/**
 * Is this URL a safe place to POST digests to? Refuses what invites SSRF: anything but https, IP
 * literals (every spelling: the URL parser normalises `0x7f.1` or `2130706433` to dotted IPv4),
 * `localhost` and internal names, and credentials in the URL. Names are not resolved here (Workers
 * cannot); a Worker's fetch cannot reach private networks, and redirects are never followed, so a
 * public name that points inward gains nothing. `allowLoopback` (local development only) admits
 * http(s) receivers on 127.0.0.0/8, [::1] and localhost.
 */
export type TargetCheck = { ok: true; url: URL } | { ok: false; reason: string };

const INTERNAL_SUFFIXES = [
  ".localhost",
  ".local",
  ".internal",
  ".localdomain",
  ".home.arpa",
  ".lan",
  ".corp",
  ".intranet",
  ".private",
  ".invalid",
];

const isIPv4 = (host: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
const isIPv6 = (host: string) => host.startsWith("[");
const isLoopback = (host: string) =>
  host === "localhost" || host === "[::1]" || (isIPv4(host) && host.startsWith("127."));

export function checkWebhookTarget(raw: string, { allowLoopback = false } = {}): TargetCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "not a URL" };
  }
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  if (url.username || url.password) return { ok: false, reason: "credentials in the URL are not allowed" };
  if (allowLoopback && isLoopback(host) && (url.protocol === "http:" || url.protocol === "https:")) {
    return { ok: true, url };
  }
  if (url.protocol !== "https:") return { ok: false, reason: "only https URLs are allowed" };
  if (isIPv4(host) || isIPv6(host))
    return { ok: false, reason: "IP addresses are not allowed; use a host name" };
  if (host === "localhost" || INTERNAL_SUFFIXES.some((s) => host.endsWith(s))) {
    return { ok: false, reason: `"${host}" is an internal name` };
  }
  if (!host.includes(".")) return { ok: false, reason: `"${host}" is not a public host name` };
  return { ok: true, url };
}

/** A Slack incoming-webhook URL: the channel's own credential (README, "Security and limits"). */
export function isSlackWebhookUrl(url: URL): boolean {
  return (
    url.protocol === "https:" && url.hostname === "hooks.slack.com" && url.pathname.startsWith("/services/")
  );
}
