/**
 * Slack's interactivity request (docs.slack.dev, "Handling user interaction", block_actions
 * payload): a form body whose one field `payload` is JSON, checked after its signature. Only the
 * fields the bot uses are required; Slack sends more (api_app_id, token, trigger_id, state, …).
 *
 * Read in two steps, so a payload that is not one we handle can still be answered: the
 * response_url alone first (the only place a note can go), then the whole block_actions shape.
 */
import { z } from "zod";
import { SlashPayload } from "../slash-command/payload";

/** A Slack response_url, checked exactly as the slash command checks its own. */
const ResponseUrl = SlashPayload.shape.response_url;

/** Workspace, channel and member ids: upper-case letters and digits. */
const SlackId = z.string().regex(/^[A-Z0-9]{2,40}$/);

const ButtonAction = z.object({
  type: z.literal("button"),
  action_id: z.string().min(1).max(255),
  block_id: z.string().min(1).max(255),
  value: z.string().max(2_000).optional(),
  action_ts: z.string().max(40),
});

/** A block as Slack hands it back: any JSON object with a type (checked again before it is sent). */
const Block = z.looseObject({ type: z.string().max(50) });

export const BlockActionsPayload = z.object({
  type: z.literal("block_actions"),
  user: z.object({
    id: SlackId,
    username: z.string().max(200).optional(),
    name: z.string().max(200).optional(),
  }),
  // Null for an app installed across an Enterprise Grid org.
  team: z.object({ id: SlackId }).nullable().optional(),
  channel: z.object({ id: SlackId }),
  container: z.object({ type: z.string().max(50) }).loose(),
  // Absent when the button was in an ephemeral message: the click is recorded, nothing redrawn.
  message: z
    .object({
      ts: z.string().max(40),
      text: z.string().max(40_000).optional(),
      blocks: z.array(Block).max(100).default([]),
    })
    .optional(),
  response_url: ResponseUrl,
  actions: z.array(ButtonAction).min(1).max(25),
});
export type BlockActionsPayload = z.infer<typeof BlockActionsPayload>;
export type MessageBlock = z.infer<typeof Block>;

export type ReadPayload =
  | { ok: true; payload: BlockActionsPayload }
  /** `responseUrl` when the payload had a valid one (a note can be posted), else null. */
  | { ok: false; responseUrl: string | null; type: string | null; problem: string };

export function readInteraction(body: Uint8Array): ReadPayload {
  const field = new URLSearchParams(new TextDecoder().decode(body)).get("payload");
  if (field === null) return { ok: false, responseUrl: null, type: null, problem: "no payload field" };
  let json: unknown;
  try {
    json = JSON.parse(field);
  } catch {
    return { ok: false, responseUrl: null, type: null, problem: "payload is not JSON" };
  }
  const parsed = BlockActionsPayload.safeParse(json);
  if (parsed.success) return { ok: true, payload: parsed.data };
  const loose = z
    .object({
      response_url: ResponseUrl.optional().catch(undefined),
      type: z.string().max(50).optional().catch(undefined),
    })
    .catch({})
    .parse(json);
  const problem = parsed.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".")}: ${i.message}`)
    .join("; ");
  return { ok: false, responseUrl: loose.response_url ?? null, type: loose.type ?? null, problem };
}
