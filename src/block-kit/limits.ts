/**
 * Slack's limits on a message, in one place: the digest's Slack delivery (deliver/slack/) and the
 * /paper command (slash-command/) pack their messages to fit them. Pure and dependency-free. (The
 * test stand-in keeps its own copy of Slack's rules: test/standins/slack-rules.ts.)
 *
 * Documented (docs.slack.dev, Block Kit reference): 50 blocks a message; a section's text 1–3,000
 * characters, at most 10 fields of 2,000; a header's plain text 150; a context block 1–10
 * elements; a block_id 255; an actions block 1–25 elements, their action_ids unique in the block; a
 * button's text plain_text 1–75, its action_id 255, value 2,000, url 3,000, accessibility_label 75.
 * Not documented but enforced by chat.postMessage: the sum of all block
 * text (`msg_blocks_too_long`, seen from about 12,000 characters on: slackapi/bolt-js#2509, #2867),
 * and `msg_too_long` for a top-level `text` past about 4,000 characters (the old 40,000 no longer
 * holds). The renderer stays well below both (MESSAGE_TEXT_BUDGET).
 */
import type { KnownBlock } from "@slack/types";

export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3_000,
  sectionFields: 10,
  sectionFieldText: 2_000,
  headerText: 150,
  contextElements: 10,
  /** Any other text object (context elements). */
  textObject: 3_000,
  blockId: 255,
  actionsElements: 25,
  buttonText: 75,
  actionId: 255,
  buttonValue: 2_000,
  buttonUrl: 3_000,
  accessibilityLabel: 75,
  /** The fallback `text`; longer is `msg_too_long`. */
  fallbackText: 4_000,
  /** All text in a message's blocks together; longer is `msg_blocks_too_long`. */
  blockTextTotal: 12_000,
} as const;

/**
 * What the renderer allows itself in one message's blocks, all text counted (links included):
 * a quarter below the observed cumulative limit, since Slack counts it in ways it does not say.
 */
export const MESSAGE_TEXT_BUDGET = 9_000;

/** A message as we post it (chat.postMessage without channel, or an incoming-webhook body). */
export interface SlackMessage {
  /** Fallback for notifications and clients without Block Kit; always set. */
  text: string;
  blocks: KnownBlock[];
}

/** The error code Slack answers with (chat.postMessage `error`, or the webhook's body). */
export type SlackLimitError = "invalid_blocks" | "msg_too_long" | "msg_blocks_too_long" | "no_text";

export interface LimitProblem {
  error: SlackLimitError;
  /** Where, e.g. `blocks[3].text.text`. */
  path: string;
  message: string;
}

