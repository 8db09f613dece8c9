/** `/paper help`, the usage line for anything unrecognised, and short notices (acks, problems). */
import type { SlackMessage } from "../../block-kit/limits";
import { context, escapeMrkdwn, safe, sections } from "./text";

export function helpMessage(command: string, base: string): SlackMessage {
  const c = safe(command, 40);
  const lines = [
    `*${c}* asks the arXiv digest bot about papers and subscribes channels to its weekly digest.`,
    `• \`${c} 2403.02545\` or \`${c} https://arxiv.org/abs/2403.02545v2\`: a paper's card (versions, theme, digest, duplicates, links)`,
    `• \`${c} search graph neural networks\`: the five best matches`,
    `• \`${c} share 2403.02545\`: post a paper's card to this channel for everyone`,
    `• \`${c} themes\`: this week's themes and their sizes`,
    `• \`${c} digest\` (or \`${c} digest 2026-W47\`): the latest digest in brief`,
    `• \`${c} subscribe\`: this channel gets every weekly digest; \`${c} subscribe t3 t7\` or \`${c} subscribe graph neural\` only those themes (by id or label words); other words become a keyword filter (\`${c} subscribe "diffusion models"\` always does)`,
    `• \`${c} unsubscribe\`: this channel gets no more digests`,
    `*The channel's reading room* (for its subscription; the team shares it):`,
    `• \`${c} like 2403.02545\` / \`${c} dislike 2403.02545\`: more or fewer papers like it in the channel's digests`,
    `• \`${c} save 2403.02545\`: add it to the channel's reading list (posted for everyone); \`${c} saved\`: the list, newest first; \`${c} saved bib\`: a link to it as BibTeX`,
    `• \`${c} follow Ada Lovelace\` / \`${c} unfollow Ada Lovelace\` / \`${c} following\`: the authors whose papers rank higher`,
    `• \`${c} interests\`: what the channel's ranking is built from, and how to change it`,
    `• \`${c} why 2403.02545\`: why a paper ranks where it does for this channel this week`,
  ];
  return {
    text: `${c}: look up, search, share papers; themes, digest; subscribe or unsubscribe this channel; like, save, follow, why.`,
    blocks: [
      ...sections(lines),
      context(
        `Only you see answers, except \`share\`, \`save\` and a change of followed authors. The bot: ${base}`,
      ),
    ],
  };
}

export function usageMessage(command: string, problem: string, suggestion?: string): SlackMessage {
  const c = safe(command, 40);
  const tryThis = suggestion ? ` Did you mean \`${c} ${safe(suggestion, 200)}\`?` : "";
  const text = `${escapeMrkdwn(problem)}${tryThis} Try \`${c} <arXiv id or URL>\`, \`${c} search <words>\`, or \`${c} help\` for everything.`;
  return { text, blocks: sections([text]) };
}

/** A one-section message (an acknowledgement, a refusal, a confirmation). */
export function notice(mrkdwn: string): SlackMessage {
  return { text: mrkdwn, blocks: sections([mrkdwn]) };
}
