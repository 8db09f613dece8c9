/**
 * The stand-in's own copy of Slack's rules for a message (it never imports the bot's
 * src/block-kit/limits.ts, so a bug there cannot pass here). From Slack's Block Kit reference
 * (docs.slack.dev): at most 50 blocks; a header's plain_text 1–150 characters; a section needs
 * `text` (1–3,000) or `fields` (1–10, each 1–2,000); a context block 1–10 elements, images with
 * image_url and alt_text; a block_id at most 255 characters and unique in the message; text objects
 * are plain_text or mrkdwn; an actions block 1–25 elements whose action_ids (1–255 characters) are
 * unique in the block; a button's text plain_text 1–75 characters, its value at most 2,000, its url
 * at most 3,000, its accessibility_label at most 75. Not documented but what chat.postMessage does:
 * a top-level `text` past ~4,000 characters is `msg_too_long`, all block text together (button
 * labels counted here too) past ~12,000 is `msg_blocks_too_long` (slackapi/bolt-js#2509, #2867); a
 * message with neither text nor blocks is `no_text`.
 */

export type SlackError = "invalid_blocks" | "msg_too_long" | "msg_blocks_too_long" | "no_text";

export interface SlackProblem {
  error: SlackError;
  /** A JSON pointer into the message, as Slack's response_metadata gives it. */
  pointer: string;
  message: string;
}

const MAX_BLOCKS = 50;
const MAX_HEADER = 150;
const MAX_SECTION_TEXT = 3_000;
const MAX_FIELDS = 10;
const MAX_FIELD_TEXT = 2_000;
const MAX_CONTEXT_ELEMENTS = 10;
const MAX_TEXT_OBJECT = 3_000;
const MAX_BLOCK_ID = 255;
const MAX_FALLBACK_TEXT = 4_000;
const MAX_BLOCK_TEXT_TOTAL = 12_000;
const MAX_ACTIONS_ELEMENTS = 25;
const MAX_ACTION_ID = 255;
const MAX_BUTTON_TEXT = 75;
const MAX_BUTTON_VALUE = 2_000;
const MAX_BUTTON_URL = 3_000;
const MAX_ACCESSIBILITY_LABEL = 75;
/** Interactive elements an actions block may hold; only buttons are checked in depth. */
const ACTION_ELEMENTS = new Set([
  "button",
  "checkboxes",
  "datepicker",
  "datetimepicker",
  "multi_static_select",
  "overflow",
  "radio_buttons",
  "static_select",
  "timepicker",
  "workflow_button",
]);

/** Block types Slack knows; anything else is invalid_blocks. The first five are checked in depth. */
const BLOCK_TYPES = new Set([
  "header",
  "section",
  "context",
  "divider",
  "actions",
  "image",
  "input",
  "file",
  "rich_text",
  "video",
  "markdown",
]);

