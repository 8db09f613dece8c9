/**
 * A MailMessage as RFC 5322/2045 text for the `send_email` binding, built with mimetext.
 *
 * mimetext's default (Node) entry takes its line ending from `node:os` EOL, which is "\n" in
 * workerd and would give bare-LF mail; its `browser` entry is pure JS (js-base64) and writes CRLF,
 * so that one is used. mimetext writes a part's data as given and encodes every Subject and display
 * name as one base64 word (over RFC 2047's 75 characters for a long subject), so the parts are
 * quoted-printable encoded here, and Subject/From get their own, standard, encoders.
 */
import { createMimeMessage, type Mailbox as MimeMailbox } from "mimetext/browser";
import { domainOf } from "./mailbox";
import type { MailMessage } from "./message";
import { encodeQuotedPrintable } from "./quoted-printable";

const CRLF = "\r\n";
/** RFC 5322 §2.1.1: lines SHOULD stay within 78 characters. */
const FOLD_AT = 78;

/** "Mon, 16 Nov 2026 08:00:00 +0000" */
export function rfc5322Date(ms: number): string {
  return new Date(ms).toUTCString().replace(/GMT$/, "+0000");
}

function isPlainAscii(text: string): boolean {
  return /^[\x20-\x7e]*$/.test(text);
}

function base64Utf8(text: string): string {
  let binary = "";
  for (const b of new TextEncoder().encode(text)) binary += String.fromCharCode(b);
  return btoa(binary);
}

/**
 * Header text: printable ASCII as it is, folded at spaces; anything else as RFC 2047 base64
 * encoded words of at most 75 characters (whole characters per word), one per folded line.
 */
export function encodeHeaderText(text: string, nameLength: number): string {
  const clean = text.replace(/[\r\n]+/g, " ");
  if (isPlainAscii(clean)) return foldAtSpaces(clean, nameLength);
  const words: string[] = [];
  let chunk = "";
  for (const ch of clean) {
    // 45 bytes → 60 base64 characters → a 72-character encoded word.
    if (new TextEncoder().encode(chunk + ch).length > 45) {
      words.push(chunk);
      chunk = "";
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${base64Utf8(w)}?=`).join(`${CRLF} `);
}

/** Folds a header value at spaces so lines stay within 78 characters where a space allows. */
export function foldAtSpaces(value: string, nameLength: number): string {
  const words = value.split(" ");
  const lines: string[] = [];
  let line = words.shift() ?? "";
  let room = FOLD_AT - nameLength - 2;
  for (const word of words) {
    if (line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
      room = FOLD_AT - 1;
    } else {
      line += ` ${word}`;
    }
  }
  lines.push(line);
  return lines.join(`${CRLF} `);
}

/** `List-Unsubscribe: <https://…>,` / ` <mailto:…>`: one URI per line when they do not fit on one. */
function foldList(value: string, nameLength: number): string {
  if (nameLength + 2 + value.length <= FOLD_AT) return value;
  return value.split(/,\s*/).join(`,${CRLF} `);
}

function dumpMailbox(box: MimeMailbox): string {
  if (!box.name) return `<${box.addr}>`;
  const name = isPlainAscii(box.name)
    ? `"${box.name.replace(/["\\]/g, "\\$&")}"`
    : encodeHeaderText(box.name, "From".length);
  return `${name} <${box.addr}>`;
}

export function toMime(message: MailMessage): string {
  const msg = createMimeMessage();
  msg.setSender({ name: message.from.name, addr: message.from.address });
  msg.setRecipient(message.to);
  msg.setSubject(message.subject);
  msg.setHeader("Date", rfc5322Date(message.date));
  msg.setHeader("Message-ID", message.messageId);
  for (const [name, value] of Object.entries(message.headers)) {
    const oneLine = value.replace(/[\r\n]+/g, " ");
    msg.setHeader(name, name.startsWith("List-") ? foldList(oneLine, name.length) : oneLine);
  }
  // mimetext's own dumps would base64 every subject and name in one (possibly over-long) word.
  for (const field of msg.headers.fields) {
    if (field.name === "Subject") field.dump = (v) => encodeHeaderText(String(v ?? ""), "Subject".length);
    if (field.name === "From") field.dump = (v) => dumpMailbox(v as MimeMailbox);
  }
  msg.addMessage({
    contentType: "text/plain",
    encoding: "quoted-printable",
    data: encodeQuotedPrintable(message.text),
  });
  msg.addMessage({
    contentType: "text/html",
    encoding: "quoted-printable",
    data: encodeQuotedPrintable(message.html),
  });
  return msg.asRaw();
}

/** `<{local}@{domain of the sender}>`, the shape of every Message-ID this bot writes. */
export function messageIdFor(local: string, fromAddress: string): string {
  return `<${local.replace(/[^A-Za-z0-9._-]/g, "-")}@${domainOf(fromAddress)}>`;
}
