/** Addresses as the config and the subscriptions hold them: `Name <addr@domain>` or a bare address. */

export interface Mailbox {
  /** The display name, or "" when there is none. */
  name: string;
  address: string;
}

/** `arxiv-digest <digest@example.com>` → name and address; a bare `digest@example.com` works too. */
export function parseMailbox(value: string): Mailbox {
  const match = /^\s*(?:"?([^"<]*?)"?\s*)?<([^<>\s]+@[^<>\s]+)>\s*$/.exec(value);
  if (match) return { name: (match[1] ?? "").trim(), address: match[2]! };
  return { name: "", address: value.trim() };
}

/** The domain part of an address, lower-cased ("example.com"). */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf("@") + 1).toLowerCase();
}