type Json = Record<string, unknown>;
const isJson = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Every rule the message breaks, in Slack's words; empty when Slack would post it. */
export function slackProblems(message: unknown): SlackProblem[] {
  const problems: SlackProblem[] = [];
  const fail = (error: SlackError, pointer: string, text: string) =>
    problems.push({ error, pointer, message: text });
  if (!isJson(message)) {
    fail("invalid_blocks", "", "must be an object");
    return problems;
  }
  const { text, blocks } = message;
  const hasBlocks = Array.isArray(blocks) && blocks.length > 0;
  if ((typeof text !== "string" || text.trim() === "") && !hasBlocks) fail("no_text", "/text", "no text");
  if (typeof text === "string" && text.length > MAX_FALLBACK_TEXT)
    fail("msg_too_long", "/text", "text too long");
  if (blocks === undefined) return problems;
  if (!Array.isArray(blocks)) {
    fail("invalid_blocks", "/blocks", "must be an array");
    return problems;
  }
  if (blocks.length > MAX_BLOCKS)
    fail("invalid_blocks", "/blocks", `no more than ${MAX_BLOCKS} items allowed`);

  let totalText = 0;
  const ids = new Set<string>();
  const textObject = (value: unknown, pointer: string, max: number, plainOnly = false) => {
    if (!isJson(value) || (value.type !== "plain_text" && value.type !== "mrkdwn")) {
      fail("invalid_blocks", pointer, "must be a text object");
      return;
    }
    if (plainOnly && value.type !== "plain_text")
      fail("invalid_blocks", `${pointer}/type`, "must be plain_text");
    const body = value.text;
    if (typeof body !== "string" || body.length === 0) {
      fail("invalid_blocks", `${pointer}/text`, "must be more than 0 characters");
      return;
    }
    if (body.length > max)
      fail("invalid_blocks", `${pointer}/text`, `must be less than ${max + 1} characters`);
    totalText += body.length;
  };

  blocks.forEach((block: unknown, i) => {
    const at = `/blocks/${i}`;
    if (!isJson(block) || typeof block.type !== "string" || !BLOCK_TYPES.has(block.type)) {
      fail("invalid_blocks", `${at}/type`, "unknown block type");
      return;
    }
    if (block.block_id !== undefined) {
      if (typeof block.block_id !== "string" || block.block_id.length > MAX_BLOCK_ID) {
        fail("invalid_blocks", `${at}/block_id`, `must be less than ${MAX_BLOCK_ID + 1} characters`);
      } else if (ids.has(block.block_id)) {
        fail("invalid_blocks", `${at}/block_id`, "duplicate block_id");
      } else {
        ids.add(block.block_id);
      }
    }
    if (block.type === "header") textObject(block.text, `${at}/text`, MAX_HEADER, true);
    if (block.type === "section") {
      if (block.text === undefined && block.fields === undefined)
        fail("invalid_blocks", at, "must provide text or fields");
      if (block.text !== undefined) textObject(block.text, `${at}/text`, MAX_SECTION_TEXT);
      if (block.fields !== undefined) {
        if (!Array.isArray(block.fields) || block.fields.length === 0 || block.fields.length > MAX_FIELDS) {
          fail("invalid_blocks", `${at}/fields`, `must have 1 to ${MAX_FIELDS} items`);
        } else {
          for (const [j, field] of block.fields.entries())
            textObject(field, `${at}/fields/${j}`, MAX_FIELD_TEXT);
        }
      }
    }
    if (block.type === "context") {
      const elements = block.elements;
      if (!Array.isArray(elements) || elements.length === 0 || elements.length > MAX_CONTEXT_ELEMENTS) {
        fail("invalid_blocks", `${at}/elements`, `must have 1 to ${MAX_CONTEXT_ELEMENTS} items`);
        return;
      }
      elements.forEach((element: unknown, j) => {
        if (isJson(element) && element.type === "image") {
          if (typeof element.image_url !== "string" || typeof element.alt_text !== "string") {
            fail("invalid_blocks", `${at}/elements/${j}`, "an image needs image_url and alt_text");
          }
        } else {
          textObject(element, `${at}/elements/${j}`, MAX_TEXT_OBJECT);
        }
      });
    }
    if (block.type === "actions") {
      const elements = block.elements;
      if (!Array.isArray(elements) || elements.length === 0 || elements.length > MAX_ACTIONS_ELEMENTS) {
        fail("invalid_blocks", `${at}/elements`, `must have 1 to ${MAX_ACTIONS_ELEMENTS} items`);
        return;
      }
      const actionIds = new Set<string>();
      elements.forEach((element: unknown, j) => {
        const el = `${at}/elements/${j}`;
        if (!isJson(element) || typeof element.type !== "string" || !ACTION_ELEMENTS.has(element.type)) {
          fail("invalid_blocks", `${el}/type`, "unknown element type");
          return;
        }
        if (element.action_id !== undefined) {
          const id = element.action_id;
          if (typeof id !== "string" || id.length === 0 || id.length > MAX_ACTION_ID) {
            fail("invalid_blocks", `${el}/action_id`, `must be 1 to ${MAX_ACTION_ID} characters`);
          } else if (actionIds.has(id)) {
            fail("invalid_blocks", `${el}/action_id`, "duplicate action_id in the block");
          } else {
            actionIds.add(id);
          }
        }
        if (element.type !== "button") return;
        textObject(element.text, `${el}/text`, MAX_BUTTON_TEXT, true);
        const limits: Array<[string, number]> = [
          ["value", MAX_BUTTON_VALUE],
          ["url", MAX_BUTTON_URL],
          ["accessibility_label", MAX_ACCESSIBILITY_LABEL],
        ];
        for (const [field, max] of limits) {
          const value = element[field];
          if (value !== undefined && (typeof value !== "string" || value.length === 0 || value.length > max))
            fail("invalid_blocks", `${el}/${field}`, `must be 1 to ${max} characters`);
        }
        if (element.style !== undefined && element.style !== "primary" && element.style !== "danger")
          fail("invalid_blocks", `${el}/style`, "must be primary or danger");
      });
    }
  });
  if (totalText > MAX_BLOCK_TEXT_TOTAL) fail("msg_blocks_too_long", "/blocks", "blocks too long");
  return problems;
}

/** The error Slack answers with when a message breaks several rules. */
export function firstSlackError(problems: SlackProblem[]): SlackError {
  const order: SlackError[] = ["no_text", "msg_too_long", "msg_blocks_too_long", "invalid_blocks"];
  return order.find((code) => problems.some((p) => p.error === code)) ?? "invalid_blocks";
}
