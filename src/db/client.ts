import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

export type Database = ReturnType<typeof openDatabase>;

export function openDatabase(d1: D1Database) {
  return drizzle(d1, { schema });
}

/** Largest JSON list bound as one value, in UTF-8 bytes: D1 caps a bound value at 2 MB. */
export const MAX_JSON_PARAM_BYTES = 900_000;

/** UTF-8 length of a string without encoding it (surrogate pairs: 2 + 2 = 4 bytes). */
function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0x80) bytes += unit >= 0x800 && (unit < 0xd800 || unit > 0xdfff) ? 2 : 1;
  }
  return bytes;
}

/**
 * D1 caps one bound value at 2 MB, so a JSON array passed to `json_each(?)` is split into
 * chunks well under that, measured in UTF-8 bytes (an abstract in Greek or CJK is up to three
 * bytes a character). One parameter per statement also keeps every statement far from
 * D1's 100-bound-parameter limit, however many rows it carries. An empty list is no chunk.
 */
export function chunkForJsonParam<T>(items: readonly T[], maxBytes = MAX_JSON_PARAM_BYTES): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let size = 2;
  for (const item of items) {
    const json = JSON.stringify(item);
    const bytes = utf8Length(json);
    if (current.length > 0 && size + bytes + 1 > maxBytes) {
      chunks.push(`[${current.join(",")}]`);
      current = [];
      size = 2;
    }
    current.push(json);
    size += bytes + 1;
  }
  if (current.length > 0) chunks.push(`[${current.join(",")}]`);
  return chunks;
}
