/**
 * Text for Block Kit: mrkdwn escaping (Slack's three: `&`, `<`, `>`), links, cutting to a limit
 * without splitting a character or an escape, and packing lines into sections that fit.
 */
import type { ContextBlock, HeaderBlock, SectionBlock } from "@slack/types";
import { SLACK_LIMITS } from "../../block-kit/limits";
import { escapeMrkdwn } from "../../block-kit/mrkdwn";

export { escapeMrkdwn };

/** At most `max` characters (UTF-16 units, as Slack counts), ending in `…` when cut. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  // Never leave half a surrogate pair.
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end).trimEnd()}…`;
}

/** Plain text cut to `max`, then escaped (the escape may lengthen it; callers leave room). */
export function safe(text: string, max = 300): string {
  return escapeMrkdwn(cut(text.replace(/\s+/g, " ").trim(), max));
}

/** `<url|label>`; the label is escaped and may not contain `|`. */
export function link(url: string, label: string): string {
  return `<${url.replace(/[<>|\s]/g, encodeURIComponent)}|${safe(label, 150).replace(/\|/g, "¦")}>`;
}

export function header(text: string): HeaderBlock {
  const clean = text.replace(/\s+/g, " ").trim() || "Untitled";
  return {
    type: "header",
    text: { type: "plain_text", text: cut(clean, SLACK_LIMITS.headerText), emoji: false },
  };
}

export function section(mrkdwn: string): SectionBlock {
  return { type: "section", text: { type: "mrkdwn", text: cut(mrkdwn, SLACK_LIMITS.sectionText) } };
}

export function context(...mrkdwn: string[]): ContextBlock {
  return {
    type: "context",
    elements: mrkdwn
      .slice(0, SLACK_LIMITS.contextElements)
      .map((text) => ({ type: "mrkdwn" as const, text: cut(text, SLACK_LIMITS.textObject) })),
  };
}

/**
 * Lines (already mrkdwn) packed into as few sections as fit, each under the section limit; a
 * line never splits across sections, so no link or escape is cut in half.
 */
export function sections(lines: string[], max: number = SLACK_LIMITS.sectionText): SectionBlock[] {
  const out: SectionBlock[] = [];
  let current = "";
  for (const line of lines) {
    const bounded = line.length > max ? cut(line, max) : line;
    if (current && current.length + 1 + bounded.length > max) {
      out.push(section(current));
      current = "";
    }
    current = current ? `${current}\n${bounded}` : bounded;
  }
  if (current) out.push(section(current));
  return out;
}

/** `2026-11-18`. */
export const day = (iso: string) => iso.slice(0, 10);
