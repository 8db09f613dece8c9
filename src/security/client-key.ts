/**
 * Whom a public request is counted against for rate limiting: the client's IP as Cloudflare's edge
 * saw it (`CF-Connecting-IP`, set by Cloudflare on every request and not forgeable through it).
 * An IPv6 client is counted by its /64: one host usually holds a whole /64, so counting single
 * addresses would let it take a fresh one for every request. Without the header (a local run, a
 * service binding) every such request shares one bucket.
 */
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const HEXTET = /^[0-9a-f]{1,4}$/;

/** The first four hextets of an IPv6 address (`2001:db8:0:1`), or null when it is not one. */
export function ipv6Prefix64(ip: string): string | null {
  const address = ip.toLowerCase().replace(/%.*$/, "");
  const halves = address.split("::");
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  // An embedded IPv4 tail (`::ffff:1.2.3.4`) counts as two hextets.
  const last = tail.at(-1) ?? head.at(-1);
  const v4 = last !== undefined && IPV4.test(last) ? 1 : 0;
  const groups = head.length + tail.length + v4;
  if (halves.length === 1 ? groups !== 8 : groups > 7) return null;
  const hextets = [...head, ...Array<string>(8 - groups).fill("0"), ...tail];
  const prefix = hextets.slice(0, 4);
  if (!prefix.every((h) => HEXTET.test(h))) return null;
  return prefix.map((h) => h.replace(/^0+(?=.)/, "")).join(":");
}

export function clientKey(headers: Headers): string {
  const ip = headers.get("cf-connecting-ip")?.trim() ?? "";
  if (ip === "") return "ip:unknown";
  if (ip.includes(":")) {
    const prefix = ipv6Prefix64(ip);
    if (prefix !== null) return `ip6:${prefix}::/64`;
  }
  return `ip:${ip.slice(0, 64)}`;
}
