/**
 * RFC 5321 size limits (§4.5.3.1.1 and the 254-octet path of errata 1690): a local part of at most
 * 64 octets and an address of at most 254. Longer addresses are refused before anything is stored:
 * no mail server delivers them, and they only make rows and headers larger.
 */
export const MAX_LOCAL_PART_OCTETS = 64;
export const MAX_ADDRESS_OCTETS = 254;

const octets = (text: string) => new TextEncoder().encode(text).byteLength;

export function withinAddressLimits(address: string): boolean {
  const at = address.lastIndexOf("@");
  if (at < 0) return false;
  return octets(address.slice(0, at)) <= MAX_LOCAL_PART_OCTETS && octets(address) <= MAX_ADDRESS_OCTETS;
}
