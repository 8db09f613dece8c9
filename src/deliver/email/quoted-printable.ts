/**
 * Quoted-printable (RFC 2045 §6.7) for the text parts: mimetext writes a part's data as given, so
 * the parts are encoded here. Lines stay readable in a raw .eml, every line is at most 76
 * characters (a soft break `=` before that), any byte outside printable ASCII is `=XX`, and a
 * space or tab at the end of a line is encoded so that no transport can strip it.
 */
const MAX_LINE = 76;
const HEX = "0123456789ABCDEF";

function encodeByte(b: number): string {
  return `=${HEX[b >> 4]}${HEX[b & 15]}`;
}

function encodeLine(line: string): string {
  const bytes = new TextEncoder().encode(line);
  const tokens: string[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    const last = i === bytes.length - 1;
    const literal = (b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && !last);
    tokens.push(literal ? String.fromCharCode(b) : encodeByte(b));
  }
  // Soft line breaks: never split an =XX token, keep room for the trailing "=".
  const out: string[] = [];
  let current = "";
  for (const token of tokens) {
    if (current.length + token.length > MAX_LINE - 1) {
      out.push(`${current}=`);
      current = "";
    }
    current += token;
  }
  out.push(current);
  return out.join("\r\n");
}

/** Text (any line endings) → quoted-printable with CRLF line endings. */
export function encodeQuotedPrintable(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map(encodeLine)
    .join("\r\n");
}
