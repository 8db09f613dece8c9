/**
 * PaperVector ⇄ the TEXT stored in D1: "r2:" then a list of varints written straight in base64url
 * characters, 5 bits each (the 6th says another follows). Sorted hashes are stored as gaps, counts
 * only where they are not 1 (most words occur once). Against "r1:" (the same varints as bytes,
 * then base64url) it is 7% shorter (2,517 against 2,708 characters a paper of daily-arXiv) and
 * decodes ~30% faster, in one pass over the string with no bytes in between (ranking decodes up
 * to 500 examples on a subscription's first request, and a week's papers when it is prepared);
 * "r1:" values stored before still decode. Anything that does not parse exactly gives null, so an
 * old or damaged value is ignored rather than misread.
 */
import type { PaperVector } from "./paper-vector";

const PREFIX = "r2:";
const PREFIX_BYTES = "r1:";
const LIMIT = 1 << 24;
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** base64url character code → its 6 bits, -1 for anything else. */
const SEXTET = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

/** The varints a vector is stored as, in order (both formats hold the same list). */
function varints(v: PaperVector): number[] {
  const out: number[] = [];
  const sorted = (values: Uint32Array) => {
    out.push(values.length);
    let last = 0;
    for (const value of values) {
      out.push(value - last);
      last = value;
    }
  };
  sorted(v.terms);
  const heavy: number[] = [];
  v.counts.forEach((c, i) => {
    if (c !== 1) heavy.push(i, c);
  });
  out.push(heavy.length / 2);
  let last = 0;
  for (let i = 0; i < heavy.length; i += 2) {
    out.push(heavy[i]! - last, heavy[i + 1]!);
    last = heavy[i]!;
  }
  sorted(v.authors);
  return out;
}

export function encodePaperVector(v: PaperVector): string {
  let text = PREFIX;
  for (let n of varints(v)) {
    while (n >= 32) {
      text += ALPHABET[(n & 31) | 32];
      n >>>= 5;
    }
    text += ALPHABET[n];
  }
  return text;
}

/**
 * A short tag that changes whenever the stored text does: "h" and a 53-bit hash of it (cyrb53,
 * two multiply-xor streams; written here because it is eight lines and must match across
 * runtimes). Stored beside the vector (papers.rank_vector_tag) so a reader that has the vector
 * decoded can check it is current without reading ~2.5 KB again.
 */
export function vectorTag(stored: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < stored.length; i++) {
    const c = stored.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `h${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)}`;
}

/** Reads a stored list of varints, one format or the other. */
interface VarintReader {
  varint(): number;
  /** An upper bound on how many varints are left (a bad length is refused before allocating). */
  readonly left: number;
  readonly done: boolean;
}

/** "r2:": 5 bits a character, least significant first. */
class CharReader implements VarintReader {
  private i: number;
  constructor(
    private readonly text: string,
    start: number,
  ) {
    this.i = start;
  }
  varint(): number {
    let n = 0;
    let scale = 1;
    for (let k = 0; k < 6; k++) {
      if (this.i >= this.text.length) throw new Error("truncated");
      const code = this.text.charCodeAt(this.i++);
      const v = code < 128 ? SEXTET[code]! : -1;
      if (v < 0) throw new Error("not base64url");
      n += (v & 31) * scale;
      if (v < 32) return n;
      scale *= 32;
    }
    throw new Error("varint too long");
  }
  get left(): number {
    return this.text.length - this.i;
  }
  get done(): boolean {
    return this.i === this.text.length;
  }
}

/** "r1:": base64url of bytes, 7 bits a byte. */
class ByteReader implements VarintReader {
  private i = 0;
  constructor(private readonly bytes: Uint8Array) {}
  varint(): number {
    let n = 0;
    let scale = 1;
    for (let k = 0; k < 5; k++) {
      if (this.i >= this.bytes.length) throw new Error("truncated");
      const b = this.bytes[this.i++]!;
      n += (b & 0x7f) * scale;
      if (b < 0x80) return n;
      scale *= 128;
    }
    throw new Error("varint too long");
  }
  get left(): number {
    return this.bytes.length - this.i;
  }
  get done(): boolean {
    return this.i === this.bytes.length;
  }
}

function readSorted(r: VarintReader): Uint32Array {
  const n = r.varint();
  if (n > r.left) throw new Error("bad length");
  const values = new Uint32Array(n);
  let last = 0;
  for (let k = 0; k < n; k++) {
    const gap = r.varint();
    if (k > 0 && gap === 0) throw new Error("not ascending");
    last += gap;
    if (last >= LIMIT) throw new Error("out of range");
    values[k] = last;
  }
  return values;
}

/** base64url (unpadded) → bytes, for "r1:" values. */
function fromBase64Url(text: string, start: number): Uint8Array | null {
  const chars = text.length - start;
  if (chars % 4 === 1) return null;
  const bytes = new Uint8Array(Math.floor((chars * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = start; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const v = code < 128 ? SEXTET[code]! : -1;
    if (v < 0) return null;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[o++] = (acc >> bits) & 0xff;
    }
  }
  return bytes;
}

function readerOf(s: string): VarintReader | null {
  if (s.startsWith(PREFIX)) return new CharReader(s, PREFIX.length);
  if (!s.startsWith(PREFIX_BYTES)) return null;
  const bytes = fromBase64Url(s, PREFIX_BYTES.length);
  return bytes === null ? null : new ByteReader(bytes);
}

export function decodePaperVector(s: string): PaperVector | null {
  if (typeof s !== "string") return null;
  try {
    const r = readerOf(s);
    if (r === null) return null;
    const terms = readSorted(r);
    const counts = new Uint8Array(terms.length).fill(1);
    const heavy = r.varint();
    let index = 0;
    for (let k = 0; k < heavy; k++) {
      index += r.varint();
      const c = r.varint();
      if (index >= terms.length || c < 1 || c > 255) return null;
      counts[index] = c;
    }
    const authors = readSorted(r);
    return r.done ? { terms, counts, authors } : null;
  } catch {
    return null;
  }
}
