/**
 * One Slack message being filled: blocks are added only while the message stays under a block
 * count and a block-text budget (limits.ts counts the text), so whatever is added in what order,
 * the message is within both. The renderer reserves the room its closing block needs up front.
 */
import type { KnownBlock } from "@slack/types";
import { blockTextLength } from "../../block-kit/limits";

export class MessageRoom {
  readonly blocks: KnownBlock[] = [];
  private chars = 0;

  constructor(
    private readonly maxBlocks: number,
    private readonly maxChars: number,
  ) {}

  fits(blocks: readonly KnownBlock[]): boolean {
    return (
      this.blocks.length + blocks.length <= this.maxBlocks &&
      this.chars + blockTextLength(blocks) <= this.maxChars
    );
  }

  /** A scratch room with what is left of this one, less `blocks` (to lay out a part before another). */
  rest(blocks: readonly KnownBlock[] = []): MessageRoom {
    return new MessageRoom(
      this.maxBlocks - this.blocks.length - blocks.length,
      this.maxChars - this.chars - blockTextLength(blocks),
    );
  }

  /** Adds all of `blocks` when they fit, none otherwise. */
  add(blocks: readonly KnownBlock[]): boolean {
    if (!this.fits(blocks)) return false;
    this.blocks.push(...blocks);
    this.chars += blockTextLength(blocks);
    return true;
  }
}
