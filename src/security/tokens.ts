/**
 * Secrets handed to subscribers: 256-bit tokens (base64url), stored only as SHA-256 hashes, so a
 * copy of the database cannot manage or unsubscribe anyone. Lookups are by hash (an indexed
 * equality), which also keeps timing independent of how much of a guessed token is right.
 * Management and confirmation tokens are random and shown once. The unsubscribe token must be in
 * every message sent, long after it was issued, so it is derived instead (`derivedToken`: an HMAC of
 * the subscription id under the operator's TOKEN_SECRET) and rebuilt at delivery time; D1 still only
 * holds its hash. (Subscriptions from before migration 0008 keep the token stored as issued:
 * SQLite cannot hash it in a migration, and their links are already in subscribers' mailboxes.)
 */
function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function newToken(prefix: string): string {
  return `${prefix}_${base64url(crypto.getRandomValues(new Uint8Array(32)))}`;
}

/** `<prefix>_<base64url HMAC-SHA256(secret, "<purpose>:<subject>")>`: the same shape as `newToken`. */
export async function derivedToken(
  prefix: string,
  secret: string,
  purpose: string,
  subject: string,
): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign("HMAC", key, encoder.encode(`${purpose}:${subject}`));
  return `${prefix}_${base64url(new Uint8Array(mac))}`;
}

export async function hashToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A Standard Webhooks signing secret: `whsec_` + base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  let binary = "";
  for (const b of crypto.getRandomValues(new Uint8Array(32))) binary += String.fromCharCode(b);
  return `whsec_${btoa(binary)}`;
}

/** Tokens we issue are `<prefix>_<43 base64url chars>`; anything else is refused before a lookup. */
export function looksLikeToken(value: string | undefined | null, prefix: string): value is string {
  return typeof value === "string" && new RegExp(`^${prefix}_[A-Za-z0-9_-]{43}$`).test(value);
}
