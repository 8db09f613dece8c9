/**
 * What the user typed after `/paper`, as a command. Pure. The first word names the subcommand;
 * anything that is a paper reference (an arXiv id, an abs/pdf URL, a DOI, a key) is a lookup.
 */
import { resolvePaperRef } from "../lookup/resolve-ref";

export type SlashCommand =
  | { kind: "help" }
  | { kind: "lookup"; ref: string }
  | { kind: "share"; ref: string }
  | { kind: "search"; words: string }
  | { kind: "subscribe"; args: string }
  | { kind: "unsubscribe" }
  | { kind: "themes" }
  | { kind: "digest"; week: string | null }
  /** A reader's signal on a paper for the channel's subscription (issue #15). */
  | { kind: "feedback"; signal: "up" | "down" | "save"; ref: string }
  | { kind: "saved"; bib: boolean }
  | { kind: "follow"; author: string }
  | { kind: "unfollow"; author: string }
  | { kind: "following" }
  | { kind: "interests" }
  | { kind: "why"; ref: string }
  /** Unrecognised, or a subcommand missing what it needs: `problem` says what, for the usage line. */
  | { kind: "usage"; problem: string; suggestion?: string };

export type SlashCommandKind = SlashCommand["kind"];

/**
 * Slack may wrap links in the text as `<url>` or `<url|label>` (when the command escapes links,
 * or when the client turned a pasted URL into a link); the URL is what counts.
 */
export function unwrapSlackLink(word: string): string {
  const link = /^<([^|>]+)(?:\|[^>]*)?>$/.exec(word);
  return link ? link[1]! : word;
}

/** Slack escapes `&`, `<` and `>` in command text. */
function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** `like`, `dislike`, `save` and the signal each records. */
const SIGNAL_WORDS: Record<string, "up" | "down" | "save"> = { like: "up", dislike: "down", save: "save" };

/** A subcommand that takes one paper: its reference, or the usage problem. */
function paperArg(name: string, rest: string): { ref: string } | { problem: string } {
  if (!rest) return { problem: `\`${name}\` needs a paper: an arXiv id or URL.` };
  const ref = unescapeSlack(unwrapSlackLink(rest));
  return resolvePaperRef(ref) ? { ref } : { problem: `${quote(rest)} is not an arXiv id or URL.` };
}

const quote = (text: string) => `"${text.length > 60 ? `${text.slice(0, 59)}…` : text}"`;

export function parseCommandText(raw: string): SlashCommand {
  // Non-breaking and other Unicode spaces count as spaces; Slack keeps whatever the client sent.
  const text = raw.replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+/g, " ").trim();
  if (text === "") return { kind: "help" };
  const space = text.indexOf(" ");
  const head = (space < 0 ? text : text.slice(0, space)).toLowerCase();
  const rest = space < 0 ? "" : text.slice(space + 1).trim();

  switch (head) {
    case "help":
    case "?":
      return { kind: "help" };
    case "search":
    case "find":
      return rest
        ? { kind: "search", words: unescapeSlack(rest) }
        : { kind: "usage", problem: "`search` needs some words to look for." };
    case "subscribe":
      return { kind: "subscribe", args: unescapeSlack(rest) };
    case "unsubscribe":
      return rest
        ? {
            kind: "usage",
            problem: "`unsubscribe` takes nothing after it: it ends this channel's subscription.",
          }
        : { kind: "unsubscribe" };
    case "themes":
      return rest ? { kind: "usage", problem: "`themes` takes nothing after it." } : { kind: "themes" };
    case "digest": {
      if (!rest) return { kind: "digest", week: null };
      const week = /^(\d{4})-?w(\d{1,2})$/i.exec(rest);
      return week
        ? { kind: "digest", week: `${week[1]}-W${week[2]!.padStart(2, "0")}` }
        : { kind: "usage", problem: `\`digest\` takes an ISO week such as 2026-W47, not ${quote(rest)}.` };
    }
    case "like":
    case "dislike":
    case "save":
    case "why": {
      const arg = paperArg(head, rest);
      if ("problem" in arg) return { kind: "usage", problem: arg.problem };
      return head === "why"
        ? { kind: "why", ref: arg.ref }
        : { kind: "feedback", signal: SIGNAL_WORDS[head]!, ref: arg.ref };
    }
    case "saved":
      if (!rest) return { kind: "saved", bib: false };
      return /^(bib|bibtex)$/i.test(rest)
        ? { kind: "saved", bib: true }
        : { kind: "usage", problem: "`saved` takes nothing after it, or `bib` for the BibTeX export." };
    case "follow":
    case "unfollow":
      return rest
        ? { kind: head, author: unescapeSlack(rest) }
        : { kind: "usage", problem: `\`${head}\` needs an author's name, such as "Ada Lovelace".` };
    case "following":
    case "interests":
      return rest ? { kind: "usage", problem: `\`${head}\` takes nothing after it.` } : { kind: head };
    case "share": {
      const ref = unescapeSlack(unwrapSlackLink(rest));
      if (!rest) return { kind: "usage", problem: "`share` needs a paper: an arXiv id or URL." };
      return resolvePaperRef(ref)
        ? { kind: "share", ref }
        : { kind: "usage", problem: `${quote(rest)} is not an arXiv id or URL.` };
    }
  }
  // No subcommand: a paper reference on its own is a lookup.
  const ref = unescapeSlack(unwrapSlackLink(text));
  if (space < 0 && resolvePaperRef(ref)) return { kind: "lookup", ref };
  return {
    kind: "usage",
    problem: `${quote(text)} is neither a subcommand nor an arXiv id or URL.`,
    // Words are most likely a search.
    ...(/[\p{L}]{3}/u.test(text) ? { suggestion: `search ${text}` } : {}),
  };
}
