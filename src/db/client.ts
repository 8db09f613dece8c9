import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

export type Database = ReturnType<typeof openDatabase>;

export function openDatabase(d1: D1Database) {
  return drizzle(d1, { schema });
}

/**
 * D1 caps one bound value at 2 MB, so a JSON array passed to `json_each(?)` is split into
 * chunks well under that. One parameter per statement also keeps every statement far from
 * D1's 100-bound-parameter limit, however many rows it carries.
 */
export function chunkForJsonParam<T>(items: T[], maxChars = 900_000): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let size = 2;
  for (const item of items) {
    const json = JSON.stringify(item);
    if (current.length > 0 && size + json.length + 1 > maxChars) {
      chunks.push(`[${current.join(",")}]`);
      current = [];
      size = 2;
    }
    current.push(json);
    size += json.length + 1;
  }
  if (current.length > 0) chunks.push(`[${current.join(",")}]`);
  return chunks;
}
