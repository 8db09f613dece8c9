/**
 * Bytes to text for request and file bodies. The rule (also in README.md, "Feeding it"):
 *
 * 1. Valid UTF-8 is read as UTF-8.
 * 2. Otherwise the body's non-ASCII bytes are weighed: each well-formed UTF-8 multi-byte
 *    sequence counts for UTF-8, each run of bytes that cannot be UTF-8 against it. When the
 *    well-formed sequences are at least as many, the body is UTF-8 with a few damaged bytes
 *    (a stray byte pasted in, one record from another source): it is read as UTF-8 and each
 *    bad sequence becomes U+FFFD, so only the text around it changes.
 * 3. When the bad bytes are the majority, the body is ISO-8859-1 (old arXiv `.abs` records
 *    are): real Latin-1 text almost never holds a well-formed UTF-8 sequence, because an
 *    accented letter is rarely followed by a byte from 0x80–0xBF (a symbol such as ©, °).
 *
 * NUL characters are dropped in every case: no format uses them, and SQLite and the JSON
 * parsers treat them badly. A raw e-mail is decoded again from its bytes by its MIME parser,
 * so a part's declared charset wins over this guess (see parseInput).
 */

const UTF8_STRICT = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
const UTF8_LOSSY = new TextDecoder("utf-8", { fatal: false, ignoreBOM: false });

/** Length of the well-formed UTF-8 multi-byte sequence at `i`, or 0 (RFC 3629 table 3-7). */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i]!;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => {
    const b = bytes[i + k];
    return b !== undefined && b >= lo && b <= hi;
  };
  if (lead >= 0xc2 && lead <= 0xdf) return cont(1) ? 2 : 0;
  if (lead >= 0xe0 && lead <= 0xef) {
    const lo = lead === 0xe0 ? 0xa0 : 0x80;
    const hi = lead === 0xed ? 0x9f : 0xbf;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    const lo = lead === 0xf0 ? 0x90 : 0x80;
    const hi = lead === 0xf4 ? 0x8f : 0xbf;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/**
 * True when well-formed UTF-8 multi-byte sequences are at least as many as runs of bad bytes
 * (a run, such as a cut-off sequence, is one U+FFFD-sized mistake, not several).
 */
export function mostlyUtf8(bytes: Uint8Array): boolean {
  let wellFormed = 0;
  let bad = 0;
  let inBadRun = false;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i]! < 0x80) {
      inBadRun = false;
      continue;
    }
    const length = sequenceLength(bytes, i);
    if (length === 0) {
      if (!inBadRun) bad++;
      inBadRun = true;
    } else {
      wellFormed++;
      inBadRun = false;
      i += length - 1;
    }
  }
  return wellFormed >= bad;
}

function latin1(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return out;
}

/** Decodes a request or file body by the rule above. */
export function decodeBytes(bytes: Uint8Array): string {
  let text: string;
  try {
    text = UTF8_STRICT.decode(bytes);
  } catch {
    text = mostlyUtf8(bytes) ? UTF8_LOSSY.decode(bytes) : latin1(bytes);
  }
  return text.includes("\u0000") ? text.replaceAll("\u0000", "") : text;
}