const TEXT_TYPES = new Set(["plain_text", "mrkdwn"]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export interface CheckOptions {
  /** Let block types other than the digest's pass (their own limits unchecked, their text uncounted). */
  allowOtherBlocks?: boolean;
}

/**
 * Every limit the message breaks (empty when Slack would take it). Stricter than Slack in two
 * ways that suit us: the fallback `text` is required even with blocks, only the block types the
 * digest uses (header, section, context, divider, actions of buttons) are accepted unless
 * `allowOtherBlocks`, and a button's text counts towards the block text total (Slack does not say
 * what it counts; counting more keeps us further from its limit).
 */
export function checkBlockKitLimits(message: unknown, options: CheckOptions = {}): LimitProblem[] {
  const problems: LimitProblem[] = [];
  const add = (error: SlackLimitError, path: string, text: string) =>
    problems.push({ error, path, message: text });
  if (!isObject(message)) {
    add("invalid_blocks", "", "the message is not a JSON object");
    return problems;
  }
  const { text, blocks } = message;
  if (typeof text !== "string" || text.trim().length === 0) {
    add("no_text", "text", "no fallback `text`");
  } else if (text.length > SLACK_LIMITS.fallbackText) {
    add(
      "msg_too_long",
      "text",
      `\`text\` has ${text.length} characters (at most ${SLACK_LIMITS.fallbackText})`,
    );
  }
  if (blocks === undefined) return problems;
  if (!Array.isArray(blocks)) {
    add("invalid_blocks", "blocks", "`blocks` is not an array");
    return problems;
  }
  if (blocks.length > SLACK_LIMITS.blocksPerMessage) {
    add("invalid_blocks", "blocks", `${blocks.length} blocks (at most ${SLACK_LIMITS.blocksPerMessage})`);
  }
  let total = 0;
  const blockIds = new Set<string>();
  const checkText = (value: unknown, path: string, max: number, only?: "plain_text") => {
    if (!isObject(value) || typeof value.type !== "string" || !TEXT_TYPES.has(value.type)) {
      add("invalid_blocks", path, "not a text object (plain_text or mrkdwn)");
      return;
    }
    if (only && value.type !== only) add("invalid_blocks", `${path}.type`, `must be ${only}`);
    if (typeof value.text !== "string" || value.text.length === 0) {
      add("invalid_blocks", `${path}.text`, "empty text");
      return;
    }
    if (value.text.length > max) {
      add("invalid_blocks", `${path}.text`, `${value.text.length} characters (at most ${max})`);
    }
    total += value.text.length;
  };
  blocks.forEach((block: unknown, i) => {
    const path = `blocks[${i}]`;
    if (!isObject(block) || typeof block.type !== "string") {
      add("invalid_blocks", path, "not a block");
      return;
    }
    if (block.block_id !== undefined) {
      if (typeof block.block_id !== "string" || block.block_id.length > SLACK_LIMITS.blockId) {
        add("invalid_blocks", `${path}.block_id`, `at most ${SLACK_LIMITS.blockId} characters`);
      } else if (blockIds.has(block.block_id)) {
        add("invalid_blocks", `${path}.block_id`, "repeated block_id");
      } else {
        blockIds.add(block.block_id);
      }
    }
    switch (block.type) {
      case "header":
        checkText(block.text, `${path}.text`, SLACK_LIMITS.headerText, "plain_text");
        break;
      case "section": {
        if (block.text === undefined && block.fields === undefined) {
          add("invalid_blocks", path, "a section needs `text` or `fields`");
        }
        if (block.text !== undefined) checkText(block.text, `${path}.text`, SLACK_LIMITS.sectionText);
        if (block.fields !== undefined) {
          if (!Array.isArray(block.fields) || block.fields.length === 0) {
            add("invalid_blocks", `${path}.fields`, "`fields` must be a non-empty array");
          } else {
            if (block.fields.length > SLACK_LIMITS.sectionFields) {
              add("invalid_blocks", `${path}.fields`, `at most ${SLACK_LIMITS.sectionFields} fields`);
            }
            block.fields.forEach((field: unknown, j) => {
              checkText(field, `${path}.fields[${j}]`, SLACK_LIMITS.sectionFieldText);
            });
          }
        }
        break;
      }
      case "context": {
        const elements = block.elements;
        if (!Array.isArray(elements) || elements.length === 0) {
          add("invalid_blocks", `${path}.elements`, "a context block needs 1 to 10 elements");
          break;
        }
        if (elements.length > SLACK_LIMITS.contextElements) {
          add("invalid_blocks", `${path}.elements`, `${elements.length} elements (at most 10)`);
        }
        elements.forEach((element: unknown, j) => {
          const at = `${path}.elements[${j}]`;
          if (isObject(element) && element.type === "image") {
            if (typeof element.image_url !== "string" || typeof element.alt_text !== "string") {
              add("invalid_blocks", at, "an image needs image_url and alt_text");
            }
          } else {
            checkText(element, at, SLACK_LIMITS.textObject);
          }
        });
        break;
      }
      case "actions": {
        const elements = block.elements;
        if (!Array.isArray(elements) || elements.length === 0) {
          add("invalid_blocks", `${path}.elements`, "an actions block needs 1 to 25 elements");
          break;
        }
        if (elements.length > SLACK_LIMITS.actionsElements) {
          add(
            "invalid_blocks",
            `${path}.elements`,
            `${elements.length} elements (at most ${SLACK_LIMITS.actionsElements})`,
          );
        }
        const actionIds = new Set<string>();
        elements.forEach((element: unknown, j) => {
          const at = `${path}.elements[${j}]`;
          if (!isObject(element) || typeof element.type !== "string") {
            add("invalid_blocks", at, "not an element");
            return;
          }
          if (element.action_id !== undefined) {
            if (typeof element.action_id !== "string" || element.action_id.length === 0) {
              add("invalid_blocks", `${at}.action_id`, "must be a non-empty string");
            } else if (element.action_id.length > SLACK_LIMITS.actionId) {
              add("invalid_blocks", `${at}.action_id`, `at most ${SLACK_LIMITS.actionId} characters`);
            } else if (actionIds.has(element.action_id)) {
              add("invalid_blocks", `${at}.action_id`, "repeated action_id in the block");
            } else {
              actionIds.add(element.action_id);
            }
          }
          if (element.type === "button") {
            checkText(element.text, `${at}.text`, SLACK_LIMITS.buttonText, "plain_text");
            const strings: Array<[string, number]> = [
              ["value", SLACK_LIMITS.buttonValue],
              ["url", SLACK_LIMITS.buttonUrl],
              ["accessibility_label", SLACK_LIMITS.accessibilityLabel],
            ];
            for (const [field, max] of strings) {
              const value = element[field];
              if (value === undefined) continue;
              if (typeof value !== "string" || value.length === 0 || value.length > max) {
                add("invalid_blocks", `${at}.${field}`, `must be 1 to ${max} characters`);
              }
            }
            if (element.style !== undefined && element.style !== "primary" && element.style !== "danger") {
              add("invalid_blocks", `${at}.style`, "must be primary or danger");
            }
          } else if (!options.allowOtherBlocks) {
            add("invalid_blocks", `${at}.type`, `element type "${element.type}" is not one the digest uses`);
          }
        });
        break;
      }
      case "divider":
        break;
      default:
        if (!options.allowOtherBlocks) {
          add("invalid_blocks", `${path}.type`, `block type "${block.type}" is not one the digest uses`);
        }
    }
  });
  if (total > SLACK_LIMITS.blockTextTotal) {
    add("msg_blocks_too_long", "blocks", `${total} characters of block text (Slack stops near 12,000)`);
  }
  return problems;
}

/** All text in a message's blocks, as checkBlockKitLimits counts it. */
export function blockTextLength(blocks: readonly KnownBlock[]): number {
  let total = 0;
  const count = (value: unknown) => {
    if (isObject(value) && typeof value.text === "string") total += value.text.length;
  };
  for (const block of blocks) {
    const b = block as unknown as Record<string, unknown>;
    count(b.text);
    if (Array.isArray(b.fields)) b.fields.forEach(count);
    if (Array.isArray(b.elements)) {
      for (const element of b.elements) {
        count(element);
        // A button's label is a text object inside the element (`elements[j].text.text`).
        if (isObject(element) && element.type === "button") count(element.text);
      }
    }
  }
  return total;
}
