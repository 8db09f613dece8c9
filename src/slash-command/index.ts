/** The `/paper` slash command: parse the text, plan the work, answer within three seconds. */
import { parseCommandText } from "./command-text";
import { planCommand, type SlashContext } from "./handlers";
import { postToResponseUrl } from "./response-url";
import { type Answer, schedule } from "./schedule";

export type { SlashContext } from "./handlers";
export { parseSlashPayload, type SlashPayload } from "./payload";

export function answerSlashCommand(
  ctx: SlashContext,
  fetcher: typeof fetch = (input, init) => fetch(input, init),
): Promise<Answer> {
  const plan = planCommand(ctx, parseCommandText(ctx.payload.text));
  return schedule(plan, { deliver: (reply) => postToResponseUrl(ctx.payload.response_url, reply, fetcher) });
}
