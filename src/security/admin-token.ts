/** Checks `Authorization: Bearer <token>` against ADMIN_TOKEN without leaking timing. */
export function bearerToken(header: string | undefined | null): string | null {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? "");
  return match?.[1] ?? null;
}

export function isAdminToken(presented: string | null, expected: string): boolean {
  if (presented === null || expected.length === 0) return false;
  const a = new TextEncoder().encode(presented);
  const b = new TextEncoder().encode(expected);
  // timingSafeEqual needs equal lengths; compare b with itself so the time does not depend on where a differs.
  if (a.byteLength !== b.byteLength) {
    crypto.subtle.timingSafeEqual(b, b);
    return false;
  }
  return crypto.subtle.timingSafeEqual(a, b);
}
