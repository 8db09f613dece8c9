/**
 * Ingesting "at" a chosen time, for tests that span weeks (the HTTP route always uses the real
 * clock). Straight through storeIngest, as the identity writer runs it.
 */
import { storeIngest } from "../../src/db/store-ingest";
import { parseInput } from "../../src/ingest/parse-input";
import { db } from "./db";

export async function ingestAt(text: string, at: string | number) {
  const parsed = await parseInput(text, undefined);
  if (!parsed) throw new Error("unparseable test input");
  const now = typeof at === "number" ? at : Date.parse(at);
  return (await storeIngest(db(), parsed, { source: "test", bytes: text.length, now })).report;
}
