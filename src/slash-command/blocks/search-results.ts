/** `/paper search <words>`: the best matches (FTS5 bm25 order), each with a one-line summary. */
import type { KnownBlock } from "@slack/types";
import type { SlackMessage } from "../../block-kit/limits";
import type { SearchHit } from "../../db/queries/search";
import { context, cut, escapeMrkdwn, link, safe, sections } from "./text";

/** FTS5's snippet marks hits with «…»; in Slack they become bold. */
function snippetLine(snippet: string): string {
  const flat = cut(snippet.replace(/\s+/g, " ").trim(), 220);
  return escapeMrkdwn(flat).replace(/«([^«»]*)»/g, (_, word: string) => (word.trim() ? `*${word}*` : word));
}

export function searchResults(
  words: string,
  hits: SearchHit[],
  mode: "all" | "any",
  base: string,
  command: string,
): SlackMessage {
  const asked = safe(words, 120);
  if (hits.length === 0) {
    return {
      text: `No paper matches "${asked}".`,
      blocks: sections([
        `No paper matches *${asked}*. Fewer or other words may help, or look a paper up by id: \`${command} 2403.02545\`.`,
      ]),
    };
  }
  const lines = hits.map((hit, i) => {
    const title = hit.arxivId
      ? link(`https://arxiv.org/abs/${hit.arxivId}`, hit.title)
      : safe(hit.title, 150);
    const id = hit.arxivId ? `arXiv:${safe(hit.arxivId, 30)}` : `\`${safe(hit.key, 30)}\``;
    return `${i + 1}. *${title}* (${id})\n${snippetLine(hit.snippet)}`;
  });
  const note =
    mode === "any" ? "No paper has every word, so these have some of them." : "Best matches first.";
  const blocks: KnownBlock[] = [
    ...sections([`*Search:* ${asked}`, ...lines]),
    context(
      `${note} A card: \`${command} <id>\`. More results: ${link(`${base}/api/search?q=${encodeURIComponent(words)}`, "the search API")}`,
    ),
  ];
  return {
    text: cut(
      `${hits.length} papers for "${asked}": ${hits.map((h) => escapeMrkdwn(h.title)).join("; ")}`,
      500,
    ),
    blocks,
  };
}
